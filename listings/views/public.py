"""The public form through which anyone proposes a listing, without an account.

Anti-spam: a honeypot field, a minimum fill time, a rate limit per client address, and
a submission key so that a double click or a resent form creates one listing.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from core.ratelimit import Quota

from ..desk import request_site
from ..form_messages import error_summary
from ..forms import ContactForm, ListingForm, SpamGuardForm
from ..models import Organisation
from ..submission import DuplicateSubmission, submit_forms

# The proposals a client may have accepted in an hour (a form sent back with errors costs nothing).
PROPOSALS = Quota("public-form", lambda: settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR)


class ProposeListingView(View):
    template_name = "contributions/public_form.html"

    def dispatch(self, request, *args, **kwargs):
        # A member of a contributing organisation proposes from their space, so that the
        # listing belongs to the organisation (never an orphan duplicate for moderators).
        site = request_site(request)
        if (
            request.user.is_authenticated
            and Organisation.objects.filter(members=request.user, site_id=site.pk if site else None).exists()
        ):
            messages.info(
                request,
                "Vous êtes connecté(e) à l'espace contributeur : proposez l'annonce ici, elle sera rattachée "
                "à votre structure.",
            )
            return redirect("contributions:create")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(
            ListingForm(site=request_site(request)), ContactForm(), SpamGuardForm(initial=SpamGuardForm.fresh_initial())
        )

    def post(self, request):
        guard = SpamGuardForm(request.POST)
        if guard.is_bot():
            return redirect("contributions:thanks")  # say nothing useful to a robot, save nothing
        if not PROPOSALS.allows(request):
            return render(request, "contributions/rate_limited.html", status=429)
        # A proposal is the desk's of the host it was sent to.
        form = ListingForm(request.POST, request.FILES, site=request_site(request))
        contact_form = ContactForm(request.POST)
        if guard.is_valid():
            try:
                listing = submit_forms(
                    form, contact_form, hold_photos_for=request, submission_key=guard.cleaned_data["submission_key"]
                )
            except DuplicateSubmission:
                return redirect(reverse("contributions:thanks"))  # a resent form: same answer, nothing created
            if listing is not None:
                PROPOSALS.count(request)
                return redirect(reverse("contributions:thanks"))
        else:  # report the fields' errors as well
            form.is_valid()
            contact_form.is_valid()
        guard_errors = [error for errors in guard.errors.values() for error in errors]
        if guard_errors:  # show why, with a fresh timestamp for the next try
            guard = SpamGuardForm(initial={**SpamGuardForm.fresh_initial(), **guard.cleaned_data})
        return self.render(form, contact_form, guard, guard_errors, status=400)

    def render(self, form, contact_form, guard, guard_errors=(), status=200):
        summary = [{"href": "", "label": "", "message": error} for error in guard_errors]
        context = {
            "form": form,
            "contact_form": contact_form,
            "guard": guard,
            "errors": summary + error_summary(form, contact_form),
        }
        return render(self.request, self.template_name, context, status=status)
