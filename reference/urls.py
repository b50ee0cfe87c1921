from django.urls import path

from . import views

app_name = "reference"

urlpatterns = [
    # Commune outlines are public open data: the background of every map on a closed network.
    path("referentiels/communes.geojson", views.commune_boundaries, name="commune_boundaries"),
]
