"""The map's filters, from the query string to the API's ListingFilter: one rule for the map
page (/carte/) and its static image (/carte/plan.svg)."""

from dataclasses import dataclass, field

from .commune_search import commune_errors, resolve_commune
from .forms import MapFilterForm

# The query-string parameters that choose which listings are shown (all but the page number).
FILTER_PARAMETERS = tuple(name for name in MapFilterForm.base_fields if name != "page")


@dataclass
class MapFilters:
    """What a visitor asked for (cleaned) and the API's `filter` and `order` for it."""

    kind: str
    profession: str
    search: str
    radius: int
    page_number: int
    commune_text: str
    commune: dict | None
    candidates: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    listing_filter: dict = field(default_factory=dict)
    order: str | None = None
    zone: dict | None = None  # the visible rectangle the list follows (map.js), if any


def read_map_filters(data, *, kinds, communes):
    """The filters of query string `data`; ``kinds`` are the desk's listing kinds' labels
    ({code: label}) and ``communes`` the list a typed commune is looked up in
    (commune_search.commune_names). Never fails: a value the map cannot use is its default."""
    form = MapFilterForm(data, kinds=kinds)
    form.is_valid()  # always: a value the page cannot use is its field's default
    kind, profession, search = form.cleaned_data["type"], form.cleaned_data["profession"], form.cleaned_data["q"]
    radius, page_number = form.cleaned_data["rayon"], form.cleaned_data["page"]
    commune_text = form.cleaned_data["commune"]
    commune, candidates = resolve_commune(communes, commune_text)
    errors = commune_errors(commune_text, commune, candidates)

    listing_filter = {}
    if kind:
        listing_filter["kindCodes"] = [kind]
    if profession:
        listing_filter["professions"] = [profession]
    if search:
        listing_filter["search"] = search
    order = None
    if commune and radius:
        listing_filter["near"] = {"commune": commune["inseeCode"], "radiusKm": radius}
        order = "DISTANCE"
    elif commune:
        listing_filter["commune"] = commune["inseeCode"]
    zone = form.cleaned_data["zone"]
    if zone:
        listing_filter["bbox"] = zone
    return MapFilters(
        kind=kind,
        profession=profession,
        search=search,
        radius=radius,
        page_number=page_number,
        commune_text=commune_text,
        commune=commune,
        candidates=candidates,
        errors=errors,
        listing_filter=listing_filter,
        order=order,
        zone=zone,
    )
