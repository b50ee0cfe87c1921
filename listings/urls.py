from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from .views import contributor, public

app_name = "contributions"

urlpatterns = [
    path("proposer-une-annonce/", public.ProposeListingView.as_view(), name="propose"),
    path(
        "proposer-une-annonce/merci/",
        TemplateView.as_view(template_name="contributions/thanks.html"),
        name="thanks",
    ),
    path(
        "espace-contributeur/connexion/",
        auth_views.LoginView.as_view(template_name="contributions/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("espace-contributeur/deconnexion/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("espace-contributeur/", contributor.DashboardView.as_view(), name="dashboard"),
    path("espace-contributeur/annonces/nouvelle/", contributor.ListingEditView.as_view(), name="create"),
    path("espace-contributeur/annonces/<int:pk>/", contributor.ListingDetailView.as_view(), name="detail"),
    path("espace-contributeur/annonces/<int:pk>/modifier/", contributor.ListingEditView.as_view(), name="edit"),
    path(
        "espace-contributeur/annonces/<int:pk>/confirmer/",
        contributor.ConfirmOwnListingView.as_view(),
        name="confirm",
    ),
    path(
        "espace-contributeur/mes-donnees/effacer/",
        contributor.EraseMyContactDataView.as_view(),
        name="erase_my_data",
    ),
]
