"""Nobody outside the accompaniment groups gets anything of a case from the admin: not the
list, not a case's screens, not its files, not its actions — nor its traces in Wagtail's
site history or admin search. With ACCOMPANIMENT_REFERENT_ONLY, a chargé sees only their
own cases and a responsable all of them. The list's queries do not grow with its length."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accompaniment.factories import CaseFactory, InterestFactory
from accompaniment.models import Case, CaseAttachment, Interest
from listings.factories import ListingFactory
from reference.factories import CommuneFactory, EpciFactory, ProfessionFactory
from reference.models import Commune

from .admin_fixtures import *  # noqa: F403 - fixtures
from .admin_helpers import (
    PERSON,
    edit_url,
    leaks,
)

pytestmark = pytest.mark.django_db

BASE = "/admin/accompagnement/dossiers"


@pytest.fixture
def full_case(case, charge, client):
    """The case with an attachment, an interest, and log entries written by the admin."""
    attachment = CaseAttachment(case=case, title="Diplôme de Zéphyrin")
    attachment.file.save("diplome.pdf", ContentFile(b"%PDF-1.4 Apolline Zephyrin"), save=False)
    attachment.save()
    interest = InterestFactory(case=case, listing=ListingFactory(), share_contact=True)
    client.force_login(charge)
    response = client.post(f"{BASE}/{case.pk}/revoquer-le-lien/")
    assert response.status_code == 302
    client.logout()
    case.refresh_from_db()
    return {"case": case, "attachment": attachment, "interest": interest}


def case_urls(case, attachment, interest):
    pk = case.pk
    return [
        f"{BASE}/",
        f"{BASE}/results/",
        f"{BASE}/?q=Zéphyrin",
        f"{BASE}/new/",
        edit_url(case),
        f"{BASE}/history/{pk}/",
        f"{BASE}/history-results/{pk}/",
        f"{BASE}/usage/{pk}/",
        f"{BASE}/delete/{pk}/",
        f"{BASE}/{pk}/attribuer/",
        f"{BASE}/{pk}/revoquer-le-lien/",
        f"{BASE}/{pk}/nouveau-lien/",
        f"{BASE}/{pk}/effacer/",
        f"{BASE}/{pk}/interets/{interest.pk}/mise-en-relation/",
        f"{BASE}/{pk}/pieces-jointes/{attachment.pk}/",
        "/admin/accompagnement/regles/",
    ]


ACTIONS = ("revoquer-le-lien", "nouveau-lien", "effacer", "attribuer")


@pytest.mark.parametrize("who", ["anonymous", "contributor", "editor", "moderator"])
def test_outsiders_get_nothing_from_any_case_url(client, full_case, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    case, attachment, interest = full_case["case"], full_case["attachment"], full_case["interest"]
    for url in case_urls(case, attachment, interest):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert not leaks(response), url
        assert b"%PDF" not in response.content
    # Nor may they act: every POST is refused and changes nothing.
    for action in ACTIONS:
        response = client.post(f"{BASE}/{case.pk}/{action}/")
        assert response.status_code in (302, 403, 404)
    response = client.post(f"{BASE}/{case.pk}/interets/{interest.pk}/mise-en-relation/")
    assert response.status_code in (302, 403, 404)
    response = client.post(edit_url(case), {"first_name": "Pirate"})
    assert response.status_code in (302, 403, 404)
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.first_name, fresh.link_version, fresh.anonymised_at) == (
        PERSON["first_name"],
        case.link_version,
        None,
    )
    assert Interest.objects.get(pk=interest.pk).introduced_at is None


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_staff_of_other_groups_see_no_case_in_site_history_search_or_menu(client, full_case, who, request):
    client.force_login(request.getfixturevalue(who))
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert "Dossier n°" not in history.content.decode()
    assert not leaks(history)
    search = client.get("/admin/search/", {"q": "Zéphyrin"})
    assert not leaks(search)
    home = client.get("/admin/")
    assert "Accompagnement" not in home.content.decode()
    assert BASE not in home.content.decode()


def test_the_usage_of_a_commune_does_not_list_cases(client, case, editor):
    reverse("accompaniment_cases:index")  # the admin's viewsets are registered (the reference index's models too)
    commune = CommuneFactory()
    case.installed_commune = commune
    case.save()
    client.force_login(editor)
    usage = client.get(reverse(Commune.snippet_viewset.get_url_name("usage"), args=[commune.pk]))
    assert usage.status_code == 200
    # Wagtail would list it as a private « dossier d'accompagnement »: not even that.
    assert "accompagnement" not in usage.content.decode().lower() and not leaks(usage)


def test_the_chargé_sees_the_menu_the_case_and_its_history_without_personal_data(client, full_case, charge):
    client.force_login(charge)
    assert "Accompagnement" in client.get("/admin/").content.decode()
    history = client.get("/admin/reports/site-history/")
    # The entries are there (so the test above could fail), labelled by number only.
    assert f"Dossier n° {full_case['case'].pk}" in history.content.decode()
    assert not leaks(history)
    assert not leaks(client.get(f"{BASE}/history/{full_case['case'].pk}/"))
    listing = client.get(f"{BASE}/")
    assert "Zéphyrin" in listing.content.decode()


def test_with_referent_only_a_chargé_sees_only_their_cases_and_a_responsable_all(
    client, settings, charge, other_charge, manager
):
    settings.ACCOMPANIMENT_REFERENT_ONLY = True
    mine = CaseFactory(referent=charge, last_name="Mienne")
    theirs = CaseFactory(referent=other_charge, last_name="Sienne")
    attachment = CaseAttachment(case=theirs, title="Pièce")
    attachment.file.save("piece.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    interest = InterestFactory(case=theirs, listing=ListingFactory())

    client.force_login(charge)
    listing = client.get(f"{BASE}/", {"referent": "all"}).content.decode()
    assert "Mienne" in listing and "Sienne" not in listing
    for url in case_urls(theirs, attachment, interest)[4:-1]:
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "Sienne" not in response.content.decode(errors="replace")
    assert client.get(edit_url(mine)).status_code == 200

    client.force_login(manager)
    listing = client.get(f"{BASE}/").content.decode()
    assert "Mienne" in listing and "Sienne" in listing
    assert client.get(edit_url(theirs)).status_code == 200
    assert client.get(f"{BASE}/{theirs.pk}/pieces-jointes/{attachment.pk}/").status_code == 200


def test_without_referent_only_a_chargé_reaches_every_case_but_lists_their_own_first(client, charge, other_charge):
    theirs = CaseFactory(referent=other_charge, last_name="Sienne")
    CaseFactory(referent=charge, last_name="Mienne")
    client.force_login(charge)
    default = client.get(f"{BASE}/").content.decode()
    assert "Mienne" in default and "Sienne" not in default  # « Mes dossiers »
    everything = client.get(f"{BASE}/", {"referent": "all"}).content.decode()
    assert "Sienne" in everything
    assert client.get(edit_url(theirs)).status_code == 200


def test_the_attachment_is_a_download_never_sniffed(client, full_case, charge):
    client.force_login(charge)
    case, attachment = full_case["case"], full_case["attachment"]
    response = client.get(f"{BASE}/{case.pk}/pieces-jointes/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "diplome-de-zephyrin.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # An attachment of another case, through this case's URL: nothing.
    other = CaseFactory(referent=charge)
    assert client.get(f"{BASE}/{other.pk}/pieces-jointes/{attachment.pk}/").status_code == 404


@pytest.mark.slow
def test_the_list_costs_the_same_number_of_queries_for_3_and_15_cases(client, charge, manager):
    def count(total):
        Case.objects.all().delete()
        epci, profession = EpciFactory(), ProfessionFactory()
        for number in range(total):
            referent = charge if number % 2 else manager
            case = CaseFactory(referent=referent, epci=epci, profession=profession)
            case.timeline.create(kind="task", text="Rappeler", due_on="2030-01-01")
        client.force_login(manager)
        client.get(f"{BASE}/", {"referent": "all"})  # warm the caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{BASE}/", {"referent": "all"})
        assert response.status_code == 200
        assert response.content.decode().count("Rappeler") == 0  # task texts stay in the case
        return len(queries)

    assert count(3) == count(15)
