"""Staff isolation between two desks in one instance, on the screens staff of every desk
share (issue 17): Wagtail's reports, the snippets' index, the « Utilisation » screen of a
shared row, the page choosers and the case timeline's partners.

Each test creates the forbidden thing on the veterinary desk (B, « veto.test ») and looks for
it as a moderator, an editor or a chargé d'accompagnement of the health desk (A,
« sante.test », the default site), next to a positive control: the health desk's own thing
is shown.
"""

import html
import importlib
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.actions.delete import DeleteAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, streamfield

from accompaniment.admin_forms import PARTNER_OF_ANOTHER_DESK
from accompaniment.models import EntryKind
from accompaniment.states import STATE_ACTION
from aides.factories import AidPageFactory
from aides.models import FUNDER_OF_ANOTHER_DESK, AidAudience, AidPage
from listings.models import AccountRequest, OrganisationKind
from provisioning.desk_groups import ensure_desk_groups
from reference.desks import desk_policies
from reference.models import Commune, HealthFacility
from reference.zoning import ProfessionZoning
from tests.accompaniment.admin_helpers import edit_data, edit_url, management, timeline_form
from users.models import DeskRole

pytestmark = pytest.mark.django_db

STAFF_ROLES = {"moderator": DeskRole.MODERATORS, "editor": DeskRole.EDITORS, "charge": DeskRole.ACCOMPANIMENT}
A_ROLES = list(STAFF_ROLES)


@pytest.fixture
def staff(two_desks, django_user_model):
    """{(desk, role): user} — « sante » and « veto », each with a moderator, an editor and a
    chargé d'accompagnement in the desk's groups: the health desk's are the migrations' (the
    fixture keeps them bound to the default site), the veterinary desk's those bootstrap_desk
    --hostname makes (ensure_desk_groups)."""
    groups = {
        "sante": ensure_desk_groups(two_desks.sante.site, two_desks.sante.desk_name),
        "veto": ensure_desk_groups(two_desks.veto.site, two_desks.veto.desk_name),
    }
    users = {}
    for desk, by_role in groups.items():
        for key, role in STAFF_ROLES.items():
            user = django_user_model.objects.create_user(f"{key}-{desk}", f"{key}-{desk}@example.org", "motdepasse")
            user.groups.add(by_role[role])
            users[desk, key] = user
    return users


def text(response):
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def exported(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def cells(content):
    return {str(cell.value) for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row}


# --- « Historique du site » ------------------------------------------------------------------------


def act_on_both_desks(two_desks, staff):
    """Each desk's staff act on their desk's rows and pages, as the admin logs it; B also
    deletes an account request (its entry outlives the row). Returns the labels each desk's
    entries carry."""
    labels = {}
    for desk_key in ("sante", "veto"):
        desk = two_desks.sante if desk_key == "sante" else two_desks.veto
        moderator, editor, charge = (staff[desk_key, role] for role in ("moderator", "editor", "charge"))
        request = AccountRequest.objects.create(
            site=desk.site,
            organisation_name=f"Mairie demandeuse {desk_key}",
            organisation_kind=OrganisationKind.MUNICIPALITY,
            first_name="Camille",
            last_name="Demandeuse",
            role="Adjointe",
            email=f"demande-{desk_key}@example.org",
        )
        log(desk.listings["public"], "wagtail.edit", user=moderator)
        log(desk.organisation, "wagtail.edit", user=moderator)
        log(request, "wagtail.create", user=moderator)
        log(desk.professions["main"], "wagtail.edit", user=editor)
        log(desk.aid, "wagtail.edit", user=editor)
        log(desk.cases[0], "wagtail.edit", user=charge)
        labels[desk_key] = {
            "listing": desk.listings["public"].title,
            "organisation": desk.organisation.name,
            "request": request.organisation_name,
            "profession": desk.professions["main"].name,
            "aid": desk.aid.title,
            "case": f"Dossier n° {desk.cases[0].pk}",
        }
        if desk_key == "veto":
            # Only B moves a case, edits an audience and deletes a request: the action and the
            # type must not reach A's filters.
            log(desk.cases[1], STATE_ACTION, user=charge, data={"from": "new", "to": "assigned"})
            log(desk.audience, "wagtail.edit", user=editor)
            DeleteAction(request, user=moderator).execute(skip_permission_checks=True)
    return labels


SEEN_BY = {
    "moderator": ("listing", "organisation", "request"),
    "editor": ("profession", "aid"),
    "charge": ("case",),
}


def label_present(label, body):
    # « Dossier n° 3 » must not match « Dossier n° 31 ».
    return re.search(re.escape(label) + r"(?!\d)", body) is not None


@pytest.mark.parametrize("role", A_ROLES)
def test_site_history_and_its_exports_show_no_entry_of_the_other_desk(client, two_desks, staff, role):
    labels = act_on_both_desks(two_desks, staff)
    client.force_login(staff["sante", role])
    report = reverse("wagtailadmin_reports:site_history")
    bodies = {
        "page": text(client.get(report)),
        "results": text(client.get(reverse("wagtailadmin_reports:site_history_results"))),
        "csv": exported(client.get(report + "?export=csv")).decode("utf-8-sig"),
        "xlsx": " ".join(cells(exported(client.get(report + "?export=xlsx")))),
    }
    for where, body in bodies.items():
        for key in SEEN_BY[role]:
            assert label_present(labels["sante"][key], body), (where, key)
        for key, label in labels["veto"].items():
            assert not label_present(label, body), (where, key)
        for user_role in A_ROLES:
            assert f"{user_role}-veto" not in body, (where, user_role)


@pytest.mark.parametrize("role", A_ROLES)
def test_site_history_filters_offer_nothing_of_the_other_desk(client, two_desks, staff, role):
    act_on_both_desks(two_desks, staff)
    client.force_login(staff["sante", role])
    filters = client.get(reverse("wagtailadmin_reports:site_history")).context["filters"]
    users = {user.username for user in filters.form.fields["user"].queryset}
    assert users and all(name.endswith("-sante") for name in users), users
    assert f"{role}-sante" in users
    actions = {code for code, _label in filters.form.fields["action"].choices}
    assert STATE_ACTION not in actions and "wagtail.delete" not in actions
    assert "wagtail.edit" in actions
    types = {content_type.model for content_type in filters.form.fields["object_type"].queryset}
    assert types and "aidaudience" not in types
    # B's staff see their own desk's (the control of the filters).
    client.force_login(staff["veto", "charge"])
    filters = client.get(reverse("wagtailadmin_reports:site_history")).context["filters"]
    assert STATE_ACTION in {code for code, _label in filters.form.fields["action"].choices}
    assert "charge-veto" in {user.username for user in filters.form.fields["user"].queryset}
    client.force_login(staff["veto", "editor"])
    filters = client.get(reverse("wagtailadmin_reports:site_history")).context["filters"]
    assert "aidaudience" in {content_type.model for content_type in filters.form.fields["object_type"].queryset}


def test_each_log_entry_of_a_desk_row_carries_its_desk(two_desks, staff):
    act_on_both_desks(two_desks, staff)
    veto = two_desks.veto.site.pk
    deleted = ModelLogEntry.objects.get(action="wagtail.delete")
    assert deleted.data["desk"] == veto
    for desk in (two_desks.sante, two_desks.veto):
        entries = ModelLogEntry.objects.filter(label=desk.listings["public"].title)
        assert {entry.data["desk"] for entry in entries} == {desk.site.pk}


STAMPING_MIGRATIONS = (
    "reference.migrations.0009_desk_on_log_entries",
    "aides.migrations.0008_desk_on_log_entries",
    "listings.migrations.0013_desk_on_log_entries",
    "accompaniment.migrations.0004_desk_on_log_entries",
)


def test_the_migrations_stamp_the_entries_written_before(two_desks, staff):
    act_on_both_desks(two_desks, staff)
    ModelLogEntry.objects.update(data={})
    for module in STAMPING_MIGRATIONS:
        importlib.import_module(module).forwards(apps, None)
    sante, veto = two_desks.sante.site.pk, two_desks.veto.site.pk
    by_label = {entry.label: entry.data.get("desk") for entry in ModelLogEntry.objects.all()}
    assert by_label["Cabinet médical à Valmont"] == sante
    assert by_label["Clinique vétérinaire à reprendre au Vallon"] == veto
    assert by_label[f"Dossier n° {two_desks.veto.cases[0].pk}"] == veto
    # A deleted row's desk is unknown: the default desk's.
    assert by_label["Mairie demandeuse veto"] == sante


def test_the_migrations_stamp_every_model_of_a_desks_rows():
    stamped = {}
    for module in STAMPING_MIGRATIONS:
        stamped.update(importlib.import_module(module).SITE_FIELDS)
    assert stamped == {model._meta.label: policy.site_field for model, policy in desk_policies().items()}


def test_the_other_desks_page_history_is_closed(client, two_desks, staff):
    log(two_desks.veto.aid, "wagtail.edit", user=staff["veto", "editor"])
    client.force_login(staff["sante", "editor"])
    response = client.get(reverse("wagtailadmin_pages:history", args=[two_desks.veto.aid.pk]))
    assert response.status_code in (302, 403, 404)
    assert client.get(reverse("wagtailadmin_pages:history", args=[two_desks.sante.aid.pk])).status_code == 200


def queries(client, url):
    """How many queries a page costs (asked twice: the first fills the process's caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    text(client.get(url))
    with CaptureQueriesContext(connection) as captured:
        text(client.get(url))
    return len(captured)


def test_site_history_costs_the_same_whatever_the_number_of_entries(client, two_desks, staff):
    act_on_both_desks(two_desks, staff)
    client.force_login(staff["sante", "moderator"])
    few = queries(client, reverse("wagtailadmin_reports:site_history"))
    for desk_key, desk in (("sante", two_desks.sante), ("veto", two_desks.veto)):
        for listing in desk.listings.values():
            for _ in range(5):
                log(listing, "wagtail.edit", user=staff[desk_key, "moderator"])
    assert queries(client, reverse("wagtailadmin_reports:site_history")) == few


# --- « Pages verrouillées » ---------------------------------------------------------------------


def lock(page, user):
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])


def test_locked_pages_name_nobody_of_the_other_desk(client, two_desks, staff):
    lock(two_desks.veto.aid, staff["veto", "editor"])
    lock(two_desks.veto.partner, staff["veto", "moderator"])
    lock(two_desks.sante.aid, staff["sante", "editor"])
    # The report is for those who may unlock pages: the moderators (not the editors).
    client.force_login(staff["sante", "editor"])
    assert client.get(reverse("wagtailadmin_reports:locked_pages")).status_code == 302
    client.force_login(staff["sante", "moderator"])
    response = client.get(reverse("wagtailadmin_reports:locked_pages"))
    body = text(response)
    assert two_desks.sante.aid.title in body
    assert two_desks.veto.aid.title not in body and two_desks.veto.partner.title not in body
    lockers = {user.username for user in response.context["filters"].form.fields["locked_by"].queryset}
    assert lockers == {"editor-sante"}
    results = text(client.get(reverse("wagtailadmin_reports:locked_pages_results")))
    assert "editor-veto" not in results and "moderator-veto" not in results


# --- The snippets' index --------------------------------------------------------------------------


def test_the_snippets_index_counts_only_the_desks_rows(client, two_desks, staff):
    for code in ("jeune", "etudiant"):
        AidAudience.objects.create(site=two_desks.veto.site, code=code, name=f"Public vétérinaire {code}")
    client.force_login(staff["sante", "editor"])
    response = client.get(reverse("wagtailsnippets:index"))
    text(response)
    counts = {row["model"]: row["count"] for row in response.context["object_list"]}
    assert counts[AidAudience] == AidAudience.objects.filter(site=two_desks.sante.site).count() == 1
    client.force_login(staff["veto", "editor"])
    counts = {row["model"]: row["count"] for row in client.get(reverse("wagtailsnippets:index")).context["object_list"]}
    assert counts[AidAudience] == 3


# --- « Utilisation » of a shared row ---------------------------------------------------------------


def test_usage_of_a_shared_commune_lists_no_row_of_the_other_desk(client, two_desks, staff, django_user_model):
    roche = two_desks.sante.communes["roche"]
    # Desk B uses the commune too: a listing and a facility (the fixture's « stray » ones), a
    # zoning of its profession, an aid page and a case.
    ProfessionZoning.objects.create(commune=roche, profession=two_desks.veto.professions["main"], zone_class="zip")
    two_desks.veto.aid.communes.add(roche)
    two_desks.veto.aid.save_revision().publish()
    two_desks.veto.cases[0].communes.add(roche)
    two_desks.veto.cases[0].save()
    HealthFacility.objects.create(
        site=two_desks.sante.site, kind="practice", name="Cabinet de santé de Roche", commune=roche
    )
    url = reverse(Commune.snippet_viewset.get_url_name("usage"), args=[roche.pk])
    # Who reaches it: those who may change communes (the editors), not the moderators nor the chargés.
    for role in ("moderator", "charge"):
        client.force_login(staff["sante", role])
        assert client.get(url).status_code in (302, 403), role
    client.force_login(staff["sante", "editor"])
    rows = usage_rows(client.get(url))
    # A's own: its facility, and its expired listing (« privée »: the editor may not change
    # listings, Wagtail's rule within a desk). None of B's, not even as a private row.
    assert sorted(rows) == ["(annonce Privé(e))", "Cabinet de santé de Roche"]
    # The commune's edit screen counts the same rows.
    edit = text(client.get(reverse(Commune.snippet_viewset.get_url_name("edit"), args=[roche.pk])))
    assert re.search(r"Utilisé\(e\) 2 fois", edit), re.findall(r"Utilisé\(e\) \d+ fois", edit)
    superuser = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(superuser)
    rows = usage_rows(client.get(url))
    assert "Cabinet vétérinaire de Roche" in rows and "Cabinet vétérinaire à Roche" in rows
    assert len(rows) == 5
    edit = text(client.get(reverse(Commune.snippet_viewset.get_url_name("edit"), args=[roche.pk])))
    assert re.search(r"Utilisé\(e\) 5 fois", edit)


def usage_rows(response):
    """The first cell of each row of a « Utilisation » screen."""
    soup = BeautifulSoup(text(response), "html.parser")
    return [row.select_one("td").get_text(" ", strip=True) for row in soup.select("table.listing tbody tr")]


def test_usage_costs_nothing_for_the_other_desks_rows(client, two_desks, staff):
    """The other desk's rows are left out by the query (Wagtail then reads each row it shows,
    one query per row of its 20-row pages: its cost, not the desk's filter's)."""
    roche = two_desks.sante.communes["roche"]
    url = reverse(Commune.snippet_viewset.get_url_name("usage"), args=[roche.pk])
    client.force_login(staff["sante", "editor"])
    few = queries(client, url)
    veto = two_desks.veto.site
    for number in range(4):
        HealthFacility.objects.create(site=veto, kind="practice", name=f"Clinique {number}", commune=roche)
    assert queries(client, url) == few


# --- Pages and rows picked in an aid page -----------------------------------------------------------


def aid_form(aid, **extra):
    data = nested_form_data(
        {
            "title": aid.title,
            "slug": aid.slug,
            "summary": aid.summary or "En bref.",
            "aid_type": aid.aid_type,
            "amount_period": aid.amount_period,
            "scope": aid.scope,
            "zonage_requirement": aid.zonage_requirement,
            "body": streamfield([]),
        }
    )
    data.update(extra)
    return data


def test_an_aid_page_refuses_a_funder_of_the_other_desk(client, two_desks, staff):
    aid, veto_partner = two_desks.sante.aid, two_desks.veto.partner
    revisions = aid.revisions.count()
    client.force_login(staff["sante", "editor"])
    url = reverse("wagtailadmin_pages:edit", args=[aid.pk])
    response = client.post(url, aid_form(aid, funder=veto_partner.pk))
    assert response.status_code == 200
    assert FUNDER_OF_ANOTHER_DESK in text(response)
    aid.refresh_from_db()
    assert aid.funder_id is None and aid.revisions.count() == revisions
    # Its own desk's partner is accepted.
    response = client.post(url, aid_form(aid, funder=two_desks.sante.partner.pk))
    assert response.status_code == 302, response.context["form"].errors
    assert AidPage.objects.get(pk=aid.pk).get_latest_revision_as_object().funder == two_desks.sante.partner


def test_a_new_aid_page_refuses_a_funder_of_the_other_desk(client, two_desks, staff):
    index = two_desks.sante.aids_index
    client.force_login(staff["sante", "editor"])
    url = reverse("wagtailadmin_pages:add", args=["aides", "aidpage", index.pk])
    new = AidPage(title="Aide nouvelle", slug="aide-nouvelle", summary="En bref.", aid_type="grant")
    response = client.post(url, aid_form(new, funder=two_desks.veto.partner.pk))
    assert response.status_code == 200
    assert FUNDER_OF_ANOTHER_DESK in text(response)
    assert not AidPage.objects.filter(slug="aide-nouvelle").exists()


def test_the_model_refuses_a_funder_of_the_other_desk(two_desks):
    aid = AidPage.objects.get(pk=two_desks.sante.aid.pk)
    aid.funder = two_desks.veto.partner
    with pytest.raises(ValidationError) as refused:
        aid.full_clean()
    assert refused.value.message_dict["funder"] == [FUNDER_OF_ANOTHER_DESK]
    aid.funder = two_desks.sante.partner
    aid.full_clean()
    # A page added by code is checked in its place in the tree (before Wagtail sets its URL).
    AidPageFactory(parent=two_desks.veto.aids_index, title="Aide de B", funder=two_desks.veto.partner)
    with pytest.raises(ValidationError):
        AidPageFactory(parent=two_desks.veto.aids_index, title="Aide de B mal financée", funder=two_desks.sante.partner)


def chooser(client, url):
    """A page chooser's HTML (the browse step answers JSON, the search results HTML)."""
    response = client.get(url)
    if response.headers["Content-Type"].startswith("application/json"):
        return html.unescape(response.json()["html"])
    return text(response)


def test_the_page_chooser_lists_only_the_readers_desks_pages(client, two_desks, staff):
    client.force_login(staff["sante", "editor"])
    root = chooser(client, reverse("wagtailadmin_choose_page"))
    assert two_desks.sante.home.title in root and two_desks.veto.home.title not in root
    partners = chooser(client, reverse("wagtailadmin_choose_page") + "?page_type=partners.partnerpage")
    assert two_desks.veto.partner.title not in partners
    found = chooser(client, reverse("wagtailadmin_choose_page_search") + "?q=test&page_type=partners.partnerpage")
    assert two_desks.sante.partner.title in found and two_desks.veto.partner.title not in found


# --- A case's partners and aids ----------------------------------------------------------------------


@pytest.fixture
def case_of_a(two_desks, staff):
    case = two_desks.sante.cases[0]
    case.referent = staff["sante", "charge"]
    case.state = "assigned"
    case.save()
    return case


def test_a_cases_timeline_offers_only_its_desks_partners(client, two_desks, staff, case_of_a):
    client.force_login(staff["sante", "charge"])
    form = client.get(edit_url(case_of_a)).context["form"]
    offered = set(form.formsets["timeline"].empty_form.fields["partner"].queryset)
    assert offered == {two_desks.sante.partner}


def test_a_cases_timeline_refuses_a_partner_of_the_other_desk(
    client, two_desks, staff, case_of_a, django_capture_on_commit_callbacks
):
    client.force_login(staff["sante", "charge"])

    def refer_to(partner):
        data = edit_data(case_of_a, **management("timeline", total=1))
        data.update(timeline_form(0, kind=EntryKind.REFERRAL, text="Orientation.", partner=str(partner.pk)))
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(edit_url(case_of_a), data)

    response = refer_to(two_desks.veto.partner)
    assert response.status_code == 200
    [entry_form] = response.context["form"].formsets["timeline"].forms
    assert entry_form.errors["partner"] == [PARTNER_OF_ANOTHER_DESK]
    assert not case_of_a.timeline.exists()
    assert refer_to(two_desks.sante.partner).status_code == 302
    assert case_of_a.timeline.get().partner == two_desks.sante.partner
