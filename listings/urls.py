from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from .views import accounts, contributor, public

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
    # Contributor accounts (listings/views/accounts.py).
    path("espace-contributeur/demander-un-compte/", accounts.AccountRequestView.as_view(), name="account_request"),
    path(
        "espace-contributeur/demander-un-compte/merci/",
        TemplateView.as_view(template_name="contributions/account_request_thanks.html"),
        name="account_request_thanks",
    ),
    path("espace-contributeur/mot-de-passe/oublie/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "espace-contributeur/mot-de-passe/oublie/envoye/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "espace-contributeur/mot-de-passe/nouveau/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "espace-contributeur/mot-de-passe/modifie/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("espace-contributeur/membres/", accounts.MembersHomeView.as_view(), name="members_home"),
    path("espace-contributeur/structures/<int:pk>/membres/", accounts.MembersView.as_view(), name="members"),
    path(
        "espace-contributeur/structures/<int:pk>/membres/<int:user_pk>/retirer/",
        accounts.RemoveMemberView.as_view(),
        name="remove_member",
    ),
    path("espace-contributeur/invitation/<str:token>/", accounts.InvitationView.as_view(), name="member_invitation"),
]
