"""The case's actions beyond its form, each a confirmation page then a POST:
« Attribuer selon les règles », « Révoquer le lien de suivi », « Envoyer un nouveau lien »,
« Effacer les données de la personne » and « Mettre en relation » (an interest) — and the
download of an attachment.

Every view finds its case through ``Case.objects.visible_to`` (404 outside it) and needs
the « change » permission of the cases' policy (403); attachments need « view ».
"""

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from core.mail import clean_addresses

from . import emails, privacy
from .assignment import referent_for
from .case_access import case_policy
from .case_updates import after_change
from .introductions import IntroductionRefused, introduce, plan
from .links import revoke_links
from .models import Case, CaseAttachment, Interest

REVOKE_ACTION = "accompaniment.revoke_link"


class ActionRefused(Exception):
    """Why the action was not done, in French for the référent (nothing was written)."""


def visible_case(request, pk, action):
    case = get_object_or_404(Case.objects.visible_to(request.user).select_related("referent"), pk=pk)
    if not case_policy.user_has_permission_for_instance(request.user, action, case):
        raise PermissionDenied
    return case


class CaseActionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accompaniment/admin/confirm_action.html"
    header_icon = "folder-open-inverse"
    permission = "change"
    page_title = ""
    explanation = ""
    button_label = "Confirmer"
    destructive = False

    def dispatch(self, request, *args, pk=None, **kwargs):
        self.case = visible_case(request, pk, self.permission)
        if self.case.anonymised_at is not None:
            messages.error(request, "Ce dossier est anonymisé : plus rien ne peut y être fait.")
            return redirect("accompaniment_cases:index")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def edit_url(self):
        return reverse("accompaniment_cases:edit", args=[self.case.pk])

    def get_page_subtitle(self):
        return str(self.case)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("accompaniment_cases:index"), "label": "Dossiers d'accompagnement"},
            {"url": self.edit_url, "label": str(self.case)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case=self.case,
            explanation=self.explanation,
            button_label=self.button_label,
            destructive=self.destructive,
            cancel_url=self.edit_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                message = self.perform()
        except (ActionRefused, IntroductionRefused) as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.edit_url

    def perform(self):
        raise NotImplementedError


class AssignByRulesView(CaseActionView):
    page_title = "Attribuer selon les règles"
    explanation = (
        "Le dossier sera confié au référent que désignent les règles d'attribution pour son territoire "
        "(par exemple après le départ de son référent). Le nouveau référent et la personne sont prévenus."
    )
    button_label = "Attribuer"

    def get_context_data(self, **kwargs):
        referent = referent_for(self.case)
        return super().get_context_data(proposed=referent, rules_checked=True, **kwargs)

    def perform(self):
        case = self.case
        old_state, old_referent_id = case.state, case.referent_id
        referent = referent_for(case)
        if referent is None:
            raise ActionRefused("Aucune règle d'attribution active ne s'applique à ce dossier.")
        if referent.pk == old_referent_id:
            return "Les règles désignent déjà le référent actuel : rien n'a changé."
        case.referent = referent
        case.save(update_fields=["referent", "updated_at"])
        after_change(case, old_state=old_state, old_referent_id=old_referent_id, user=self.request.user, by_rules=True)
        return f"Dossier attribué à {referent.get_full_name() or referent.get_username()}."


class RevokeLinkView(CaseActionView):
    page_title = "Révoquer le lien de suivi"
    explanation = (
        "Les liens de suivi déjà envoyés à la personne cesseront de fonctionner (par exemple si un message "
        "a été transféré par erreur). Elle pourra en demander un nouveau avec son adresse e-mail."
    )
    button_label = "Révoquer le lien"
    destructive = True

    def perform(self):
        revoke(self.case, self.request.user)
        return "Le lien de suivi a été révoqué."


class SendNewLinkView(CaseActionView):
    page_title = "Envoyer un nouveau lien de suivi"
    explanation = "Les liens déjà envoyés cesseront de fonctionner et la personne recevra un nouveau lien par e-mail."
    button_label = "Envoyer un nouveau lien"

    def perform(self):
        if not clean_addresses([self.case.email]):
            raise ActionRefused(
                "La personne n'a pas d'adresse e-mail valable : corrigez-la dans l'onglet « Personne »."
            )
        revoke(self.case, self.request.user)
        emails.notify_person(self.case, emails.NEW_LINK, key=self.case.link_version, user=self.request.user)
        return "Un nouveau lien de suivi a été envoyé à la personne ; les précédents ne fonctionnent plus."


def revoke(case, user):
    revoke_links(case)
    log(instance=case, action=REVOKE_ACTION, user=user, data={"link_version": case.link_version})


class EraseView(CaseActionView):
    page_title = "Effacer les données de la personne"
    explanation = (
        "À faire quand la personne demande l'effacement par courrier, par téléphone ou par e-mail. "
        "Son identité, ses coordonnées, les textes libres, la chronologie, les pièces jointes (fichiers "
        "compris) et ses intérêts pour des annonces seront effacés définitivement ; le dossier est clos "
        "s'il était en cours. Seuls restent la profession, le territoire, l'état et le mois, pour les "
        "chiffres. La personne reçoit une confirmation par e-mail."
    )
    button_label = "Effacer définitivement"
    destructive = True

    def perform(self):
        case = self.case
        privacy.erase_at_request(case, user=self.request.user, key="admin")
        return f"Les données de la personne ont été effacées ; le dossier n° {case.pk} ne sert plus qu'aux chiffres."

    def get_success_url(self):
        return reverse("accompaniment_cases:index")


class IntroduceView(CaseActionView):
    page_title = "Mettre en relation"
    template_name = "accompaniment/admin/introduce.html"
    button_label = "Mettre en relation"

    def dispatch(self, request, *args, interest_pk=None, **kwargs):
        self.interest_pk = interest_pk
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def interest(self):
        queryset = Interest.objects.select_related("listing__organisation", "case")
        return get_object_or_404(queryset, pk=self.interest_pk, case=self.case)

    def get_context_data(self, **kwargs):
        return super().get_context_data(interest=self.interest, plan=plan(self.interest), **kwargs)

    def perform(self):
        introduce(self.interest, self.request.user)
        return "Mise en relation faite : la structure et la personne ont été prévenues."


class AttachmentDownloadView(View):
    """A case's file, to those who may see the case: never inline, never sniffed."""

    def get(self, request, pk, attachment_pk):
        case = visible_case(request, pk, "view")
        attachment = get_object_or_404(CaseAttachment, pk=attachment_pk, case=case)
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, ValueError) as missing:
            raise Http404("Fichier introuvable.") from missing
        suffix = attachment.file.name.rsplit(".", 1)[-1].lower() if "." in attachment.file.name else "bin"
        filename = f"{slugify(attachment.title) or 'piece-jointe'}.{suffix}"
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
