"""No public answer shows the title or the address of a page the public may not see
(home/visibility.py). Each kind of non-public page is planted, linked from each kind of
reference, then every public HTML page and the API are crawled."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from aides.factories import AidPageFactory
from home.factories import ContentPageFactory
from partners.factories import PartnerPageFactory, PartnersIndexPageFactory

pytestmark = pytest.mark.django_db


def plant_hidden_pages(home):
    """{kind: page} of pages the public may not see, each with a recognisable title and slug."""
    hidden = {}
    hidden["draft"] = ContentPageFactory(parent=home, title="Cache brouillon", slug="cache-brouillon", publish=False)
    unpublished = ContentPageFactory(parent=home, title="Cache depubliee", slug="cache-depubliee")
    unpublished.unpublish()
    hidden["unpublished"] = unpublished
    for kind, restriction in [("login", {}), ("password", {"password": "secret"}), ("groups", {})]:
        page = ContentPageFactory(parent=home, title=f"Cache {kind}", slug=f"cache-{kind}")
        view = PageViewRestriction.objects.create(page=page, restriction_type=kind, **restriction)
        if kind == "groups":
            view.groups.add(Group.objects.get(name="Modérateurs"))
        hidden[kind] = page
    hidden["under-restricted"] = ContentPageFactory(
        parent=hidden["login"], title="Cache sous-page", slug="cache-sous-page"
    )
    partners = PartnersIndexPageFactory(parent=home, slug="partenaires")
    funder = PartnerPageFactory(parent=partners, title="Cache financeur", slug="cache-financeur", publish=False)
    hidden["funder"] = funder
    return hidden, partners


def link_everywhere(home, hidden, small_site):
    """A public page with a button and a rich-text link to each hidden page; a public aid
    funded by the hidden partner."""
    body = []
    for page in hidden.values():
        body.append(("call_to_action", {"text": f"Bouton vers {page.slug}", "page": page, "url": ""}))
        body.append(("paragraph", RichText(f'<p>Voir <a linktype="page" id="{page.pk}">lien {page.slug}</a>.</p>')))
    ContentPageFactory(parent=home, title="Page publique avec liens", slug="liens", body=body)
    aid = small_site.aids["premium"]
    aid.funder = hidden["funder"].specific
    aid.save_revision().publish()
    # Related pages: a draft aid funded by a public partner is not listed on the partner's page.
    public_partner = PartnerPageFactory(parent=hidden["funder"].get_parent(), title="Partenaire public", slug="public")
    hidden["draft-aid"] = AidPageFactory(
        parent=aid.get_parent(),
        title="Cache aide brouillon",
        slug="cache-aide-brouillon",
        funder=public_partner,
        publish=False,
    )
    return aid


def public_urls(client, partners):
    urls = ["/", "/carte/", "/communes/", "/aides/trouver/", "/aides/trouver/?profil=installe", "/sitemap.xml"]
    urls += [page.url for page in Page.objects.live().public().specific() if page.url]
    return urls


def test_no_public_page_shows_a_hidden_page(client, small_site):
    home = Page.objects.get(slug="accueil-test")
    hidden, partners = plant_hidden_pages(home)
    link_everywhere(home, hidden, small_site)
    crawled = 0
    for url in public_urls(client, partners):
        response = client.get(url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        crawled += 1
        for kind, page in hidden.items():
            assert page.title not in html, (url, kind)
            assert page.slug not in html.replace(f"lien {page.slug}", "").replace(f"vers {page.slug}", ""), (
                url,
                kind,
            )
    assert crawled >= 10
    links_page = client.get("/liens/").content.decode()
    assert "Bouton vers" not in links_page  # a button to a hidden page is not shown at all
    assert "Prime d&#x27;installation" in client.get(small_site.aids["premium"].url).content.decode()


def test_the_api_shows_no_hidden_page(client, small_site):
    import json

    home = Page.objects.get(slug="accueil-test")
    hidden, _ = plant_hidden_pages(home)
    link_everywhere(home, hidden, small_site)
    query = """{ page(path: "/liens/") { ... on ContentPage { body {
        ... on CallToActionBlock { url } ... on ParagraphBlock { html } } } }
        aids { results { funder { title url } } } partners { title } }"""
    answer = json.dumps(client.post("/graphql/", {"query": query}, content_type="application/json").json())
    for kind, page in hidden.items():
        assert page.title not in answer, kind
        assert f"/{page.slug}/" not in answer, kind


def test_a_button_without_page_or_address_is_a_clear_error_not_a_crash():
    """It raised AttributeError (blocks.BlockValidationError does not exist): a 500 in the editor."""
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "Trouver une aide", "page": None, "url": ""}))
    assert "Choisissez une page du site ou saisissez une adresse web." in str(error.value.block_errors["page"])


def test_images_of_a_restricted_collection_are_never_shown(client, small_site):
    """Wagtail's collection privacy covers documents only; public renderings leave such
    images out: page illustration, image block, partner logo, and the API."""
    import json

    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, CollectionViewRestriction

    from media_library.models import CustomImage

    root = Collection.get_first_root_node()
    private = root.add_child(name="Interne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    inner = private.add_child(name="Sous-dossier interne")
    secret = CustomImage.objects.create(
        title="image-secrete", file=get_test_image_file(filename="secrete.png"), collection=inner
    )
    shown = CustomImage.objects.create(title="image-publique", file=get_test_image_file(filename="publique.png"))
    home = Page.objects.get(slug="accueil-test")
    ContentPageFactory(
        parent=home,
        slug="illustree",
        image=secret,
        body=[
            ("image", {"image": secret, "alt_text": "", "decorative": True}),
            ("image", {"image": shown, "alt_text": "", "decorative": True}),
        ],
    )
    partners = PartnersIndexPageFactory(parent=home, slug="partenaires")
    PartnerPageFactory(parent=partners, slug="partenaire-logo", logo=secret)
    for url in ("/illustree/", "/partenaires/partenaire-logo/"):
        html = client.get(url).content.decode()
        assert "secrete" not in html, url
    assert "publique" in client.get("/illustree/").content.decode()
    query = """{ page(path: "/illustree/") { ... on ContentPage {
            image { id } body { ... on ImageBlock { image { id } } } } }
        partners { logo { id } } }"""
    answer = client.post("/graphql/", {"query": query}, content_type="application/json").json()
    assert answer["data"]["page"]["image"] is None
    assert str(secret.pk) not in json.dumps(answer)
