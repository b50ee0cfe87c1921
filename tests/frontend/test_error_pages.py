"""Error pages: 410 for a listing that is gone, 404 with suggestions, a static 500.

The test client runs with DEBUG off, so cms.urls' handler404/handler500 are the ones used.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from core.permissions import Refusal
from frontend.views.errors import permission_denied
from listings.factories import ListingFactory
from listings.models import ListingKind, ListingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def gone(small_site):
    """A replacement at Valmont that expired, an office there that was withdrawn, a draft."""
    commune = small_site.communes["a"]
    gp = small_site.professions["gp"]
    return {
        "expired": ListingFactory(
            title="Remplacement expiré secret",
            slug="remplacement-expire",
            kind=ListingKind.REPLACEMENT,
            commune=commune,
            professions=[gp],
            status=ListingStatus.EXPIRED,
        ),
        "withdrawn": ListingFactory(
            title="Cabinet retiré secret",
            slug="cabinet-retire",
            kind=ListingKind.OFFICE,
            commune=commune,
            professions=[gp],
            status=ListingStatus.WITHDRAWN,
        ),
        "rejected": ListingFactory(
            title="Annonce refusée", slug="annonce-refusee", commune=commune, status=ListingStatus.REJECTED
        ),
    }


@pytest.mark.parametrize("slug", ["remplacement-expire", "cabinet-retire"])
def test_a_listing_that_was_public_answers_410_with_similar_ones(client, gone, slug):
    response = client.get(f"/annonces/{slug}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "Cette annonce n'est plus disponible" in html and '<html lang="fr">' in html
    assert "secret" not in html  # nothing of the listing itself: not its title, not its text
    # Similar public listings around Valmont, same kind first: the summer replacement for the
    # expired replacement, and the other public listings of the commune.
    assert "Remplacement d&#x27;été à Valmont" in html and "Cabinet lumineux à Valmont" in html
    assert "Brouillon invisible" not in html
    assert 'href="/carte/?commune=26501&amp;rayon=40"' in html
    assert 'href="/aides/trouver/?commune=26501"' in html
    assert "mailto:guichet@example.org" in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_same_kind_comes_first_among_similar_listings(client, gone):
    html = client.get("/annonces/remplacement-expire/").content.decode()
    assert html.index("Remplacement d&#x27;été à Valmont") < html.index("Cabinet lumineux à Valmont")


@pytest.mark.parametrize("slug", ["brouillon-invisible", "annonce-refusee", "jamais-existe"])
def test_a_listing_never_public_is_not_found(client, gone, slug):
    response = client.get(f"/annonces/{slug}/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_api_tells_only_kind_commune_and_professions_of_a_former_listing(gql, gone):
    query = """query($slug: String!) {
        formerListing(slug: $slug) { slug kind commune { inseeCode } professions { slug } }
    }"""
    assert gql(query, {"slug": "remplacement-expire"})[1]["data"]["formerListing"] == {
        "slug": "remplacement-expire",
        "kind": "REPLACEMENT",
        "commune": {"inseeCode": "26501"},
        "professions": [{"slug": "medecin-generaliste"}],
    }
    for slug in ("cabinet-lumineux-valmont", "brouillon-invisible", "annonce-refusee", "inconnue"):
        assert gql(query, {"slug": slug})[1]["data"]["formerListing"] is None, slug
    # The type has nothing else: no title, text or contact of a listing no longer public.
    introspection = '{ __type(name: "FormerListing") { fields(includeDeprecated: true) { name } } }'
    fields = gql(introspection)[1]["data"]["__type"]["fields"]
    assert sorted(field["name"] for field in fields) == ["commune", "kind", "kindCode", "professions", "slug"]


def test_a_mistyped_listing_address_suggests_what_it_may_have_meant(client, small_site):
    response = client.get("/annonces/cabinet-lumineux-valmon/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vous cherchiez peut-être" in html
    assert 'href="/annonces/cabinet-lumineux-valmont/"' in html
    assert 'role="search"' in html and 'value="lumineux"' in html


def test_a_mistyped_commune_address_suggests_the_commune(client, small_site):
    html = client.get("/communes/valmont/").content.decode()
    assert "Vous cherchiez peut-être" in html and "Valmont-sur-Drôme" in html


def test_an_address_without_useful_words_gets_no_suggestion(client, small_site):
    response = client.get("/xyz/12345/")
    assert response.status_code == 404
    assert "Vous cherchiez peut-être" not in response.content.decode()


def test_the_500_handler_needs_no_database(django_assert_num_queries, settings):
    from cms import urls
    from frontend.views.errors import server_error

    assert urls.handler500 == "frontend.views.errors.server_error"
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Une erreur est survenue" in html and "css/site.css" in html and 'class="site-header"' in html
    assert settings.TERRITORY["name"] in html


def test_403_is_a_french_page_of_the_site_with_the_reason(client, django_user_model):
    """A signed-in account that belongs to no structure opens the contributor space."""
    user = django_user_model.objects.create_user("sans-structure", "sans@example.org", "motdepasse")
    client.force_login(user)
    response = client.get("/espace-contributeur/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<h1 id="error-title">Accès refusé</h1>' in html
    assert "Votre compte n&#x27;est rattaché à aucune structure contributrice." in html
    assert "Demander un compte pour votre structure" in html
    assert 'class="site-header' in html


def test_403_shows_only_reasons_written_for_the_user(rf):
    request = rf.get("/espace-contributeur/")
    request.user = AnonymousUser()
    internal = permission_denied(request, PermissionDenied("Internal detail: token 42")).content.decode()
    assert "Internal detail" not in internal
    assert "Votre compte ne permet pas d'ouvrir cette page." in internal
    refusal = permission_denied(request, Refusal("Seuls les responsables gèrent les membres.")).content.decode()
    assert "Seuls les responsables gèrent les membres." in refusal
