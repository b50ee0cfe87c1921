"""N+1 guards: every list resolver runs the same number of SQL queries at two data sizes."""

import pytest

from aides.models import AidAudience
from reference.models import HealthFacility

from .conftest import make_aid, make_listing, make_partner

# Each case builds its data at two sizes (about 2 s): in CI, not in the fast set.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

QUERIES = {
    "listings": """{ listings(pagination: {limit: 100}) { totalCount results {
        id title kind latitude longitude professions { slug name } commune { name inseeCode epci { name } }
        organisation { name } contact { name }
        photos { caption image { alt rendition(size: THUMBNAIL) { url width height } } } } } }""",
    "listingMap": "{ listingMap }",
    "communes": """{ communes(pagination: {limit: 100}) { totalCount results {
        inseeCode name zonage listingCount healthFacilityCount epci { name } listings { id title } } } }""",
    "healthFacilities": """{ healthFacilities(pagination: {limit: 100}) { totalCount results {
        name kind hostsInterns commune { name } } } }""",
    "aids": """{ aids(pagination: {limit: 100}) { totalCount results {
        title url aidType audiences { code } professions { slug } communes { name } funder { title } } } }""",
    "partners": "{ partners { title url kind logo { rendition(size: CARD) { url } } } }",
    # Nested lists and per-commune resolvers, two levels down.
    "communesNested": """{ communes(pagination: {limit: 5}) { results { name
        listings(pagination: {limit: 10}) { id professions { slug }
            photos { image { rendition(size: THUMBNAIL) { url } } } }
        healthFacilities { name commune { name } }
        applicableAids { title audiences { code } funder { title } } } } }""",
    # The finder: three groups of aids with their relations, and one assessment per aid.
    "aidFinder": """{ aidFinder(situation: {profession: "medecin-generaliste", commune: "26113"}) {
        eligible { title audiences { code } professions { slug } funder { title } }
        toCheck { title audiences { code } funder { title } }
        notApplicable { title funder { title } }
        assessments { aidId verdict reasons conditions missingAnswers estimatedAmount { low high } }
        estimatedTotal { low high } } }""",
    # The same lists under aliases: each alias is one more constant, not one more per row.
    "aliased": """{ a: listings(pagination: {limit: 50}) { results { id commune { name } professions { slug } } }
        b: listings(pagination: {limit: 50}, order: TITLE) { results { id commune { name } professions { slug } } }
        c: aids(pagination: {limit: 50}) { results { title communes { name } epcis { name } } } }""",
}

# Upper bounds (the equality across sizes is the real guard). Every answer reads the
# request's desk once (its Wagtail site by host: +1), and the communes its territory too
# (its settings: +1), memoised for the whole answer (graphql_api/site.py current_desk).
MAX_QUERIES = {
    # 7 (+1 the desk): photos' images are a prefetch of their own since ImageType filters out images of
    # view-restricted collections (home/visibility.py); still constant whatever the size.
    "listings": 8,
    "listingMap": 4,
    "communes": 5,
    "healthFacilities": 3,
    "aids": 11,
    "partners": 5,
    "communesNested": 17,
    # 22 (+1 the desk): the situation (2), the aids' conditions (5), then each of the three groups with
    # its own relations (about 3 each), plus the site's root.
    "aidFinder": 23,
    "aliased": 16,
}


def build(places, gp, aids_index, partners_index, size):
    audience = AidAudience.objects.get_or_create(code="interne", name="Interne")[0]
    for i in range(size):
        commune = places["die"] if i % 2 else places["valence"]
        make_listing(commune, professions=[gp], photos=1, contact="consented")
        HealthFacility.objects.create(kind="msp", name=f"MSP {size}-{i}", commune=commune, hosts_interns=bool(i % 2))
        partner = make_partner(partners_index, f"Partenaire {size}-{i}")
        make_aid(
            aids_index, f"Aide {size}-{i}", audiences=[audience], professions=[gp], communes=[commune], funder=partner
        )
    # Renditions exist as they would after publication.
    from listings.models import Listing

    for listing in Listing.objects.all():
        for photo in listing.photos.all():
            photo.image.get_renditions("fill-400x300")


def count(gql, count_queries, query):
    from django.core.cache import cache

    cache.clear()  # neither the response cache nor Wagtail's site-root cache may hide queries
    with count_queries() as ctx:
        status, body = gql(query)
    assert status == 200 and "errors" not in body, body
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", list(QUERIES))
def test_query_count_is_constant(name, gql, count_queries, places, gp, aids_index, partners_index):
    build(places, gp, aids_index, partners_index, 3)
    small = count(gql, count_queries, QUERIES[name])
    build(places, gp, aids_index, partners_index, 9)
    large = count(gql, count_queries, QUERIES[name])
    assert small == large, f"{name}: {small} queries for 3 items, {large} for 12"
    assert large <= MAX_QUERIES[name], f"{name}: {large} queries"
    print(f"{name}: {large} queries")


@pytest.mark.parametrize("document", ["listing_page", "commune_page"])
def test_the_sites_detail_pages_cost_the_same_with_1_or_4_photos(document, gql, count_queries, places, gp):
    """Aliased renditions (card/large) are prefetched too: queries do not grow with photos."""
    from pathlib import Path

    query = (Path(__file__).resolve().parents[2] / "frontend" / "queries" / f"{document}.graphql").read_text()
    counts = []
    for photos in (1, 4):
        listing = make_listing(places["die"], professions=[gp], photos=photos, contact="consented")
        for photo in listing.photos.all():
            photo.image.get_renditions("fill-400x300", "fill-800x600", "max-1600x1200")
        variables = {"slug": listing.slug} if document == "listing_page" else {"insee": "26113"}
        counts.append(_count(gql, count_queries, query, variables))
    assert counts[0] == counts[1], counts
    print(f"{document}: {counts[1]} queries")


def _count(gql, count_queries, query, variables):
    from django.core.cache import cache

    cache.clear()
    with count_queries() as ctx:
        status, body = gql(query, variables)
    assert status == 200 and "errors" not in body, body
    return len(ctx.captured_queries)


def test_shared_professions_and_audiences_are_not_repeated(gql, places, gp, aids_index):
    """Capped many-to-many lists in a prefetch: each related object once per parent."""
    from aides.models import AidAudience
    from reference.models import Profession

    from .conftest import make_aid

    nurse = Profession.objects.create(name="Infirmier", slug="infirmier")
    audiences = [AidAudience.objects.create(code=f"public-{i}", name=f"Public {i}") for i in range(3)]
    for i in range(4):
        make_listing(places["die"] if i % 2 else places["valence"], professions=[gp, nurse])
        make_aid(aids_index, f"Aide {i}", audiences=audiences, professions=[gp, nurse], communes=[places["die"]])
    _, body = gql(
        "{ listings { results { professions { slug } } } aids { results { audiences { code } "
        "professions { slug } communes { inseeCode } } } }"
    )
    for listing in body["data"]["listings"]["results"]:
        assert sorted(p["slug"] for p in listing["professions"]) == ["infirmier", "medecin-generaliste"]
    for aid in body["data"]["aids"]["results"]:
        assert len(aid["audiences"]) == 3 and len(aid["professions"]) == 2 and len(aid["communes"]) == 1
    _, body = gql("{ aids { results { communes(pagination: {offset: 1, limit: 5}) { inseeCode } } } }")
    assert all(aid["communes"] == [] for aid in body["data"]["aids"]["results"])
