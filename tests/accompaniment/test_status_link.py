"""The private status page behind the e-mailed link: what the person sees, the information
they add, the download of their data and its erasure, a new link by e-mail. A link that does
not work — forged, expired, revoked, erased — always gets the same 404, with no data; the
pages are never stored nor indexed, and cost the same queries whatever the number of messages."""

import json
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from accompaniment import links, privacy
from accompaniment.factories import CaseFactory, InterestFactory, ReferentFactory, TimelineEntryFactory
from accompaniment.models import Case, CaseState, EntryKind, TimelineEntry
from accompaniment.privacy import anonymise
from listings.factories import ListingFactory
from listings.models import ListingStatus

from .person_helpers import everything_in, guard, links_in, mails_to, page_text

pytestmark = pytest.mark.django_db

DEAD = "Ce lien ne fonctionne plus"


@pytest.fixture
def referent():
    return ReferentFactory(first_name="Claire", last_name="Ravel")


@pytest.fixture
def case(referent):
    return CaseFactory(
        first_name="Inès",
        last_name="Durand-Lefort",
        email="ines.durand@example.org",
        referent=referent,
        state=CaseState.IN_PROGRESS,
        next_steps="Visite de la maison de santé de Die le 12 mars.",
    )


def status_path(case):
    return f"/mon-accompagnement/{links.make_token(case)}/"


def assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"  # never to another site
    assert "noindex" in response["X-Robots-Tag"]


def test_the_page_says_where_the_request_stands_and_shows_only_shared_messages(client, case):
    TimelineEntryFactory(case=case, kind=EntryKind.MESSAGE_FROM_PERSON, text="Premier message de la personne")
    TimelineEntryFactory(
        case=case, kind=EntryKind.MESSAGE_TO_PERSON, text="Réponse de la référente", author=case.referent
    )
    TimelineEntryFactory(case=case, kind=EntryKind.NOTE, text="Note interne confidentielle")
    response = client.get(status_path(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert '<meta name="robots" content="noindex' in html
    assert "Accompagnement en cours" in html
    assert "Claire Ravel" in html
    assert "Visite de la maison de santé de Die" in html
    assert html.index("Premier message de la personne") < html.index("Réponse de la référente")
    assert "Note interne confidentielle" not in html
    assert "Ajouter une information" in html
    assert "Télécharger mes données" in html and "Demander l'effacement de mes données" in html


def test_without_a_referent_the_page_says_one_will_be_given(client):
    case = CaseFactory(state=CaseState.NEW)
    html = client.get(status_path(case)).content.decode()
    assert "Demande reçue" in html
    assert "Un(e) chargé(e) d'accompagnement va vous être attribué(e)." in html


def test_the_listings_of_interest_are_listed(client, case):
    InterestFactory(case=case, listing=ListingFactory(title="Cabinet à Die"))
    InterestFactory(case=case, listing=ListingFactory(title="Local retiré", status=ListingStatus.WITHDRAWN))
    html = client.get(status_path(case)).content.decode()
    assert '<a href="/annonces/cabinet-a-die/">Cabinet à Die</a>' in html
    assert "Local retiré <span" in html and "(annonce retirée)" in html


def test_the_page_cache_never_keeps_it(client, case, settings):
    settings.PAGE_CACHE_SECONDS = 600
    path = status_path(case)
    first, second = client.get(path), client.get(path)
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def expired_token(case):
    days = 181 * 24 * 3600
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(int(time.time()) - days)
    ):
        return links.make_token(case)


@pytest.mark.parametrize("how", ["forged", "expired", "revoked", "anonymised", "other_salt"])
def test_a_link_that_does_not_work_gets_the_same_404_and_no_data(client, case, how, settings):
    settings.ACCOMPANIMENT_LINK_DAYS = 180
    token = links.make_token(case)
    if how == "forged":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif how == "expired":
        token = expired_token(case)
    elif how == "revoked":
        links.revoke_links(case)
    elif how == "anonymised":
        privacy.anonymise(Case.objects.get(pk=case.pk))
    elif how == "other_salt":
        token = links.make_token(case, salt=links.INTEREST_SALT, listing=1, share=False, message="")
    for path in (
        f"/mon-accompagnement/{token}/",
        f"/mon-accompagnement/{token}/mes-donnees.json",
        f"/mon-accompagnement/{token}/effacer/",
    ):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 404
        assert_private(response)
        assert DEAD in html and "/mon-accompagnement/nouveau-lien/" in html
        assert "Inès" not in html and "Durand" not in html and "Claire Ravel" not in html
    assert client.post(f"/mon-accompagnement/{token}/", {"text": "Bonjour"}).status_code == 404
    assert not TimelineEntry.objects.filter(kind=EntryKind.MESSAGE_FROM_PERSON).exists()


def test_a_signed_in_contributor_sees_nothing_more(client, case, django_user_model):
    contributor = django_user_model.objects.create_user("contributrice", "c@example.org", "motdepasse")
    client.force_login(contributor)
    response = client.get(f"/mon-accompagnement/{case.pk}/")
    assert response.status_code == 404 and DEAD in response.content.decode()


def test_adding_information_makes_an_entry_and_tells_the_desk_once(client, case, django_capture_on_commit_callbacks):
    path = status_path(case)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"text": "  J'ai obtenu ma thèse, je peux commencer en mai.  "})
    assert response.status_code == 302 and response["Location"] == path + "#messages"
    entry = case.timeline.get(kind=EntryKind.MESSAGE_FROM_PERSON)
    assert entry.text == "J'ai obtenu ma thèse, je peux commencer en mai."
    [to_desk] = mail.outbox
    assert to_desk.to == [case.referent.email]
    text = everything_in(to_desk)
    assert f"dossier n° {case.pk}" in text
    assert "thèse" not in text and "Inès" not in text and "ines.durand" not in text
    page = client.get(path).content.decode()
    assert "Votre message a été transmis" in page and "je peux commencer en mai" in page


def test_an_empty_or_too_long_message_is_refused_in_french(client, case):
    path = status_path(case)
    response = client.post(path, {"text": "   "})
    assert response.status_code == 400
    assert "Écrivez votre message avant de l'envoyer." in page_text(response)
    response = client.post(path, {"text": "x" * 4001})
    assert "trop long : 4000 caractères au plus" in response.content.decode()
    assert not case.timeline.exists()
    assert mail.outbox == []


def test_posts_from_one_client_are_limited(client, case, monkeypatch):
    monkeypatch.setattr("accompaniment.views.status.STATUS_POSTS_PER_HOUR", 2)
    path = status_path(case)
    assert [client.post(path, {"text": f"Message {n}"}).status_code for n in range(3)] == [302, 302, 429]


def test_the_export_holds_the_data_and_is_logged_without_it(client, case):
    TimelineEntryFactory(case=case, kind=EntryKind.NOTE, text="Note interne : rappeler mardi")
    response = client.get(status_path(case) + "mes-donnees.json")
    assert response.status_code == 200
    assert_private(response)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="accompagnement-')
    data = json.loads(response.content)
    assert data["personne"]["email"] == "ines.durand@example.org"
    assert data["personne"]["nom"] == "Durand-Lefort"
    assert data["suivi"]["referent"] == "Claire Ravel"
    assert "Note interne : rappeler mardi" in [entry["texte"] for entry in data["suivi"]["chronologie"]]
    log = ModelLogEntry.objects.get(action=privacy.EXPORT_ACTION)
    assert "Inès" not in str(log.data) + log.label


def test_erasure_asks_first_then_erases_tells_the_person_and_kills_the_link(
    client, case, django_capture_on_commit_callbacks
):
    path = status_path(case)
    confirm = client.get(path + "effacer/")
    assert confirm.status_code == 200 and "Effacer définitivement mes données" in confirm.content.decode()
    assert Case.objects.get(pk=case.pk).anonymised_at is None  # opening the page erases nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path + "effacer/")
    assert response.status_code == 302 and response["Location"] == "/mon-accompagnement/donnees-effacees/"
    assert "Vos données sont effacées" in client.get(response["Location"]).content.decode()
    case = Case.objects.get(pk=case.pk)
    assert case.anonymised_at is not None and case.state == CaseState.CLOSED
    assert (case.first_name, case.email) == ("", "")
    [erased] = mails_to("ines.durand@example.org")
    assert "effacées" in erased.subject
    assert links_in(erased) == []  # no link to a page that no longer exists
    assert client.get(path).status_code == 404


def test_a_new_link_goes_to_a_case_once_a_day_and_the_answer_never_tells(
    client, case, django_capture_on_commit_callbacks
):
    url = "/mon-accompagnement/nouveau-lien/"
    assert client.get(url).status_code == 200
    # A closed case keeps its data until anonymised: its person may still export or erase it.
    closed = CaseFactory(email="ancien@example.org", state=CaseState.CLOSED)
    erased = CaseFactory(email="efface@example.org", state=CaseState.CLOSED)
    anonymise(erased)
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for address in (
            "INES.DURAND@example.org",
            "ines.durand@example.org",
            "inconnu@example.org",
            closed.email,
            "efface@example.org",
        ):
            answers.append(client.post(url, {"email": address, **guard()}))
    assert {response["Location"] for response in answers} == {"/mon-accompagnement/nouveau-lien/envoye/"}
    assert sorted(message.to[0] for message in mail.outbox) == ["ancien@example.org", "ines.durand@example.org"]
    for sent in mail.outbox:
        [path] = {path for path in links_in(sent) if "nouveau-lien" not in path}
        assert client.get(path).status_code == 200


def test_a_new_link_request_with_errors_is_said_in_french(client):
    response = client.post("/mon-accompagnement/nouveau-lien/", {"email": "pas-une-adresse", **guard()})
    assert response.status_code == 400
    assert "Saisissez une adresse e-mail complète" in response.content.decode()


@pytest.mark.slow
def test_the_page_costs_the_same_queries_with_1_and_10_messages(client, case):
    def count_for(number):
        case.timeline.all().delete()
        for n in range(number):
            TimelineEntryFactory(case=case, kind=EntryKind.MESSAGE_TO_PERSON, text=f"Message {n}", author=case.referent)
            InterestFactory(case=case, listing=ListingFactory())
        path = status_path(case)
        client.get(path)  # warm caches shared by every page (site, settings)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    assert count_for(1) == count_for(10)
