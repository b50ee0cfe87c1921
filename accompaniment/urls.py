"""The person's side of the accompaniment: the request form, « Je suis intéressé(e) » on a
listing, and the private status page reached through the e-mailed link."""

from django.urls import path

from .views import interest, request_form, status

app_name = "accompaniment"

urlpatterns = [
    path("etre-accompagne/", request_form.RequestView.as_view(), name="request"),
    path("etre-accompagne/merci/", request_form.ThanksView.as_view(), name="thanks"),
    path("etre-accompagne/annonce/<slug:slug>/", interest.interest_view, name="interest"),
    path("etre-accompagne/confirmer-interet/<str:token>/", interest.confirm_interest_view, name="confirm_interest"),
    # Before « <token>/ », which would take these names for tokens.
    path("mon-accompagnement/nouveau-lien/", status.new_link_view, name="new_link"),
    path("mon-accompagnement/nouveau-lien/envoye/", status.new_link_sent_view, name="new_link_sent"),
    path("mon-accompagnement/donnees-effacees/", status.erased_view, name="erased"),
    path("mon-accompagnement/<str:token>/", status.status_view, name="status"),
    path("mon-accompagnement/<str:token>/mes-donnees.json", status.export_view, name="export"),
    path("mon-accompagnement/<str:token>/effacer/", status.erase_view, name="erase"),
]
