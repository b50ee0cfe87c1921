"""The moderators' dashboard: home panel and reports (with CSV export) for moderators only,
counts by status in one query, constant query count."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from listings.admin_dashboard import ListingsDashboardPanel
from listings.factories import ListingFactory, OrganisationFactory
from listings.models import Listing, ListingStatus
from reference.factories import CommuneFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def contributor(django_user_model):
    """Can enter the admin and edit listings, but not publish them."""
    user = django_user_model.objects.create_user("contributeur", "contributeur@example.org", "motdepasse")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_listing"),
        Permission.objects.get(codename="view_listing"),
    )
    return user


@pytest.fixture
def listings():
    valence = CommuneFactory(insee_code="26362", name="Valence")
    die = CommuneFactory(insee_code="26113", name="Die")
    mairie = OrganisationFactory(name="Mairie de Die")
    made = {
        "published": ListingFactory(title="Publiée à Valence", commune=valence, organisation=mairie),
        "pending": ListingFactory(title="En attente à Die", commune=die, status=ListingStatus.PENDING),
        "changes": ListingFactory(title="À corriger", commune=die, status=ListingStatus.CHANGES_REQUESTED),
        "draft": ListingFactory(title="Brouillon", commune=die, status=ListingStatus.DRAFT),
        "stale": ListingFactory(title="Ancienne à Valence", commune=valence, organisation=mairie),
        "expiring": ListingFactory(title="Expire bientôt", commune=valence),
    }
    old = timezone.now() - 300 * DAY
    Listing.objects.filter(pk=made["stale"].pk).update(last_published_at=old, first_published_at=old, created_at=old)
    Listing.objects.filter(pk=made["expiring"].pk).update(expire_at=timezone.now() + 10 * DAY)
    return made


def rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_home_panel_for_moderators(client, moderator, listings):
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Annonces d'installation : tableau de bord" in content or "Annonces d&#x27;installation" in content
    assert "En attente à Die" in content  # the oldest pending listings
    assert "expirent dans 30 jours" in content


def test_panel_figures_and_counts_in_one_grouped_query(rf, moderator, listings):
    request = rf.get("/admin/")
    request.user = moderator
    context = ListingsDashboardPanel().get_context_data({"request": request})
    by_status = {row["status"]: row["count"] for row in context["by_status"]}
    assert by_status[ListingStatus.PUBLISHED] == 3
    assert by_status[ListingStatus.PENDING] == 1
    assert by_status[ListingStatus.CHANGES_REQUESTED] == 1
    assert by_status[ListingStatus.DRAFT] == 1
    assert context["total"] == 6
    assert context["stale_count"] == 1
    assert context["expiring_count"] == 1
    assert context["oldest_pending_at"] is not None
    assert [listing.title for listing in context["oldest_pending"]] == ["En attente à Die"]
    with CaptureQueriesContext(connection) as queries:
        ListingsDashboardPanel().get_context_data({"request": request})
    grouped = [q["sql"] for q in queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1


def test_report_and_csv_export_for_moderators(client, moderator, listings):
    client.force_login(moderator)
    url = reverse("listings_report")
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tableau de bord des annonces" in content
    assert "Publiée à Valence" in content

    response = client.get(url, {"status": "pending"})
    assert "En attente à Die" in response.content.decode()
    assert "Publiée à Valence" not in response.content.decode()

    response = client.get(url, {"freshness": "stale"})
    assert "Ancienne à Valence" in response.content.decode()
    assert "Publiée à Valence" not in response.content.decode()

    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    data = {row["Titre"]: row for row in rows(export)}
    assert set(data) == {listing.title for listing in listings.values()}
    assert data["Publiée à Valence"]["Statut"] == "Publiée"
    assert data["Publiée à Valence"]["Commune"] == "Valence"
    assert data["Publiée à Valence"]["Structure"] == "Mairie de Die"
    assert data["Ancienne à Valence"]["À confirmer"] == "oui"
    assert data["Publiée à Valence"]["À confirmer"] == "non"
    pending_since = data["En attente à Die"]["En attente depuis"]
    assert pending_since == f"{timezone.localtime(listings['pending'].workflow_states.get().created_at):%Y-%m-%d %H:%M}"
    assert data["Expire bientôt"]["Structure"] == ""

    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_counts_per_commune_and_per_organisation(client, moderator, listings):
    client.force_login(moderator)
    url = reverse("listings_counts_report")
    response = client.get(url)
    assert response.status_code == 200
    assert "Valence" in response.content.decode()
    by_commune = {row["Commune"]: row for row in rows(client.get(url, {"export": "csv"}))}
    assert by_commune["Valence"]["Total"] == "3"
    assert by_commune["Valence"]["Publiée"] == "3"
    assert by_commune["Valence"]["À confirmer"] == "1"
    assert by_commune["Die"]["Total"] == "3"
    assert by_commune["Die"]["En attente de modération"] == "1"
    by_org = {row["Structure"]: row for row in rows(client.get(url, {"group_by": "organisation", "export": "csv"}))}
    assert by_org["Mairie de Die"]["Total"] == "2"
    assert by_org["(sans structure)"]["Total"] == "4"


@pytest.mark.parametrize(
    "url_name,params",
    [
        ("listings_report", {}),
        ("listings_report", {"export": "csv"}),
        ("listings_counts_report", {}),
        ("listings_counts_report", {"export": "csv"}),
    ],
)
def test_reports_are_forbidden_without_the_publish_permission(client, contributor, url_name, params):
    client.force_login(contributor)
    response = client.get(reverse(url_name), params)
    assert response.status_code in (302, 403)
    assert b"Publi" not in response.content


def test_reports_redirect_anonymous_users_to_login(client):
    response = client.get(reverse("listings_report"), {"export": "csv"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_contributors_do_not_see_the_panel_or_the_menu_item(client, contributor, listings):
    client.force_login(contributor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "tableau de bord" not in content
    assert reverse("listings_report") not in content


def report_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.slow  # builds its data at two sizes: in CI, not in the fast set
def test_report_query_count_is_constant(client, moderator):
    commune = CommuneFactory()
    organisation = OrganisationFactory()

    def make(n):
        for _ in range(n):
            ListingFactory(commune=CommuneFactory(), organisation=OrganisationFactory())
        ListingFactory(commune=commune, organisation=organisation, status=ListingStatus.PENDING)

    client.force_login(moderator)
    make(3)
    urls = [reverse("listings_report"), reverse("listings_counts_report")]
    small = [report_queries(client, url) for url in urls]
    small_export = report_queries(client, reverse("listings_report") + "?export=csv")
    make(12)
    assert [report_queries(client, url) for url in urls] == small
    assert report_queries(client, reverse("listings_report") + "?export=csv") == small_export
