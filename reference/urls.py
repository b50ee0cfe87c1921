from django.urls import path

from . import views

app_name = "reference"

urlpatterns = [
    # Commune outlines are public open data: the background of every map on a closed network.
    path("referentiels/communes.geojson", views.commune_boundaries, name="commune_boundaries"),
    # The territory's border, computed from the commune outlines (reference/outline.py).
    path("referentiels/contour.geojson", views.territory_outline_view, name="territory_outline"),
    # Address search for the location pickers (reference/geocoding.py): offline BAN by default.
    path("referentiels/adresses/", views.address_search, name="address_search"),
    # A commune's centre and box, to centre a picker on the chosen commune.
    path("referentiels/communes/<str:insee_code>/cadre.json", views.commune_frame_view, name="commune_frame"),
]
