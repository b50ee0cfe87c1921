"""The open datasets: public listings and the care offer, as rows of stable columns.

Each dataset is built from flat ``values_list`` queries (listings: 2 queries, care offer: 1),
whatever the number of records, and never touches private data:
- listings come only from ``Listing.objects.public()`` (the single rule of what is public);
- contacts (ListingContact), organisation members and e-mails, moderation fields and
  unpublished revisions are never selected: only the columns listed here are read.

Column names are a contract with reusers (the département's open-data portal): add new
columns at the end, never rename or remove one (tests/opendata pins the list). The details
per kind (end date, housing, rhythm, contract, working time, pay range, shared secretariat,
intern places and price) are public on the listing page and in the API, so they are here too;
their vocabularies are given as their French labels, like structure_type. The kinds are
data (reference.Term): each row's ``type_libelle`` is the label of its code in its own desk,
read in the same query.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models.functions import Coalesce

from listings.models import (
    DETAIL_FIELD_NAMES,
    ContractType,
    Listing,
    OrganisationKind,
    ReplacementRhythm,
    WorkingTime,
)
from reference.models import HealthFacility
from reference.vocabularies import Vocabulary, label_subquery

LICENCE_NAME = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
MULTI_VALUE_SEPARATOR = " | "


@dataclass(frozen=True)
class Dataset:
    slug: str  # file name without extension: annonces, offre-de-soins
    title: str
    description: str
    columns: tuple  # CSV header; GeoJSON properties are the same minus latitude/longitude
    list_columns: tuple = ()  # columns holding several values (a list in GeoJSON, joined in CSV)


LISTINGS = Dataset(
    slug="annonces",
    title="Annonces d'installation des professionnels de santé",
    description=(
        "Les opportunités d'installation publiées par le guichet et validées par ses modérateurs : locaux "
        "professionnels, cabinets à reprendre, postes salariés, remplacements, collaborations, associations, "
        "logements pour internes. Seules les annonces publiées et non expirées figurent ; les coordonnées des "
        "personnes à contacter n'y figurent jamais."
    ),
    columns=(
        "identifiant",
        "slug",
        "titre",
        "type",
        "type_libelle",
        "resume",
        "description",
        "professions",
        "professions_codes",
        "commune_code_insee",
        "commune_nom",
        "adresse",
        "latitude",
        "longitude",
        "surface_m2",
        "loyer_mensuel_eur",
        "prix_cession_eur",
        "mois_loyer_offerts",
        "conditions",
        "disponible_le",
        "derniere_publication",
        "derniere_confirmation",
        "structure",
        "structure_type",
        "url",
        # The details per kind (listings/models/details.py), added in 2026; empty when not given.
        "disponible_jusqu_au",
        "logement_fourni",
        "rythme_remplacement",
        "type_contrat",
        "temps_de_travail",
        "temps_de_travail_precisions",
        "salaire_brut_mensuel_min_eur",
        "salaire_brut_mensuel_max_eur",
        "secretariat_partage",
        "places_internes",
        "prix_mensuel_interne_eur",
    ),
    list_columns=("professions", "professions_codes"),
)

FACILITIES = Dataset(
    slug="offre-de-soins",
    title="Offre de soins du territoire",
    description=(
        "Les lieux de l'offre de soins présentés par le guichet : centres hospitaliers, centres médico-sociaux, "
        "maisons de santé pluriprofessionnelles, centres de santé, CPTS, cabinets, maisons des internes. "
        "Identifiant : le numéro FINESS quand il est connu."
    ),
    columns=(
        "identifiant",
        "numero_finess",
        "nom",
        "type",
        "type_libelle",
        "commune_code_insee",
        "commune_nom",
        "adresse",
        "latitude",
        "longitude",
        "accueille_internes",
        "telephone",
        "site_web",
        "places",
    ),
)

DATASETS = {dataset.slug: dataset for dataset in (LISTINGS, FACILITIES)}


def of_desk(queryset, site):
    """The rows of one desk (a Wagtail site); none when ``site`` is None (a host that is no
    desk, with no default site): a public file never holds every desk's rows."""
    return queryset.filter(site_id=site.pk) if site is not None else queryset.none()


def listing_identifier(pk):
    return f"annonce-{pk}"


def facility_identifier(pk, finess_number):
    return finess_number or f"etablissement-{pk}"


def listing_url_template(site=None):
    """settings.OPENDATA_LISTING_URL ('https://…/annonces/{slug}/') is the default desk's;
    another desk's files link to its own host (the same path under the site's root URL)."""
    template = settings.OPENDATA_LISTING_URL
    if not template or site is None or site.is_default_site:
        return template
    root = urlsplit(site.root_url)
    parts = urlsplit(template)
    return urlunsplit((root.scheme, root.netloc, parts.path, parts.query, parts.fragment))


def listing_url(slug, template=None):
    """The listing's page on the public site, from ``template`` (default: settings.OPENDATA_LISTING_URL)."""
    template = settings.OPENDATA_LISTING_URL if template is None else template
    return template.format(slug=slug) if template else ""


def _number(value):
    return float(value) if value is not None else None


def _date(value):
    return value.isoformat() if value is not None else None


def listing_rows(site):
    """One dict per public listing of the desk ``site`` (none when None) (keys:
    LISTINGS.columns), ordered by identifier. 2 queries."""
    public = of_desk(Listing.objects.public(), site)
    url_template = listing_url_template(site)
    organisation_labels = dict(OrganisationKind.choices)
    labels = {
        "replacement_rhythm": dict(ReplacementRhythm.choices),
        "contract_type": dict(ContractType.choices),
        "working_time": dict(WorkingTime.choices),
    }
    professions = defaultdict(list)
    through = Listing.professions.through
    for listing_id, slug, name in (
        through.objects.filter(listing_id__in=public.values("pk"))
        .order_by("listing_id", "profession__sort_order", "profession__name")
        .values_list("listing_id", "profession__slug", "profession__name")
    ):
        professions[listing_id].append((slug, name))
    rows = (
        public.order_by("pk")
        .annotate(type_label=Coalesce(label_subquery(Vocabulary.LISTING_KIND, "kind"), "kind"))
        .values(
            "pk",
            "slug",
            "title",
            "kind",
            "summary",
            "description",
            "commune__insee_code",
            "commune__name",
            "address",
            "latitude",
            "longitude",
            "surface_m2",
            "monthly_rent_eur",
            "sale_price_eur",
            "rent_free_months",
            "conditions",
            "available_from",
            "last_published_at",
            "last_confirmed_at",
            "organisation__name",
            "organisation__kind",
            "type_label",
            *DETAIL_FIELD_NAMES,  # the details per kind (listings/models/details.py)
        )
    )
    for row in rows:
        sought = professions.get(row["pk"], [])
        organisation_kind = row["organisation__kind"]
        yield {
            "identifiant": listing_identifier(row["pk"]),
            "slug": row["slug"],
            "titre": row["title"],
            "type": row["kind"],
            "type_libelle": row["type_label"],
            "resume": row["summary"],
            "description": row["description"],
            "professions": [name for _, name in sought],
            "professions_codes": [code for code, _ in sought],
            "commune_code_insee": row["commune__insee_code"],
            "commune_nom": row["commune__name"],
            "adresse": row["address"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "surface_m2": _number(row["surface_m2"]),
            "loyer_mensuel_eur": _number(row["monthly_rent_eur"]),
            "prix_cession_eur": _number(row["sale_price_eur"]),
            "mois_loyer_offerts": row["rent_free_months"],
            "conditions": row["conditions"],
            "disponible_le": _date(row["available_from"]),
            "derniere_publication": _date(row["last_published_at"]),
            "derniere_confirmation": _date(row["last_confirmed_at"]),
            "structure": row["organisation__name"] or "",
            "structure_type": organisation_labels.get(organisation_kind, "") if organisation_kind else "",
            "url": listing_url(row["slug"], url_template),
            "disponible_jusqu_au": _date(row["available_until"]),
            "logement_fourni": row["housing_included"],
            "rythme_remplacement": labels["replacement_rhythm"].get(row["replacement_rhythm"], ""),
            "type_contrat": labels["contract_type"].get(row["contract_type"], ""),
            "temps_de_travail": labels["working_time"].get(row["working_time"], ""),
            "temps_de_travail_precisions": row["working_time_details"],
            "salaire_brut_mensuel_min_eur": row["monthly_pay_min_eur"],
            "salaire_brut_mensuel_max_eur": row["monthly_pay_max_eur"],
            "secretariat_partage": row["shared_secretariat"],
            "places_internes": row["intern_places"],
            "prix_mensuel_interne_eur": _number(row["intern_monthly_price_eur"]),
        }


def facility_rows(site):
    """One dict per facility of the care offer (keys: FACILITIES.columns). 1 query."""
    rows = (
        of_desk(HealthFacility.objects.order_by("pk"), site)
        .annotate(type_label=Coalesce(label_subquery(Vocabulary.FACILITY_KIND, "kind"), "kind"))
        .values_list(
            "pk",
            "finess_number",
            "name",
            "kind",
            "commune__insee_code",
            "commune__name",
            "address",
            "latitude",
            "longitude",
            "hosts_interns",
            "phone",
            "website",
            "places",
            "type_label",
        )
    )
    for (
        pk,
        finess_number,
        name,
        kind,
        insee_code,
        commune_name,
        address,
        latitude,
        longitude,
        hosts_interns,
        phone,
        website,
        places,
        type_label,
    ) in rows:
        yield {
            "identifiant": facility_identifier(pk, finess_number),
            "numero_finess": finess_number or "",
            "nom": name,
            "type": kind,
            "type_libelle": type_label,
            "commune_code_insee": insee_code,
            "commune_nom": commune_name,
            "adresse": address,
            "latitude": latitude,
            "longitude": longitude,
            "accueille_internes": hosts_interns,
            "telephone": phone,
            "site_web": website,
            "places": places,
        }


ROWS = {LISTINGS.slug: listing_rows, FACILITIES.slug: facility_rows}
