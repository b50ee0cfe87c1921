from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from reference.territory import format_bbox, validate_bbox, validate_territory_code
from reference.validators import validate_http_url

from .blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from .forms import DeskPageForm


class HomePage(Page):
    """The desk's front page: the journey from internship to installation."""

    introduction = models.TextField("introduction", blank=True, max_length=600)
    hero_image = models.ForeignKey(
        "media_library.CustomImage",
        verbose_name="image d'en-tête",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("hero_image"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    # One per desk: each desk of the instance (a Wagtail Site) is rooted at its own home page.
    base_form_class = DeskPageForm
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "page d'accueil"
        verbose_name_plural = "pages d'accueil"


class ContentPage(Page):
    """A generic editorial page: journeys, FAQs, legal notices..."""

    introduction = models.TextField("introduction", blank=True, max_length=600)
    image = models.ForeignKey(
        "media_library.CustomImage",
        verbose_name="image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("image"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    base_form_class = DeskPageForm

    class Meta:
        verbose_name = "page de contenu"
        verbose_name_plural = "pages de contenu"


# A new desk starts from the territory of settings.TERRITORY (environment variables), so
# that its name and map centre are written in one place only.
def default_territory_name():
    return settings.TERRITORY["name"]


def default_territory_code():
    return settings.TERRITORY["code"]


def default_territory_bbox():
    return format_bbox(settings.TERRITORY["bbox"])


def default_map_latitude():
    return settings.TERRITORY["center"][0]


def default_map_longitude():
    return settings.TERRITORY["center"][1]


def default_map_zoom():
    return settings.TERRITORY["zoom"]


@register_setting(icon="site")
class DeskSettings(BaseSiteSetting):
    """Per-site settings of the desk: contact, and where the map opens."""

    desk_name = models.CharField("nom du guichet", max_length=120, default="Guichet unique santé")
    territory_name = models.CharField("territoire", max_length=120, default=default_territory_name)
    territory_code = models.CharField(
        "code du territoire",
        max_length=3,
        default=default_territory_code,
        validators=[validate_territory_code],
        help_text="Code du département couvert par le guichet (par exemple 26) : ses communes sont celles du guichet.",
    )
    territory_bbox = models.CharField(
        "cadre du territoire",
        max_length=100,
        default=default_territory_bbox,
        validators=[validate_bbox],
        help_text="Longitude ouest, latitude sud, longitude est, latitude nord, séparées par des virgules "
        "(par exemple 4.60,44.10,5.85,45.40) : un lieu placé hors de ce cadre est refusé.",
    )
    contact_email = models.EmailField("e-mail du guichet", blank=True)
    contact_phone = models.CharField("téléphone du guichet", max_length=30, blank=True)
    contact_address = models.TextField("adresse postale", blank=True)
    legal_notice = RichTextField("mentions", blank=True, features=RICH_TEXT_FEATURES)
    website = models.URLField("site du Département", blank=True, validators=[validate_http_url])
    map_center_latitude = models.FloatField("latitude du centre de la carte", default=default_map_latitude)
    map_center_longitude = models.FloatField("longitude du centre de la carte", default=default_map_longitude)
    map_zoom = models.PositiveSmallIntegerField("zoom initial de la carte", default=default_map_zoom)
    listing_confirmation_months = models.PositiveSmallIntegerField(
        "délai de confirmation des annonces (mois)",
        default=6,
        help_text="Une annonce non confirmée depuis ce délai est signalée, puis retirée.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("desk_name"),
                FieldPanel("territory_name"),
                FieldPanel("territory_code"),
                FieldPanel("territory_bbox"),
                FieldPanel("website"),
            ],
            heading="Guichet",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_address")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("map_center_latitude"), FieldPanel("map_center_longitude"), FieldPanel("map_zoom")],
            heading="Carte",
        ),
        FieldPanel("listing_confirmation_months"),
        FieldPanel("legal_notice"),
    ]

    class Meta:
        verbose_name = "réglages du guichet"
