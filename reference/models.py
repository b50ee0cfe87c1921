"""Reference data (référentiels): territory, professions and the existing care offer.

These are official, imported records shared by listings, aids and the map; they live in
one app so that importers and replication for another territory have a single home.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from . import vocabularies
from .addresses import Address, AddressKind  # noqa: F401 - BAN addresses, one app's models
from .admin_forms import HealthFacilityAdminForm
from .desk_territories import territory_of_site
from .desks import DeskOwned
from .validators import (
    format_point,
    parse_point,
    validate_finess,
    validate_http_url,
    validate_in_territory,
    validate_insee_code,
    validate_siren,
)
from .vocabularies import Term, Vocabulary  # noqa: F401 - the desks' vocabularies, one app's models
from .widgets import MapPanel
from .zoning import ProfessionZoning, ZoningClass  # noqa: F401 - the per-profession zoning, one app's models


class ZonageCategory(models.TextChoices):
    """ARS zoning for general practitioners (arrêté of 9 May 2025)."""

    ZIP = "zip", "ZIP – zone d'intervention prioritaire"
    ZAC = "zac", "ZAC – zone d'action complémentaire"
    HZ = "hz", "Hors zonage"
    UNKNOWN = "", "Non renseigné"


class GeoLocatedModel(models.Model):
    """A place picked on the map widget, with queryable coordinates.

    The widget stores 'SRID=4326;POINT(lon lat)' text; latitude and longitude are kept
    in sync from it so that bounding-box and distance filters run in SQL.
    """

    location = models.CharField(
        "position sur la carte",
        max_length=250,
        blank=True,
        help_text="Cliquez sur la carte ou déplacez le repère pour situer le lieu.",
    )
    latitude = models.FloatField("latitude", null=True, blank=True, editable=False)
    longitude = models.FloatField("longitude", null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Keep the coordinates derived from the widget text even when clean() was skipped
        # (imports, factories); an unreadable value leaves no stale coordinates behind.
        if self.location:
            try:
                self.latitude, self.longitude = parse_point(self.location)
            except ValidationError:
                self.latitude = self.longitude = None
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.location:
            self.latitude = self.longitude = None
            return
        try:
            latitude, longitude = parse_point(self.location)
            validate_in_territory(latitude, longitude, self.territory())
        except ValidationError as error:
            raise ValidationError({"location": error.messages}) from error
        self.latitude, self.longitude = latitude, longitude

    def territory(self):
        """The territory the point must lie in: its desk's for a row of a desk (DeskOwned),
        else the default desk's."""
        site_id = getattr(self, "site_id", None)
        return territory_of_site(self.site if site_id is not None else None)

    def set_coordinates(self, latitude, longitude):
        self.latitude, self.longitude = latitude, longitude
        self.location = format_point(latitude, longitude)


class Epci(models.Model):
    """An intercommunal body (communauté de communes, d'agglomération...)."""

    siren = models.CharField("SIREN", max_length=9, unique=True, validators=[validate_siren])
    name = models.CharField("nom", max_length=255)

    panels = [FieldPanel("siren"), FieldPanel("name")]

    class Meta:
        verbose_name = "EPCI (intercommunalité)"
        verbose_name_plural = "EPCI (intercommunalités)"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Commune(index.Indexed, models.Model):
    insee_code = models.CharField(
        "code INSEE",
        max_length=5,
        unique=True,
        validators=[validate_insee_code],
        help_text="Code officiel géographique à 5 caractères, par exemple 26362.",
    )
    name = models.CharField("nom", max_length=255)
    slug = models.SlugField("identifiant d'URL", max_length=255, unique=True)
    departement_code = models.CharField("code du département", max_length=3, db_index=True)
    epci = models.ForeignKey(
        Epci,
        verbose_name="EPCI",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communes",
    )
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    centroid_latitude = models.FloatField("latitude du centre", null=True, blank=True)
    centroid_longitude = models.FloatField("longitude du centre", null=True, blank=True)
    boundary = models.JSONField(
        "contour",
        null=True,
        blank=True,
        help_text="Géométrie GeoJSON (Polygon ou MultiPolygon), coordonnées WGS84.",
    )
    zonage = models.CharField(
        "zonage ARS",
        max_length=3,
        choices=ZonageCategory.choices,
        blank=True,
        default=ZonageCategory.UNKNOWN,
    )
    zonage_is_fictitious = models.BooleanField(
        "zonage fictif (démonstration)",
        default=False,
        help_text="Cocher quand le zonage n'est pas issu de l'arrêté de l'ARS.",
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("insee_code"),
        index.FilterField("departement_code"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("insee_code"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("departement_code"), FieldPanel("population")]),
        FieldPanel("epci"),
        MultiFieldPanel([FieldPanel("zonage"), FieldPanel("zonage_is_fictitious")], heading="Zonage"),
    ]

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.insee_code})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.name}-{self.insee_code}")
        if not self.departement_code and self.insee_code:
            self.departement_code = self.insee_code[: 3 if self.insee_code.startswith("97") else 2]
        super().save(*args, **kwargs)


class Profession(DeskOwned):
    """A health profession. Data, not code: another sector brings its own list, and each
    desk its own rows (names and slugs are unique within a desk)."""

    name = models.CharField("nom", max_length=120)
    slug = models.SlugField("identifiant d'URL", max_length=120)
    rpps_code = models.CharField(
        "code profession RPPS",
        max_length=10,
        blank=True,
        help_text="Code de la profession dans le RPPS (10 = médecin), si connu.",
    )
    sort_order = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("rpps_code"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "profession"
        verbose_name_plural = "professions"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"],
                name="reference_profession_site_name_unique",
                violation_error_message="Une profession porte déjà ce nom dans ce guichet.",
            ),
            models.UniqueConstraint(
                fields=["site", "slug"],
                name="reference_profession_site_slug_unique",
                violation_error_message="Une profession a déjà cet identifiant d'URL dans ce guichet.",
            ),
        ]

    def __str__(self):
        return self.name


class HealthFacilityKind(models.TextChoices):
    """The health desk's seed of its « Types d'offre de soins » (a desk's kinds are data,
    reference.Term) and the members of the deprecated HealthFacilityKind API enum."""

    HOSPITAL = "hospital", "Centre hospitalier"
    SOCIAL_CENTRE = "cms", "Centre médico-social du Département"
    MSP = "msp", "Maison de santé pluriprofessionnelle"
    HEALTH_CENTRE = "health_centre", "Centre de santé"
    CPTS = "cpts", "CPTS"
    PRACTICE = "practice", "Cabinet médical"
    INTERN_HOUSING = "intern_housing", "Maison des internes"


class HealthFacility(index.Indexed, DeskOwned, GeoLocatedModel):
    """The existing care offer shown on the map (imported from FINESS or entered)."""

    # A code of the desk's « Types d'offre de soins » (reference/vocabularies.py).
    kind = models.CharField("type", max_length=40)
    name = models.CharField("nom", max_length=255)
    finess_number = models.CharField(
        "numéro FINESS",
        max_length=9,
        null=True,
        blank=True,
        validators=[validate_finess],
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, related_name="health_facilities"
    )
    hosts_interns = models.BooleanField(
        "accueille des internes",
        default=False,
        help_text="Lieu de stage agréé ou maître de stage universitaire (MSU) présent.",
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site web", blank=True, validators=[validate_http_url])
    places = models.PositiveSmallIntegerField(
        "places",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Pour une maison des internes : nombre de places.",
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("commune_id"),
        index.FilterField("site_id"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("finess_number"), FieldPanel("places")]),
        FieldPanel("hosts_interns"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("commune"),
                MapPanel("location", address_field="address", commune_field="commune"),
            ],
            heading="Adresse et position",
        ),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("website")], heading="Contact"),
    ]
    base_form_class = HealthFacilityAdminForm

    class Meta:
        verbose_name = "établissement de l'offre de soins"
        verbose_name_plural = "offre de soins"
        ordering = ["name"]
        constraints = [
            # Per desk: a health desk and a veterinary desk of one département each keep
            # their own care offer, and one desk's message never reveals the other's rows.
            models.UniqueConstraint(
                fields=["site", "finess_number"],
                name="reference_healthfacility_site_finess_unique",
                violation_error_message="Un établissement de ce guichet porte déjà ce numéro FINESS.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def kind_label(self):
        """The kind's label in the facility's desk (annotated by the admin list in its query)."""
        annotated = self.__dict__.get("desk_kind_label")
        if annotated is not None:
            return annotated
        return vocabularies.label_of(self.site_id, Vocabulary.FACILITY_KIND, self.kind)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            vocabularies.check_known(self.site_id, Vocabulary.FACILITY_KIND, self.kind)
        except ValidationError as error:
            errors.setdefault("kind", []).extend(error.messages)
        if errors:
            raise ValidationError(errors)
