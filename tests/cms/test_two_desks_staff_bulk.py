"""Staff isolation between two desks in one instance (issue 17) on Wagtail's screens that
are not a viewset's own: the bulk action pages of every desk-scoped snippet model, the
workflow reports (and their exports), the page types usage report and the dashboard.

Desk A's staff (the ``desks`` fixture of test_two_desks_staff) look for desk B's rows there:
no B title, name or requester is shown, nothing of B's is changed, and A's own rows still
work.
"""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.permissions import policy_registry

from aides.factories import AidPageFactory
from listings.factories import ListingFactory
from listings.models import ListingStatus
from reference.desk_bulk_actions import DESK_SCOPED_BULK_ACTIONS, desk_scoped_snippet_models
from tests.cms import test_two_desks_staff as staff_tests
from users.models import DeskRole, GroupDesk

pytestmark = pytest.mark.django_db

ROLES, login, text = staff_tests.ROLES, staff_tests.login, staff_tests.text
desks = staff_tests.desks  # the fixture

pytestmark = pytest.mark.django_db


def bulk_url(model, action, *ids):
    query = "&".join(f"id={pk}" for pk in ids)
    return reverse("wagtail_bulk_action", args=(model._meta.app_label, model._meta.model_name, action)) + "?" + query


def desk_rows(desk):
    """A row of the desk for each desk-scoped snippet model the fixture fills."""
    from reference.vocabularies import Term

    return [
        desk.pending,
        desk.published,
        desk.organisation,
        desk.request,
        desk.profession,
        desk.facility,
        desk.zoning,
        desk.audience,
        Term.objects.filter(site=desk.site).first(),
    ]


def labels(row):
    """What would name the row on a page: its str() and, for a person, their last name."""
    return [str(row)] + [value for name in ("last_name",) if (value := getattr(row, name, None))]


def test_every_bulk_action_of_a_desk_scoped_model_is_the_desk_scoped_one(desks):
    models = desk_scoped_snippet_models()
    assert {type(row) for row in desk_rows(desks[0])} <= set(models)
    for model in models:
        actions = list(bulk_action_registry.get_bulk_actions_for_model(model._meta.app_label, model._meta.model_name))
        assert actions, model
        assert all(action in DESK_SCOPED_BULK_ACTIONS for action in actions), (model, actions)


def test_cases_and_assignment_rules_have_no_bulk_page(client, desks):
    # Not snippets (accompaniment's own viewsets): Wagtail registers no bulk action for them.
    a, b = desks
    login(client, a.staff["manager"])
    for row in (b.case, b.rule):
        assert client.get(bulk_url(type(row), "delete", row.pk)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_bulk_pages_of_desk_a_name_and_change_nothing_of_desk_b(client, desks, role):
    a, b = desks
    login(client, a.staff[role])
    for row in desk_rows(b):
        model = type(row)
        for action in bulk_action_registry.get_bulk_actions_for_model(model._meta.app_label, model._meta.model_name):
            for url in (
                bulk_url(model, action.action_type, "all"),
                bulk_url(model, action.action_type, row.pk),
                bulk_url(model, action.action_type, row.pk, desk_rows(a)[desk_rows(b).index(row)].pk),
            ):
                page = text(client.get(url))
                for label in labels(row):
                    assert label not in page, (role, url, label)
                client.post(url)
                assert model._default_manager.filter(pk=row.pk).exists(), (role, url)


def test_bulk_delete_still_works_on_the_rows_of_the_users_desk(client, desks):
    a, b = desks
    checked = set()
    for row in desk_rows(a):
        model = type(row)
        policy = policy_registry.get_by_type(model)
        allowed = [a.staff[r] for r in ROLES if policy.user_has_permission_for_instance(a.staff[r], "delete", row)]
        if not allowed:
            continue
        user = allowed[0]
        login(client, user)
        url = bulk_url(model, "delete", row.pk)
        assert str(row) in text(client.get(url)), url
        client.post(url)
        # A row still used elsewhere (a profession, a term) is protected, as in Wagtail's.
        if not model._default_manager.filter(pk=row.pk).exists():
            checked.add(model._meta.model_name)
    assert {"listing", "organisation", "accountrequest", "healthfacility"} <= checked, checked


# --- Workflow reports, page types usage, dashboard ----------------------------------------------


@pytest.fixture
def aid_workflows(desks):
    """An aid page of each desk in a page workflow, requested by the desk's editor."""
    for desk in desks:
        group = GroupDesk.objects.get(site=desk.site, role=DeskRole.EDITORS).group
        task = GroupApprovalTask.objects.create(name=f"Relecture {desk.letter}")
        task.groups.add(group)
        workflow = Workflow.objects.create(name=f"Relecture des pages {desk.letter}")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page=desk.site.root_page, defaults={"workflow": workflow})
        desk.aid = AidPageFactory(parent=desk.site.root_page, title=f"Aide en relecture {desk.letter}")
        desk.aid.save_revision(user=desk.staff["editor"])
        workflow.start(desk.aid, desk.staff["editor"])
    return desks


def report_bodies(client, name):
    """The report's page, its results and its CSV and XLSX exports, as text."""
    url = reverse(f"wagtailadmin_reports:{name}")
    bodies = [text(client.get(url)), text(client.get(reverse(f"wagtailadmin_reports:{name}_results")))]
    csv = client.get(url + "?export=csv")
    bodies.append(b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode())
    xlsx = client.get(url + "?export=xlsx")
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    cells = [str(c.value) for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    bodies.append("\n".join(cells))
    return bodies


B_WORKFLOW_LABELS = ("Annonce en attente B", "contributeur-B", "Aide en relecture B")


@pytest.mark.parametrize("name", ["workflow", "workflow_tasks"])
def test_workflow_reports_and_exports_list_only_the_desks_states(client, aid_workflows, name):
    a, b = aid_workflows
    login(client, a.staff["moderator"])
    for body in report_bodies(client, name):
        assert "Annonce en attente A" in body
        for label in B_WORKFLOW_LABELS:
            assert label not in body, label
    login(client, a.staff["editor"])
    for body in report_bodies(client, name):
        assert "Aide en relecture A" in body
        for label in B_WORKFLOW_LABELS:
            assert label not in body, label


def test_workflow_report_requester_filter_names_only_the_desks_requesters(client, aid_workflows):
    a, b = aid_workflows
    login(client, a.staff["moderator"])
    page = text(client.get(reverse("wagtailadmin_reports:workflow")))
    assert "contributeur-A" in page and "contributeur-B" not in page
    page = text(client.get(reverse("wagtailadmin_reports:workflow") + f"?requested_by={b.contributor.pk}"))
    assert "Annonce en attente B" not in page


def test_superuser_still_sees_both_desks_workflows(client, aid_workflows, django_user_model):
    login(client, django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse"))
    for name in ("workflow", "workflow_tasks"):
        page = text(client.get(reverse(f"wagtailadmin_reports:{name}")))
        for label in ("Annonce en attente A", "Annonce en attente B", "Aide en relecture A", "Aide en relecture B"):
            assert label in page, (name, label)


def test_workflow_reports_query_count_does_not_grow_with_the_other_desks_rows(client, aid_workflows):
    # Wagtail's results run a query per state shown (its tasks' statuses): desk B's states,
    # not shown, must cost nothing, and the desk condition is one query's subqueries.
    a, b = aid_workflows
    login(client, a.staff["moderator"])
    urls = [reverse("wagtailadmin_reports:workflow_results"), reverse("wagtailadmin_reports:workflow_tasks_results")]
    for url in urls:
        client.get(url)
    before = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        before.append(len(queries))
    for number in range(3):
        ListingFactory(
            site=b.site,
            organisation=b.organisation,
            title=f"Autre annonce B{number}",
            status=ListingStatus.PENDING,
            status__submitter=b.contributor,
        )
    for url, count in zip(urls, before, strict=True):
        with CaptureQueriesContext(connection) as queries:
            page = text(client.get(url))
        assert "Annonce en attente A" in page and "Autre annonce B" not in page
        assert len(queries) == count, url


def test_page_types_usage_counts_and_names_only_the_desks_pages(client, aid_workflows):
    a, b = aid_workflows
    login(client, a.staff["editor"])
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    page = text(response)
    assert response.status_code == 200
    assert "Aide en relecture B" not in page and "Page de contenu B" not in page and "Guichet B" not in page
    assert "Aide en relecture A" in page or "Page de contenu A" in page


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_of_desk_a_names_nothing_of_desk_b(client, aid_workflows, role):
    a, b = aid_workflows
    login(client, a.staff[role])
    home = text(client.get(reverse("wagtailadmin_home")))
    assert home
    for label in (
        *B_WORKFLOW_LABELS,
        "Annonce publiée B",
        "Page de contenu B",
        "DemandeuseB",
        "DossierB",
        "Structure B",
    ):
        assert label not in home, (role, label)
    if role == "moderator":
        assert "Annonce en attente A" in home
    if role == "editor":
        assert "Aide en relecture A" in home
