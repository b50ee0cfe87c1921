"""Pages: a `Page` interface and the editorial page types; pages are found by URL path."""

import strawberry
import strawberry_django
from strawberry_django.optimizer import optimize
from wagtail.models import Page

from home.models import ContentPage, HomePage

from .blocks import StreamBlock, stream_blocks
from .images import ImageType
from .site import current_site, public_pages


@strawberry_django.interface(Page, name="Page", description="A public page of the site.")
class PageInterface:
    id: strawberry.ID = strawberry_django.field(description="Page identifier.")
    title: str = strawberry_django.field(description="Title.")
    slug: str = strawberry_django.field(description="Last segment of the URL.")
    seo_title: str = strawberry_django.field(description="Title for search engines, when different.")
    search_description: str = strawberry_django.field(description="Description for search engines.")
    last_published_at: strawberry.auto = strawberry_django.field(description="When it was last published.")

    @strawberry_django.field(description="Path of the page on the site, e.g. /aides/prime/.", only=["url_path"])
    def url(self, info: strawberry.Info) -> str | None:
        return self.get_url(request=getattr(info.context, "request", None))


@strawberry_django.type(HomePage, name="HomePage", description="The front page of the desk.")
class HomePageType(PageInterface):
    introduction: str = strawberry_django.field(description="Introduction text.")
    hero_image: ImageType | None = strawberry_django.field(description="Header image.")

    @strawberry_django.field(description="Content blocks.", only=["body"])
    def body(self, info: strawberry.Info) -> list[StreamBlock]:
        return stream_blocks(self.body, info)

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return public_pages(queryset, info)


@strawberry_django.type(ContentPage, name="ContentPage", description="An editorial page (journey, FAQ...).")
class ContentPageType(PageInterface):
    introduction: str = strawberry_django.field(description="Introduction text.")
    image: ImageType | None = strawberry_django.field(description="Illustration.")

    @strawberry_django.field(description="Content blocks.", only=["body"])
    def body(self, info: strawberry.Info) -> list[StreamBlock]:
        return stream_blocks(self.body, info)

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return public_pages(queryset, info)


def resolve_page_by_path(info, path):
    """The public page at this path of the current site, as its specific type, or None."""
    site = current_site(info)
    if site is None or len(path) > 500:
        return None
    segments = [segment for segment in path.split("/") if segment]
    url_path = site.root_page.url_path + "".join(f"{segment}/" for segment in segments)
    page = public_pages(Page.objects.all(), info).filter(url_path=url_path).first()
    if page is None:
        return None
    # Load the specific page through the optimizer, like any list of pages: its relations
    # (funder, images) then go through their types' public rules and prefetches.
    specific = public_pages(page.specific_class.objects.filter(pk=page.pk), info)
    return optimize(specific, info).first()
