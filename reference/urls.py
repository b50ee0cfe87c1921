from django.urls import path

from . import views

app_name = "reference"

urlpatterns = [
    # Commune outlines are public open data: the background of every map on a closed network.
    path("referentiels/communes.geojson", views.commune_boundaries, name="commune_boundaries"),
    # The territory's border, computed from the commune outlines (reference/outline.py).
    path("referentiels/contour.geojson", views.territory_outline_view, name="territory_outline"),
]
