from django.urls import path, register_converter

from . import views
from .validators import INSEE_CODE_PATTERN

app_name = "reference"


class InseeCodeConverter:
    """An INSEE code (2A/2B in either case), so that anything else is a plain 404 that echoes
    nothing. ASCII, or the pattern's \\d would take any Unicode digit. « 00000 » is let through
    as well: the location pickers' template reverses the URL with it and puts the chosen
    commune's code in its place (listings/static/listings/js/location-picker.js)."""

    regex = "(?ai:" + INSEE_CODE_PATTERN.removeprefix("^").removesuffix(r"\Z") + "|00000)"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


register_converter(InseeCodeConverter, "insee")

urlpatterns = [
    # Commune outlines are public open data: the background of every map on a closed network.
    path("referentiels/communes.geojson", views.commune_boundaries, name="commune_boundaries"),
    # The territory's outline, computed from the commune outlines (reference/outline.py).
    path("referentiels/contour.geojson", views.territory_outline_view, name="territory_outline"),
    # Address search for the location pickers (reference/geocoding.py): offline BAN by default.
    path("referentiels/adresses/", views.address_search, name="address_search"),
    # A commune's centre and box, to centre a picker on the chosen commune.
    path("referentiels/communes/<insee:insee_code>/cadre.json", views.commune_frame_view, name="commune_frame"),
]
