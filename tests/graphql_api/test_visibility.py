"""Only what is public: each test creates the forbidden thing and asserts it is absent."""

import pytest
from wagtail.models import PageViewRestriction

from listings.models import Listing

from .conftest import make_aid, make_content_page, make_listing, make_partner

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "pending", "rejected", "expired", "expired_date", "withdrawn"]

LISTS = """
query ($filter: ListingFilter) {
  listings(filter: $filter, pagination: {limit: 100}) { totalCount results { id slug title } }
  listingMap(filter: $filter)
  communes(filter: {withOpportunities: true}) { totalCount results { inseeCode listingCount listings { id } } }
  commune(inseeCode: "26113") { listingCount listings { id title } }
}
"""


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_listing_is_invisible_everywhere(gql, places, state):
    visible = make_listing(places["die"], title="Cabinet public")
    hidden = make_listing(places["die"], state=state, title="Mot secret caché")
    assert not Listing.objects.public().filter(pk=hidden.pk).exists()

    status, body = gql(LISTS)
    assert status == 200 and "errors" not in body, body
    data = body["data"]
    assert [r["id"] for r in data["listings"]["results"]] == [str(visible.pk)]
    assert data["listings"]["totalCount"] == 1
    assert [f["id"] for f in data["listingMap"]["features"]] == [visible.pk]
    assert data["communes"]["totalCount"] == 1
    assert data["communes"]["results"][0]["listingCount"] == 1
    assert data["communes"]["results"][0]["listings"] == [{"id": str(visible.pk)}]
    assert data["commune"]["listingCount"] == 1
    assert data["commune"]["listings"] == [{"id": str(visible.pk), "title": "Cabinet public"}]

    _, body = gql("query ($id: ID!) { listing(id: $id) { id } }", {"id": str(hidden.pk)})
    assert body["data"]["listing"] is None
    _, body = gql("query ($slug: String!) { listing(slug: $slug) { id } }", {"slug": hidden.slug})
    assert body["data"]["listing"] is None
    _, body = gql(LISTS, {"filter": {"search": "secret"}})
    assert body["data"]["listings"]["totalCount"] == 0
    assert body["data"]["listingMap"]["features"] == []


def test_only_hidden_listings_mean_no_opportunity(gql, places):
    make_listing(places["die"], state="draft")
    _, body = gql("{ communes(filter: {withOpportunities: true}) { totalCount } }")
    assert body["data"]["communes"]["totalCount"] == 0


def test_pending_edit_serves_the_published_version(gql, places):
    listing = make_listing(places["die"], state="pending_edit", title="Titre publié")
    # Wagtail keeps the live row at the published version; the edit lives in a revision.
    assert listing.latest_revision.content["title"] == "Titre publié MODIFIÉE"
    assert listing.has_unpublished_changes
    _, body = gql("query ($id: ID!) { listing(id: $id) { title } }", {"id": str(listing.pk)})
    assert body["data"]["listing"]["title"] == "Titre publié"
    _, body = gql("{ listings { results { title } } listingMap }")
    assert body["data"]["listings"]["results"] == [{"title": "Titre publié"}]
    assert body["data"]["listingMap"]["features"][0]["properties"]["title"] == "Titre publié"
    _, body = gql('{ listings(filter: {search: "MODIFIÉE"}) { totalCount } }')
    assert body["data"]["listings"]["totalCount"] == 0


def test_admin_edit_of_live_listing_keeps_published_version(client, django_user_model, places, gql):
    """Through Wagtail's own snippet edit view: saving a draft of a live listing."""
    listing = make_listing(places["die"], title="Version approuvée")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    url = f"/admin/snippets/listings/listing/edit/{listing.pk}/"
    data = {
        "kind": "office",
        "title": "Version en attente",
        "slug": listing.slug,
        "summary": listing.summary,
        "description": "",
        "commune": str(listing.commune_id),
        "address": "",
        "location": listing.location,
        "conditions": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "10",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1",
    }
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    listing.refresh_from_db()
    assert listing.latest_revision.content["title"] == "Version en attente", "the admin did not save the edit"
    assert listing.title == "Version approuvée"
    client.logout()
    _, body = gql("query ($id: ID!) { listing(id: $id) { title } }", {"id": str(listing.pk)})
    assert body["data"]["listing"]["title"] == "Version approuvée"


def test_contact_only_with_consent(gql, places):
    private = make_listing(places["die"], contact="private")
    consented = make_listing(places["die"], contact="consented")
    _, body = gql("{ listings { results { id contact { name email phone } } } }")
    contacts = {r["id"]: r["contact"] for r in body["data"]["listings"]["results"]}
    assert contacts[str(private.pk)] is None
    assert contacts[str(consented.pk)]["email"].startswith("secret")
    _, body = gql("query ($id: ID!) { listing(id: $id) { contact { email } } }", {"id": str(private.pk)})
    assert body["data"]["listing"]["contact"] is None


def test_no_filter_or_ordering_on_contact_fields(gql, places):
    make_listing(places["die"], contact="private")
    for query in (
        '{ listings(filter: {contactEmail: "secret"}) { totalCount } }',
        '{ listings(filter: {contact: {email: "secret"}}) { totalCount } }',
        "{ listings(order: CONTACT_EMAIL) { totalCount } }",
    ):
        status, body = gql(query)
        assert body.get("data") is None and body["errors"], query


def test_private_and_draft_pages_absent(gql, site_root, aids_index, partners_index):
    public = make_content_page(site_root, "Parcours", slug="parcours")
    make_content_page(site_root, "Brouillon", slug="brouillon", live=False)
    private = make_content_page(site_root, "Privée", slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_aid(aids_index, "Aide publique")
    make_aid(aids_index, "Aide brouillon", live=False)
    private_aid = make_aid(aids_index, "Aide privée")
    PageViewRestriction.objects.create(page=private_aid, restriction_type="password", password="x")
    make_partner(partners_index, "ARS")
    draft_partner = make_partner(partners_index, "Partenaire brouillon")
    draft_partner.unpublish()
    make_aid(aids_index, "Aide financée", funder=draft_partner)

    def page(path):
        return gql("query ($p: String!) { page(path: $p) { title url } }", {"p": path})[1]["data"]["page"]

    assert page("/parcours/") == {"title": "Parcours", "url": "/parcours/"}
    assert page(public.url_path.split("/", 2)[2]) is not None
    assert page("/brouillon/") is None
    assert page("/privee/") is None
    assert page("/aides/aide-brouillon/") is None
    assert page("/aides/aide-privee/") is None
    assert page("/partenaires/partenaire-brouillon/") is None
    _, body = gql("{ aids { totalCount results { title funder { title } } } partners { title } }")
    titles = sorted(a["title"] for a in body["data"]["aids"]["results"])
    assert titles == ["Aide financée", "Aide publique"]
    assert all(a["funder"] is None for a in body["data"]["aids"]["results"])
    assert body["data"]["partners"] == [{"title": "ARS"}]
    _, body = gql('{ commune(inseeCode: "26113") { applicableAids { title } } }')
    assert body["data"]["commune"] is None  # no commune in this test; the field exists


def test_pages_of_another_site_are_absent(gql, site_root):
    from wagtail.models import Page, Site

    other_home = Page.get_first_root_node().add_child(instance=type(site_root)(title="Autre", slug="autre-site"))
    Site.objects.create(hostname="autre.example.org", root_page=other_home)
    make_content_page(other_home, "Ailleurs", slug="ailleurs")
    _, body = gql('{ page(path: "/ailleurs/") { title } }')
    assert body["data"]["page"] is None
