"""The admin's map widget: a point picked on a Leaflet map served by the site.

wagtailgeowidget gives the model field, the panel and the stored value
(``SRID=4326;POINT(lon lat)``); its JavaScript does not suit a closed network and French
editors (Leaflet from unpkg.com, the map hidden behind « Click here to initialize map »,
English messages, addresses geocoded by Nominatim), so the widget is drawn by the project's
template and script (``reference/js/map-field.js``):

- the map is shown at once: on the saved point at street level, or framing the territory;
- no tile server configured (``MAP_TILE_URL``): the commune outlines are the background;
- the address search asks the desk's own service (``reference:address_search``, BAN
  addresses), never a third party; the commune chosen in the form narrows it.
"""

import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from wagtail.admin.telepath import register
from wagtail.admin.telepath.widgets import WidgetAdapter
from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField

from .validators import parse_point

# Street level: the building is recognisable on the map.
SAVED_POINT_ZOOM = 15
# The address service's path, by contract, until its URL name is there to reverse.
ADDRESS_SEARCH_PATH = "/referentiels/adresses/"
ADDRESS_SEARCH_LIMIT = 5


def address_search_url():
    try:
        return reverse("reference:address_search")
    except NoReverseMatch:
        return ADDRESS_SEARCH_PATH


def saved_point(value):
    """(latitude, longitude) of a stored value, or None."""
    try:
        return parse_point(value) if value else None
    except ValidationError:
        return None


class SelfHostedLeafletField(LeafletField):
    template_name = "reference/widgets/map_field.html"

    def __init__(self, *args, commune_field=None, **kwargs):
        self.commune_field = commune_field
        super().__init__(*args, **kwargs)

    def map_options(self, value):
        point = saved_point(value)
        west, south, east, north = settings.TERRITORY["bbox"]
        return {
            "point": list(point) if point else None,
            "zoom": SAVED_POINT_ZOOM,
            "bounds": [[south, west], [north, east]],
            "srid": self.srid or 4326,
            "tileLayer": settings.GEO_WIDGET_LEAFLET_TILE_LAYER,
            "tileLayerOptions": settings.GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS,
            "boundariesUrl": reverse("reference:commune_boundaries"),
            "searchUrl": address_search_url(),
            "searchLimit": ADDRESS_SEARCH_LIMIT,
            "addressField": self.address_field or "",
            "communeField": self.commune_field or "",
        }

    def build_attrs(self, base_attrs, extra_attrs=None):
        # Not LeafletField's: its Stimulus controller and options are not used.
        return forms.HiddenInput.build_attrs(self, base_attrs, extra_attrs)

    def get_context(self, name, value, attrs):
        context = forms.HiddenInput.get_context(self, name, value, attrs)
        context["options_json"] = json.dumps(self.map_options(value))
        point = saved_point(value)
        context["latlng"] = f"{point[0]:.6f}, {point[1]:.6f}" if point else ""
        context["hide_latlng"] = self.hide_latlng
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # Django's widget rendering with the template above, not LeafletField's markup.
        return forms.Widget.render(self, name, value, attrs, renderer)

    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ("vendor/leaflet/leaflet.css", "reference/css/map-field.css")},
            js=("vendor/leaflet/leaflet.js", "reference/js/map-field.js"),
        )


# Wagtail packs the editor's widgets with telepath: the generic adapter (our markup as it
# is), not wagtailgeowidget's, which carries its English strings and its own script.
register(WidgetAdapter(), SelfHostedLeafletField)


class MapPanel(LeafletPanel):
    """A location picked on a map; see SelfHostedLeafletField. ``commune_field``: the
    form's commune chooser, which narrows the address search."""

    def __init__(self, *args, commune_field=None, **kwargs):
        self.commune_field = commune_field
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "commune_field": self.commune_field}

    def clone(self):
        return self.__class__(
            address_field=self.address_field,
            zoom_field=self.zoom_field,
            hide_latlng=self.hide_latlng,
            zoom=self.zoom,
            **self.clone_kwargs(),
        )

    def widget_overrides(self):
        return {
            self.field_name: SelfHostedLeafletField(
                address_field=self.address_field,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=4326,
                id_prefix="id_",
                commune_field=self.commune_field,
            )
        }
