"""Forms of contributor accounts: the public request, the staff's decision, a manager's new
member and the password reset that also serves new accounts (listings/accounts.py)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, _unicode_ci_compare

from home.desks import desk_territory
from reference.models import Commune
from users.roles import staff_users

from . import accounts
from .desk import request_site
from .forms import reject_invisible_characters
from .models import AccountRequest, Organisation

TEXT_FIELDS = ("organisation_name", "first_name", "last_name", "role", "phone", "message")


class AccountRequestForm(forms.ModelForm):
    consent = forms.BooleanField(
        label="J'accepte que l'équipe du guichet utilise ces informations pour traiter ma demande.",
        error_messages={"required": "Cochez cette case pour envoyer la demande."},
    )

    class Meta:
        model = AccountRequest
        fields = [
            "organisation_name",
            "organisation_kind",
            "siret",
            "communes",
            "first_name",
            "last_name",
            "role",
            "email",
            "phone",
            "message",
        ]
        widgets = {
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "siret": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            # Checkboxes, not a <select multiple>: usable on a phone without Ctrl/Cmd;
            # commune-checklist.js adds a filter above the 362 names.
            "communes": forms.CheckboxSelectMultiple(attrs={"class": "commune-checklist__box"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "organisation_name": "Par exemple : Mairie de Crest, CPTS du Diois, Maison de santé de Nyons.",
            "email": "Une adresse professionnelle : elle deviendra l'identifiant de votre compte.",
            "message": "Facultatif : ce que vous souhaitez publier, ou toute précision utile.",
        }

    def __init__(self, *args, site=None, **kwargs):
        """``site``: the desk (Wagtail site) the request is sent to, the host's of the form:
        the request is its desk's, and the communes those of its territory."""
        super().__init__(*args, **kwargs)
        if site is not None:
            self.instance.site = site
        communes = self.fields["communes"]
        communes.queryset = Commune.objects.filter(departement_code=desk_territory(site).code).order_by("name")
        communes.help_text = (
            "Cochez les communes pour lesquelles vous publierez des annonces. Pour tout le département, "
            "ne cochez rien et précisez-le dans le message."
        )
        self.fields["organisation_kind"].choices = [
            ("", "Choisissez un type"),
            *self.fields["organisation_kind"].choices[1:],
        ]
        for name in TEXT_FIELDS:
            self.fields[name].validators.append(reject_invisible_characters)


class AcceptRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Structure existante",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="Aucune : créer la structure",
        help_text="Laissez « Aucune » pour créer la structure demandée avec ses communes ; choisissez une structure "
        "existante pour y rattacher le demandeur. Il en deviendra responsable et recevra un lien pour choisir "
        "son mot de passe.",
    )

    def __init__(self, *args, account_request, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the structures of the desk the request was sent to.
        self.fields["organisation"].queryset = Organisation.objects.filter(site_id=account_request.site_id)
        same_name = Organisation.objects.filter(
            site_id=account_request.site_id, name__iexact=" ".join(account_request.organisation_name.split())
        )
        if not self.is_bound and (match := same_name.first()):
            self.initial["organisation"] = match.pk


class RefuseRequestForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Envoyé tel quel au demandeur, par e-mail.",
        validators=[reject_invisible_characters],
    )


class AddMemberForm(forms.Form):
    first_name = forms.CharField(
        label="Prénom", max_length=150, validators=[reject_invisible_characters], widget=forms.TextInput()
    )
    last_name = forms.CharField(label="Nom", max_length=150, validators=[reject_invisible_characters])
    email = forms.EmailField(
        label="Adresse e-mail",
        help_text="Si cette adresse n'a pas encore de compte, il est créé et la personne reçoit un lien pour "
        "choisir son mot de passe ; sinon, elle reçoit une invitation et rejoint la structure en suivant le lien.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The person being added, not the signed-in manager: no autofill from the browser.
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "off"


class ResetPasswordForm(PasswordResetForm):
    """Django's form, which also reaches the members of a structure who never chose a
    password (new accounts whose first link expired): for them « mot de passe oublié » is
    the way back in. Staff without a password of their own are not reached. The e-mail is
    queued (listings/accounts.py), so a known address answers as fast as an unknown one."""

    def get_users(self, email):
        User = get_user_model()
        users = User._default_manager.filter(email__iexact=email, is_active=True)
        staff_ids = set(staff_users().filter(pk__in=users.values("pk")).values_list("pk", flat=True))
        member_ids = set(users.filter(organisations__isnull=False).values_list("pk", flat=True))
        for user in users:
            # Django's CVE-2019-19844 hardening: the database's case-insensitive match is not
            # Unicode's (« ı » is not « i »), so the address must really be the same.
            if not (user.email and _unicode_ci_compare(email, user.email)):
                continue
            if user.has_usable_password() or (user.pk in member_ids and user.pk not in staff_ids):
                yield user

    def save(self, *args, request=None, **kwargs):
        # The desk asked on: its name and address are the e-mail's (see accounts.account_desk_id).
        self.desk = request_site(request) if request is not None else None
        return super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        accounts.schedule_password_reset(context["user"], site=getattr(self, "desk", None))
