"""Partner pages: the institutions a doctor deals with (ARS, CPAM, Ordre, URPS...).

They are also the funders of aids, so aid pages point at them.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from home.forms import DeskPageForm
from reference.models import GeoLocatedModel
from reference.validators import validate_http_url
from reference.widgets import MapPanel


class PartnerKind(models.TextChoices):
    ARS = "ars", "Agence régionale de santé"
    CPAM = "cpam", "Assurance maladie (CPAM)"
    ORDER = "order", "Ordre des médecins"
    URPS = "urps", "URPS"
    FACULTY = "faculty", "Faculté de médecine"
    ATTRACTIVENESS = "attractiveness", "Agence d'attractivité"
    CPTS = "cpts", "CPTS"
    HOSPITAL = "hospital", "Établissement hospitalier"
    LOCAL_AUTHORITY = "local_authority", "Collectivité"
    STATE = "state", "État"
    OTHER = "other", "Autre"


class PartnersIndexPage(Page):
    introduction = models.TextField("introduction", blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1
    base_form_class = DeskPageForm

    class Meta:
        verbose_name = "annuaire des partenaires"
        verbose_name_plural = "annuaires des partenaires"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Ordered by kind so that the directory groups them (ARS, CPAM, Ordre...).
        context["partners"] = PartnerPage.objects.child_of(self).live().public().order_by("kind", "title")
        return context


class PartnerPage(GeoLocatedModel, Page):
    kind = models.CharField("type de partenaire", max_length=20, choices=PartnerKind.choices)
    mission = models.TextField("mission", max_length=1_000, help_text="En quelques phrases, son rôle pour un médecin.")
    services = StreamField(BodyStreamBlock(), verbose_name="services proposés", blank=True)
    contact_details = RichTextField(
        "contacts",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Coordonnées institutionnelles uniquement (pas de données personnelles).",
    )
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    website = models.URLField("site web", blank=True, validators=[validate_http_url])
    logo = models.ForeignKey(
        "media_library.CustomImage",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("logo")]),
        FieldPanel("mission"),
        FieldPanel("services"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website"),
                FieldPanel("contact_details"),
                FieldPanel("address"),
                MapPanel("location", address_field="address"),
            ],
            heading="Coordonnées",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("mission"), index.FilterField("kind")]
    parent_page_types = ["partners.PartnersIndexPage"]
    base_form_class = DeskPageForm
    subpage_types = []

    class Meta:
        verbose_name = "page partenaire"
        verbose_name_plural = "pages partenaires"
