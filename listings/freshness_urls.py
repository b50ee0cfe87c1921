"""Public, login-free confirmation of a listing from the link e-mailed to its submitter.

Include in the project's URLconf before Wagtail's catch-all:
``path("", include("listings.freshness_urls"))``.
"""

from django.urls import path

from .views.confirmation_link import confirm_listing_view

app_name = "listings_freshness"

urlpatterns = [
    path("annonces/confirmer/<str:token>/", confirm_listing_view, name="confirm"),
]
