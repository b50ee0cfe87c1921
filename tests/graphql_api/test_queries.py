"""What the website asks: filters, map, commune page, aid finder, page by path, settings."""

import pytest
from wagtail.rich_text import RichText

from aides.models import AidAudience, TerritorialScope, ZonageRequirement
from media_library.models import Rendition
from reference.models import HealthFacility, Profession

from .conftest import make_aid, make_content_page, make_image, make_listing

pytestmark = pytest.mark.django_db


def ids(body, field="listings"):
    return sorted(int(r["id"]) for r in body["data"][field]["results"])


def test_listing_filters_and_order(gql, places, gp):
    nurse = Profession.objects.create(name="Infirmier", slug="infirmier")
    die = make_listing(places["die"], professions=[gp], title="Cabinet à Die", kind="practice_takeover")
    valence = make_listing(places["valence"], professions=[nurse], title="Local à Valence", coordinates=(44.933, 4.892))
    query = (
        "query ($f: ListingFilter, $o: ListingOrder) { listings(filter: $f, order: $o) { totalCount results { id } } }"
    )
    assert ids(gql(query, {"f": {"commune": "26113"}})[1]) == [die.pk]
    assert ids(gql(query, {"f": {"epci": "242600534"}})[1]) == [die.pk]
    assert ids(gql(query, {"f": {"kinds": ["PRACTICE_TAKEOVER"]}})[1]) == [die.pk]
    assert ids(gql(query, {"f": {"professions": ["infirmier"]}})[1]) == [valence.pk]
    bbox = {"minLatitude": 44.9, "minLongitude": 4.8, "maxLatitude": 45.0, "maxLongitude": 5.0}
    assert ids(gql(query, {"f": {"bbox": bbox}})[1]) == [valence.pk]
    near = {"commune": "26362", "radiusKm": 10}
    assert ids(gql(query, {"f": {"near": near}})[1]) == [valence.pk]
    near = {"latitude": 44.75, "longitude": 5.37, "radiusKm": 60}
    _, body = gql(query, {"f": {"near": near}, "o": "DISTANCE"})
    assert [int(r["id"]) for r in body["data"]["listings"]["results"]] == [die.pk, valence.pk]
    assert ids(gql(query, {"f": {"search": "Valence"}})[1]) == [valence.pk]
    _, body = gql(query, {"o": "TITLE"})
    assert [int(r["id"]) for r in body["data"]["listings"]["results"]] == [die.pk, valence.pk]
    _, body = gql(query, {"o": "DISTANCE"})
    assert "near" in body["errors"][0]["message"]


def test_listing_by_slug_with_photo_rendition(gql, places):
    listing = make_listing(places["die"], photos=1)
    # Publishing generated the allow-listed renditions: the public request creates none.
    assert Rendition.objects.filter(filter_spec="fill-400x300").count() == 1
    before = Rendition.objects.count()
    query = """query ($s: String!) { listing(slug: $s) { id photos {
        image { alt rendition(size: THUMBNAIL) { url width height } } } } }"""
    _, body = gql(query, {"s": listing.slug})
    rendition = body["data"]["listing"]["photos"][0]["image"]["rendition"]
    assert rendition["width"] == 400 and rendition["height"] == 300 and rendition["url"].startswith("/media/")
    assert Rendition.objects.count() == before
    _, body = gql("{ listingMap }")
    assert body["data"]["listingMap"]["features"][0]["properties"]["photoUrl"] == rendition["url"]
    _, body = gql('{ listing(slug: "x") { photos { image { rendition(size: HUGE) { url } } } } }')
    assert body["data"] is None  # only allow-listed sizes exist


def test_commune_page(gql, places, gp, aids_index):
    make_listing(places["die"], professions=[gp])
    HealthFacility.objects.create(kind="msp", name="MSP du Diois", commune=places["die"], hosts_interns=True)
    make_aid(aids_index, "Prime ZIP", zonage_requirement=ZonageRequirement.ZIP)
    make_aid(aids_index, "Aide locale Valence", scope=TerritorialScope.LOCAL, communes=[places["valence"]])
    query = """{ commune(inseeCode: "26113") { name zonage epci { name } listingCount healthFacilityCount
        listings { title } healthFacilities { name hostsInterns } applicableAids { title } } }"""
    _, body = gql(query)
    commune = body["data"]["commune"]
    assert commune["zonage"] == "ZIP" and commune["epci"]["name"] == "CC du Diois"
    assert commune["listingCount"] == 1 and commune["healthFacilityCount"] == 1
    assert [a["title"] for a in commune["applicableAids"]] == ["Prime ZIP"]
    _, body = gql("{ communes(filter: {withOpportunities: true}) { results { inseeCode } } }")
    assert body["data"]["communes"]["results"] == [{"inseeCode": "26113"}]
    _, body = gql('{ healthFacilities(filter: {hostsInterns: true, commune: "26113"}) { totalCount } }')
    assert body["data"]["healthFacilities"]["totalCount"] == 1


def test_aid_finder_uses_applicability_rule(gql, places, gp, aids_index):
    intern = AidAudience.objects.create(code="interne", name="Interne")
    AidAudience.objects.create(code="installe", name="Installé")
    make_aid(aids_index, "Pour les internes", audiences=[intern])
    make_aid(aids_index, "Pour les installés", audiences=[AidAudience.objects.get(code="installe")])
    make_aid(aids_index, "ZIP seulement", zonage_requirement=ZonageRequirement.ZIP)
    query = "query ($f: AidFilter) { aids(filter: $f) { results { title } } }"
    f = {"audience": "interne", "profession": gp.slug, "commune": "26362"}
    _, body = gql(query, {"f": f})
    assert [a["title"] for a in body["data"]["aids"]["results"]] == ["Pour les internes"]
    f["commune"] = "26113"
    _, body = gql(query, {"f": f})
    assert [a["title"] for a in body["data"]["aids"]["results"]] == ["Pour les internes", "ZIP seulement"]
    _, body = gql(query, {"f": {"commune": "99999"}})
    assert "Commune inconnue" in body["errors"][0]["message"]


def test_page_by_path_with_typed_blocks(gql, site_root):
    target = make_content_page(site_root, "Cible", slug="cible")
    draft = make_content_page(site_root, "Brouillon", slug="brouillon", live=False)
    image = make_image("bloc")
    body = [
        ("heading", {"text": "Titre", "level": "h2"}),
        ("paragraph", RichText(f'<p>Voir <a linktype="page" id="{target.pk}">la cible</a></p>')),
        ("image", image),
        ("call_to_action", {"text": "Brouillon", "page": draft, "url": ""}),
        ("question", {"question": "Q ?", "answer": RichText("<p>R</p>")}),
    ]
    make_content_page(site_root, "Parcours", slug="parcours", body=body)
    query = """{ page(path: "/parcours") { __typename title url ... on ContentPage { body {
        __typename ... on HeadingBlock { text level } ... on ParagraphBlock { html }
        ... on ImageBlock { alt image { rendition(size: CARD) { width } } }
        ... on CallToActionBlock { text url } ... on QuestionBlock { question answerHtml } } } } }"""
    _, result = gql(query)
    page = result["data"]["page"]
    assert page["__typename"] == "ContentPage" and page["url"] == "/parcours/"
    blocks = page["body"]
    assert blocks[0] == {"__typename": "HeadingBlock", "text": "Titre", "level": "h2"}
    assert 'href="/cible/"' in blocks[1]["html"]
    assert 0 < blocks[2]["image"]["rendition"]["width"] <= 800
    assert blocks[3]["url"] is None  # a draft page is never linked
    assert blocks[4]["answerHtml"] == "<p>R</p>"
    _, result = gql('{ page(path: "/") { __typename title } }')
    assert result["data"]["page"] == {"__typename": "HomePage", "title": "Accueil"}


def test_site_settings(gql, site_root):
    _, body = gql("{ siteSettings { deskName mapZoom mapCenterLatitude } }")
    assert body["data"]["siteSettings"]["deskName"] == "Guichet unique santé"


def test_search_is_french_on_postgresql(gql, places, settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("French stemming is PostgreSQL's text search; SQLite matches words as typed.")
    listing = make_listing(places["die"], title="Cabinet pour médecins généralistes")
    query = "query ($f: ListingFilter) { listings(filter: $f) { results { id } } }"
    for words in ("médecin généraliste", "MÉDECINS", "cabinets"):
        assert ids(gql(query, {"f": {"search": words}})[1]) == [listing.pk], words


def test_listing_map_uses_the_api_enum_names_and_links_communes(gql, places):
    listing = make_listing(places["die"], kind="practice_takeover")
    _, body = gql("{ listingMap }")
    properties = body["data"]["listingMap"]["features"][0]["properties"]
    assert properties["kind"] == "PRACTICE_TAKEOVER"
    assert properties["communeSlug"] == listing.commune.slug
