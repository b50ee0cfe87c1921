"""Staff isolation between two desks in one instance (issue 17, increment 5): the staff of
desk A — a moderator, an editor, a chargé and a responsable d'accompagnement — see and
moderate nothing of desk B, and the reverse; the superuser sees both.

Each forbidden thing is created in desk B and looked for on every staff route of desk A: the
rows' own URLs (edit, inspect, history, usage, delete, review, workflow, accept/refuse…)
answer 403, 404 or a redirect, never a page with B's data, and write nothing; indexes,
exports, reports and the dashboard's panels do not list it; e-mails reach B's staff only.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import URLPattern, reverse
from openpyxl import load_workbook
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site, TaskState

from accompaniment.assignment import referent_for
from accompaniment.factories import AssignmentRuleFactory, CaseFactory
from accompaniment.models import Case
from aides.factories import AidAudienceFactory, AidPageFactory
from aides.review_reminders import run_review_reminders
from home.factories import ContentPageFactory
from home.models import HomePage
from listings import moderation_states
from listings.accounts import record_request
from listings.factories import ContributorFactory, ListingFactory, OrganisationFactory
from listings.models import AccountRequest, AccountRequestStatus, Listing, ListingStatus, OrganisationKind
from listings.moderation_access import moderator_users
from provisioning.desk_groups import ensure_desk_groups
from provisioning.reference_lists import HEALTH_VOCABULARIES
from provisioning.report import BootstrapReport
from provisioning.vocabularies import ensure_vocabularies
from reference.factories import CommuneFactory, HealthFacilityFactory, ProfessionFactory
from reference.models import ProfessionZoning
from reference.vocabularies import Term, Vocabulary
from users.models import DeskRole, GroupDesk
from users.roles import desks_of

pytestmark = pytest.mark.django_db

ROLES = ("moderator", "editor", "charge", "manager")
GROUP_ROLE = {
    "moderator": DeskRole.MODERATORS,
    "editor": DeskRole.EDITORS,
    "charge": DeskRole.ACCOMPANIMENT,
    "manager": DeskRole.ACCOMPANIMENT_MANAGERS,
}


class Desk:
    """One desk's site, staff and rows (every name carries the desk's letter)."""

    def __init__(self, letter, site, groups, django_user_model):
        self.letter, self.site = letter, site
        self.staff = {}
        for role in ROLES:
            user = django_user_model.objects.create_user(
                f"{role}-{letter}", f"{role}-{letter.lower()}@example.org", "motdepasse"
            )
            user.groups.add(groups[GROUP_ROLE[role]])
            self.staff[role] = user
        commune = CommuneFactory(name=f"Commune {letter}")
        self.organisation = OrganisationFactory(site=site, name=f"Structure {letter}")
        self.contributor = ContributorFactory(username=f"contributeur-{letter}")
        self.organisation.members.add(self.contributor)
        self.published = ListingFactory(
            site=site, commune=commune, organisation=self.organisation, title=f"Annonce publiée {letter}"
        )
        self.pending = ListingFactory(
            site=site,
            commune=commune,
            organisation=self.organisation,
            title=f"Annonce en attente {letter}",
            status=ListingStatus.PENDING,
            status__submitter=self.contributor,
        )
        self.request = AccountRequest.objects.create(
            site=site,
            organisation_name=f"Mairie demandeuse {letter}",
            organisation_kind=OrganisationKind.MUNICIPALITY,
            first_name="Camille",
            last_name=f"Demandeuse{letter}",
            role="Adjointe",
            email=f"camille-{letter.lower()}@example.org",
        )
        self.profession = ProfessionFactory(site=site, name=f"Profession {letter}", slug=f"profession-{letter}")
        self.facility = HealthFacilityFactory(site=site, name=f"Établissement {letter}", commune=commune)
        self.zoning = ProfessionZoning.objects.create(
            commune=commune, profession=self.profession, zone_class="zip", source=f"Arrêté {letter}"
        )
        self.audience = AidAudienceFactory(site=site, code=f"public-{letter.lower()}", name=f"Public {letter}")
        self.case = CaseFactory(
            site=site, first_name="Inès", last_name=f"Dossier{letter}", referent=self.staff["charge"], state="assigned"
        )
        self.rule = AssignmentRuleFactory(site=site, referent=self.staff["charge"], is_default=True)
        self.page = ContentPageFactory(parent=site.root_page, title=f"Page de contenu {letter}")


@pytest.fixture
def desks(django_user_model):
    """Desk A is the default site (re-rooted on its own home page), desk B a second site;
    the groups come from ensure_desk_groups, as bootstrap_desk --hostname makes them."""
    root = Page.get_first_root_node()
    site_a = Site.objects.get(is_default_site=True)
    site_a.root_page = root.add_child(instance=HomePage(title="Guichet A", slug="guichet-a"))
    site_a.site_name = "Guichet A"
    site_a.save()
    home_b = root.add_child(instance=HomePage(title="Guichet B", slug="guichet-b"))
    site_b = Site.objects.create(hostname="b.example", port=80, root_page=home_b, site_name="Guichet B")
    ensure_vocabularies(site_b, HEALTH_VOCABULARIES, BootstrapReport())
    groups_a = ensure_desk_groups(site_a, "Guichet A")
    groups_b = ensure_desk_groups(site_b, "Guichet B")
    return Desk("A", site_a, groups_a, django_user_model), Desk("B", site_b, groups_b, django_user_model)


def login(client, user):
    client.force_login(user)
    return client


def text(response):
    return response.content.decode() if response.status_code == 200 else ""


def refused(response):
    return response.status_code in (302, 403, 404)


def listing_url(name, *args):
    return reverse(Listing.snippet_viewset.get_url_name(name), args=args)


def row_url_names(viewset):
    """The names of the viewset's URLs that take only a row's pk."""
    names = []
    namespace = viewset.get_admin_url_namespace()
    for pattern in viewset.get_urlpatterns():
        if isinstance(pattern, URLPattern) and set(pattern.pattern.regex.groupindex) == {"pk"}:
            names.append(f"{namespace}:{pattern.name}")
    return names


# --- Groups and desks ----------------------------------------------------------------------------


def test_each_desk_has_its_four_groups_bound_and_the_page_permissions_on_its_home(desks):
    a, b = desks
    bindings = GroupDesk.objects.filter(site=b.site).select_related("group")
    assert {binding.group.name for binding in bindings} == {
        "Modérateurs – Guichet B",
        "Rédacteurs – Guichet B",
        "Chargés d'accompagnement – Guichet B",
        "Responsables de l'accompagnement – Guichet B",
    }
    # Wagtail's root permissions moved to desk A's home: none left on the root (risk 8).
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()
    assert GroupPagePermission.objects.filter(group__desk__site=a.site, page=a.site.root_page).exists()
    assert GroupPagePermission.objects.filter(group__desk__site=b.site, page=b.site.root_page).exists()
    root_collection = Collection.get_first_root_node()
    assert not GroupCollectionPermission.objects.filter(collection=root_collection).exists()
    b_collection = GroupCollectionPermission.objects.filter(group__desk__site=b.site).first().collection
    assert b_collection.name == "Guichet B"
    # Same model permissions as the default desk's groups, except writing the shared communes
    # and EPCI (the default desk's only: the health desk's aid finder reads their zonage).
    shared_writes = set(
        Permission.objects.filter(
            content_type__app_label="reference", codename__regex=r"^(add|change|delete)_(commune|epci)$"
        )
    )
    for role in DeskRole:
        template = GroupDesk.objects.get(site=a.site, role=role).group
        copy = GroupDesk.objects.get(site=b.site, role=role).group
        assert set(copy.permissions.all()) == set(template.permissions.all()) - shared_writes
    assert shared_writes & set(GroupDesk.objects.get(site=a.site, role=DeskRole.EDITORS).group.permissions.all())
    assert [site.pk for site in desks_of(b.staff["moderator"])] == [b.site.pk]


def test_ensure_desk_groups_is_idempotent(desks):
    a, b = desks
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())
    ensure_desk_groups(b.site, "Guichet B")
    ensure_desk_groups(a.site, "Guichet A")
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    ) == counts


# --- Listings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_the_listings_index_and_its_exports_show_only_the_desks_rows(client, desks, role):
    a, b = desks
    login(client, a.staff[role])
    index = text(client.get(listing_url("list")))
    assert "Annonce publiée A" in index and "Annonce en attente A" in index
    assert "Annonce publiée B" not in index and "Annonce en attente B" not in index
    # The organisation filter offers only A's structures.
    assert "Structure A" in index and "Structure B" not in index
    csv = client.get(listing_url("list") + "?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Annonce publiée A" in body and "Annonce publiée B" not in body
    xlsx = client.get(listing_url("list") + "?export=xlsx")
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    cells = {cell.value for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row}
    assert "Annonce publiée A" in cells and "Annonce publiée B" not in cells


@pytest.mark.parametrize("role", ROLES)
def test_every_url_of_a_b_listing_is_closed_to_a_staff(client, desks, role):
    a, b = desks
    login(client, a.staff[role])
    names = row_url_names(Listing.snippet_viewset)
    assert {"edit", "inspect", "history", "usage", "delete", "review"} <= {name.split(":")[1] for name in names}
    for name in names:
        response = client.get(reverse(name, args=[b.pending.pk]))
        assert refused(response), (name, response.status_code)
        assert "Annonce en attente B" not in text(response)


def test_the_moderator_of_a_cannot_act_on_b_listings(client, desks):
    a, b = desks
    moderator = a.staff["moderator"]
    login(client, moderator)
    listing = Listing.objects.get(pk=b.pending.pk)
    task_state = listing.current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(listing, moderator) == []
    assert not task.user_can_access_editor(listing, moderator)
    assert task.locked_for_user(listing, moderator)
    assert task.get_actions(Listing.objects.get(pk=a.pending.pk), moderator)
    assert task.get_actions(listing, b.staff["moderator"])
    assert set(TaskState.objects.reviewable_by(moderator)) == {
        Listing.objects.get(pk=a.pending.pk).current_workflow_task_state
    }

    for action in ("approve", "reject", "refuse"):
        response = client.post(listing_url("workflow_action", b.pending.pk, action, task_state.pk), {"comment": "Non."})
        assert refused(response), (action, response.status_code)
    post_edit = client.post(listing_url("edit", b.pending.pk), {"title": "Pris par A"})
    assert refused(post_edit)
    post_delete = client.post(listing_url("delete", b.pending.pk))
    assert refused(post_delete)
    listing.refresh_from_db()
    assert listing.title == "Annonce en attente B"
    assert Listing.objects.annotate_status().get(pk=listing.pk).moderation_status == ListingStatus.PENDING
    # …while their own desk's listing is theirs to review and edit, with their desk's professions.
    assert client.get(listing_url("review", a.pending.pk)).status_code == 200
    form = text(client.get(listing_url("edit", a.pending.pk)))
    assert "Profession A" in form and "Profession B" not in form


def test_reports_their_exports_and_the_dashboard_panel_count_only_the_desk(client, desks):
    a, b = desks
    login(client, a.staff["moderator"])
    report = text(client.get(reverse("listings_report")))
    assert "Annonce en attente A" in report and "Annonce en attente B" not in report
    exported = client.get(reverse("listings_report") + "?export=csv")
    body = b"".join(exported.streaming_content).decode() if exported.streaming else exported.content.decode()
    assert "Annonce publiée A" in body and "Annonce publiée B" not in body
    xlsx = client.get(reverse("listings_report") + "?export=xlsx")
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    cells = {cell.value for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row}
    assert "Annonce publiée A" in cells and "Annonce publiée B" not in cells
    counts = text(client.get(reverse("listings_counts_report") + "?group_by=organisation"))
    assert "Structure A" in counts and "Structure B" not in counts
    counts_csv = client.get(reverse("listings_counts_report") + "?group_by=organisation&export=csv")
    body = b"".join(counts_csv.streaming_content).decode() if counts_csv.streaming else counts_csv.content.decode()
    assert "Structure A" in body and "Structure B" not in body
    home = text(client.get(reverse("wagtailadmin_home")))
    assert "Annonce en attente A" in home and "Annonce en attente B" not in home


# --- Organisations and account requests ----------------------------------------------------------


def test_organisations_of_b_are_out_of_reach(client, desks):
    a, b = desks
    login(client, a.staff["moderator"])
    viewset = b.organisation.snippet_viewset
    index = text(client.get(reverse(viewset.get_url_name("list"))))
    assert "Structure A" in index and "Structure B" not in index
    for name in row_url_names(viewset):
        assert refused(client.get(reverse(name, args=[b.organisation.pk]))), name
    assert refused(client.post(reverse(viewset.get_url_name("edit"), args=[b.organisation.pk]), {"name": "Prise"}))
    b.organisation.refresh_from_db()
    assert b.organisation.name == "Structure B"
    # The organisations' chooser lists only A's.
    chooser = text(client.get(reverse(viewset.chooser_viewset.get_url_name("choose"))))
    assert "Structure A" in chooser and "Structure B" not in chooser
    chosen = client.get(reverse(viewset.chooser_viewset.get_url_name("chosen"), args=[b.organisation.pk]))
    assert chosen.status_code == 404


def test_account_requests_of_b_cannot_be_seen_accepted_or_refused_by_a(
    client, desks, django_capture_on_commit_callbacks
):
    a, b = desks
    login(client, a.staff["moderator"])
    viewset = AccountRequest.snippet_viewset
    index = text(client.get(reverse(viewset.get_url_name("list"))))
    assert "Mairie demandeuse A" in index and "Mairie demandeuse B" not in index
    for name in row_url_names(viewset):
        response = client.get(reverse(name, args=[b.request.pk]))
        assert refused(response), name
        assert "Mairie demandeuse B" not in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(viewset.get_url_name("accept"), args=[b.request.pk]), {"organisation": ""})
        client.post(reverse(viewset.get_url_name("refuse"), args=[b.request.pk]), {"reason": "Non."})
    b.request.refresh_from_db()
    assert b.request.status == AccountRequestStatus.PENDING
    assert mail.outbox == []
    # The accept form of A's own request offers only A's structures.
    form = text(client.get(reverse(viewset.get_url_name("accept"), args=[a.request.pk])))
    assert "Structure A" in form and "Structure B" not in form


# --- Reference data and audiences ----------------------------------------------------------------


@pytest.mark.parametrize(
    "attribute, shown", [("profession", "Profession"), ("facility", "Établissement"), ("audience", "Public")]
)
def test_vocabularies_of_b_are_out_of_reach_of_a_editors(client, desks, attribute, shown):
    a, b = desks
    login(client, a.staff["editor"])
    row = getattr(b, attribute)
    viewset = row.snippet_viewset
    index = text(client.get(reverse(viewset.get_url_name("list"))))
    assert f"{shown} A" in index and f"{shown} B" not in index
    for name in row_url_names(viewset):
        response = client.get(reverse(name, args=[row.pk]))
        assert refused(response), name
        assert f"{shown} B" not in text(response)


def test_zonings_of_b_professions_are_out_of_reach(client, desks):
    a, b = desks
    # Nobody's group may read zonings but superusers: given to A's editor directly, which
    # counts for the default desk (A) only.
    a.staff["editor"].user_permissions.add(Permission.objects.get(codename="view_professionzoning"))
    login(client, a.staff["editor"])
    viewset = ProfessionZoning.snippet_viewset
    index = text(client.get(reverse(viewset.get_url_name("list"))))
    assert "Arrêté A" in index
    assert "Arrêté B" not in index and "Profession B" not in index
    for name in row_url_names(viewset):
        assert refused(client.get(reverse(name, args=[b.zoning.pk]))), name


def test_a_profession_added_by_b_editor_belongs_to_b(client, desks):
    a, b = desks
    login(client, b.staff["editor"])
    viewset = b.profession.snippet_viewset
    response = client.post(
        reverse(viewset.get_url_name("add")),
        {"name": "Sage-femme", "slug": "sage-femme", "rpps_code": "", "sort_order": "5"},
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    created = type(b.profession).objects.get(name="Sage-femme")
    assert created.site_id == b.site.pk


# --- Accompaniment -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["charge", "manager"])
def test_cases_rules_and_figures_of_b_are_out_of_reach(client, desks, role):
    a, b = desks
    login(client, a.staff[role])
    index = text(client.get(reverse("accompaniment_cases:index") + "?referent=all"))
    assert "DossierA" in index and "DossierB" not in index
    assert set(Case.objects.visible_to(a.staff[role])) == {a.case}
    for name in ("edit", "history", "usage", "delete", "assign", "revoke_link", "new_link", "erase"):
        response = client.get(reverse(f"accompaniment_cases:{name}", args=[b.case.pk]))
        assert refused(response), name
        assert "DossierB" not in text(response)
    assert refused(client.post(reverse("accompaniment_cases:erase", args=[b.case.pk])))
    b.case.refresh_from_db()
    assert b.case.last_name == "DossierB"
    rules = text(client.get(reverse("accompaniment_rules:index")))
    assert "charge-B" not in rules
    for name in ("edit", "delete", "history", "usage"):
        assert refused(client.get(reverse(f"accompaniment_rules:{name}", args=[b.rule.pk]))), name
    # Figures: the panel and the exports count A's cases only (one case each).
    export = client.get(reverse("accompaniment_figures_export", args=["csv"]))
    body = export.content.decode("utf-8-sig")
    assert export.status_code == 200
    assert "Profession B" not in body
    # The list's filters do not name B's référents nor professions.
    assert "charge-B" not in index and "Profession B" not in index


def test_a_case_is_assigned_by_the_rules_of_its_own_desk(desks):
    a, b = desks
    case = CaseFactory(site=b.site, referent=None, state="new")
    assert referent_for(case) == b.staff["charge"]


# --- Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_pages_of_b_cannot_be_explored_nor_edited_by_a(client, desks, role):
    a, b = desks
    login(client, a.staff[role])
    for url in (
        reverse("wagtailadmin_explore", args=[b.site.root_page.pk]),
        reverse("wagtailadmin_pages:edit", args=[b.page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[b.site.root_page.pk]),
        reverse("wagtailadmin_pages:delete", args=[b.page.pk]),
    ):
        response = client.get(url)
        assert refused(response), (url, response.status_code)
        assert "Page de contenu B" not in text(response)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[a.page.pk])).status_code == 200


# --- E-mails -------------------------------------------------------------------------------------


def test_a_submission_on_b_notifies_only_b_moderators(desks, django_capture_on_commit_callbacks):
    a, b = desks
    listing = ListingFactory(site=b.site, organisation=b.organisation, title="Nouvelle B", status=ListingStatus.DRAFT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderation_states.submit(listing, b.contributor)
    recipients = {address for message in mail.outbox for address in message.to}
    assert "moderator-b@example.org" in recipients
    assert not recipients & {f"{role}-a@example.org" for role in ROLES}
    assert set(moderator_users(b.site)) == {b.staff["moderator"]}
    assert set(moderator_users(a.site)) == {a.staff["moderator"]}


def test_an_account_request_on_b_notifies_only_b_moderators(desks, django_capture_on_commit_callbacks):
    a, b = desks
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record_request(b.request)
    recipients = {address for message in mail.outbox for address in message.to}
    assert "moderator-b@example.org" in recipients
    assert "moderator-a@example.org" not in recipients


def test_the_aid_review_digest_goes_to_each_desks_editors_with_its_own_aids(desks, django_capture_on_commit_callbacks):
    a, b = desks
    AidPageFactory(parent=a.site.root_page, title="Aide du guichet A", last_reviewed_at=None)
    AidPageFactory(parent=b.site.root_page, title="Aide du guichet B", last_reviewed_at=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_review_reminders()
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_address) == {"editor-a@example.org", "editor-b@example.org"}
    assert "Aide du guichet A" in by_address["editor-a@example.org"]
    assert "Aide du guichet B" not in by_address["editor-a@example.org"]
    assert "Aide du guichet B" in by_address["editor-b@example.org"]
    assert "Aide du guichet A" not in by_address["editor-b@example.org"]


# --- The superuser -------------------------------------------------------------------------------


def test_the_superuser_sees_both_desks(client, desks, django_user_model):
    a, b = desks
    login(client, django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    index = text(client.get(listing_url("list")))
    assert "Annonce publiée A" in index and "Annonce publiée B" in index
    assert client.get(listing_url("edit", b.pending.pk)).status_code == 200
    requests = text(client.get(reverse(AccountRequest.snippet_viewset.get_url_name("list"))))
    assert "Mairie demandeuse A" in requests and "Mairie demandeuse B" in requests
    cases = text(client.get(reverse("accompaniment_cases:index") + "?referent=all"))
    assert "DossierA" in cases and "DossierB" in cases


def test_vocabularies_of_b_are_out_of_reach_and_out_of_a_list_filters(client, desks):
    a, b = desks
    Term.objects.create(site=a.site, vocabulary=Vocabulary.LISTING_KIND, code="type-a", label="Type du guichet A")
    term = Term.objects.create(
        site=b.site, vocabulary=Vocabulary.LISTING_KIND, code="type-b", label="Type du guichet B"
    )
    # Only superusers' groups edit vocabularies today: given to A's editor directly, which
    # counts for the default desk (A) only.
    a.staff["editor"].user_permissions.add(
        *Permission.objects.filter(codename__in=["view_term", "change_term"], content_type__app_label="reference")
    )
    login(client, a.staff["editor"])
    viewset = Term.snippet_viewset
    index = text(client.get(reverse(viewset.get_url_name("list"))))
    assert "Type du guichet A" in index and "Type du guichet B" not in index
    for name in row_url_names(viewset):
        assert refused(client.get(reverse(name, args=[term.pk]))), name
    # The listings' kind filter offers A's kinds, not B's.
    listings = text(client.get(listing_url("list")))
    assert "Type du guichet A" in listings and "Type du guichet B" not in listings
