from django.urls import path

from . import views

app_name = "media_library"

urlpatterns = [
    path("medias-en-attente/<path:path>", views.pending_file, name="pending_file"),
]
