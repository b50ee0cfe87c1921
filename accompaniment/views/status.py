"""The person's private status page, reached through the link in every e-mail
(``/mon-accompagnement/<token>/``): where their request stands, who follows it, the messages
exchanged, a form to add information, and their rights (download, erasure). Also the page
that sends a new link to an address with an open case.

No account: the signed token is the key (``links.py``). Every answer here is private
(``common.private_page``), and a token that does not work gets the same 404 whatever the
reason.
"""

import json

from django.contrib import messages
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.log_actions import log

from core.ratelimit import hit
from listings.models import Listing

from .. import emails, links, privacy
from ..forms import NewLinkForm, PersonMessageForm
from ..models import SHARED_KINDS, Case, CaseState, EntryKind, TimelineEntry
from .common import HOUR, GuardedFormView, link_dead, privacy_notice_context, private_page, too_many

# Messages and erasures sent from status pages, per client and hour: more is not a person.
STATUS_POSTS_PER_HOUR = 20
# At most this many open cases get a new link for one address (normally there is one).
NEW_LINKS_PER_ADDRESS = 3

STATE_TEXTS = {
    CaseState.NEW: (
        "Demande reçue",
        "Votre demande est bien arrivée. Elle va être confiée à un(e) chargé(e) d'accompagnement, qui prendra "
        "contact avec vous.",
    ),
    CaseState.ASSIGNED: (
        "Demande confiée à votre chargé(e) d'accompagnement",
        "Votre chargé(e) d'accompagnement a reçu votre demande et va prendre contact avec vous.",
    ),
    CaseState.IN_PROGRESS: (
        "Accompagnement en cours",
        "Votre chargé(e) d'accompagnement vous accompagne dans votre projet d'installation.",
    ),
    CaseState.PAUSED: (
        "Accompagnement en pause",
        "Votre accompagnement est en pause. Pour le reprendre, écrivez-nous ci-dessous.",
    ),
    CaseState.INSTALLED: (
        "Installation réalisée",
        "Votre installation est enregistrée : félicitations ! Vous pouvez encore nous écrire ci-dessous.",
    ),
    CaseState.CLOSED: (
        "Accompagnement terminé",
        "Votre accompagnement est terminé. Si votre projet reprend, écrivez-nous ci-dessous.",
    ),
}


def referent_name(case):
    referent = case.referent
    return referent.get_full_name() if referent is not None and referent.is_active else ""


class CaseLinkView(View):
    """Reads the token first: a dead link is answered 404 before anything else, and a POST
    counts against the client's hourly allowance."""

    def dispatch(self, request, token):
        self.token = token
        self.case, _ = links.read_token(token)
        if self.case is None:
            return link_dead(request)
        if request.method == "POST" and hit("accompaniment-status", request, STATUS_POSTS_PER_HOUR, HOUR):
            return too_many(request)
        return super().dispatch(request, token)


class StatusView(CaseLinkView):
    template_name = "accompaniment/status.html"

    def get(self, request, token):
        return self.render(PersonMessageForm())

    def post(self, request, token):
        form = PersonMessageForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        with transaction.atomic():
            entry = TimelineEntry.objects.create(
                case=self.case, kind=EntryKind.MESSAGE_FROM_PERSON, text=form.cleaned_data["text"]
            )
            emails.notify_desk(self.case, emails.PERSON_MESSAGE, key=entry.pk)
        messages.success(request, "Votre message a été transmis à l'équipe du guichet.")
        return redirect(reverse("accompaniment:status", args=[token]) + "#messages")

    def render(self, form, status=200):
        case = self.case
        title, explanation = STATE_TEXTS[CaseState(case.state)]
        public = Listing.objects.public().filter(pk=OuterRef("listing_id"))
        context = {
            "case": case,
            "token": self.token,
            "state_title": title,
            "state_text": explanation,
            "referent_name": referent_name(case),
            "entries": case.timeline.filter(kind__in=SHARED_KINDS)
            .select_related("author")
            .order_by("created_at", "pk"),
            "interests": case.interests.select_related("listing__commune")
            .annotate(is_public=Exists(public))
            .order_by("created_at", "pk"),
            "form": form,
            # The desk that holds the case, whatever host the link was opened on.
            **privacy_notice_context(case.site),
        }
        return render(self.request, self.template_name, context, status=status)


class ExportView(CaseLinkView):
    """« Télécharger mes données »: everything the desk holds, as a JSON file."""

    def get(self, request, token):
        data = privacy.export_data(self.case)
        log(instance=self.case, action=privacy.EXPORT_ACTION, data={})
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        filename = f"accompagnement-{self.case.pk}-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EraseView(CaseLinkView):
    """« Demander l'effacement de mes données »: GET asks for confirmation, POST erases."""

    template_name = "accompaniment/erase_confirm.html"

    def get(self, request, token):
        return render(request, self.template_name, {"case": self.case, "token": token})

    def post(self, request, token):
        with transaction.atomic():
            privacy.erase_at_request(self.case)
        return redirect("accompaniment:erased")


class NewLinkView(GuardedFormView):
    """An address with a case gets a fresh link (one e-mail per case and day), even when the
    case is installed or closed: until it is anonymised the person may still read, download
    or erase their data. The answer is the same page whether or not the address is known."""

    form_class = NewLinkForm
    template_name = "accompaniment/new_link.html"
    success_url_name = "accompaniment:new_link_sent"

    def accept(self, form):
        cases = Case.objects.with_email(form.cleaned_data["email"]).order_by("-created_at")
        today = timezone.localdate().isoformat()
        with transaction.atomic():
            for case in cases[:NEW_LINKS_PER_ADDRESS]:
                emails.notify_person(case, emails.NEW_LINK, key=today)


status_view = private_page(StatusView.as_view())
export_view = private_page(ExportView.as_view())
erase_view = private_page(EraseView.as_view())
erased_view = private_page(TemplateView.as_view(template_name="accompaniment/erased.html"))
new_link_view = NewLinkView.as_view()
new_link_sent_view = TemplateView.as_view(template_name="accompaniment/new_link_sent.html")
