"""/donnees-ouvertes/: the open-data index, its catalogue and the dataset files."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue.json", views.catalogue, name="catalogue"),
    path("<slug:slug>.<str:fmt>", views.dataset_file, name="dataset"),
]
