"""The public form through which anyone proposes a listing, without an account.

Anti-spam: a honeypot field, a minimum fill time, a rate limit per client address, and
a submission key so that a double click or a resent form creates one listing.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from core.ratelimit import hit

from ..forms import ContactForm, ListingForm, SpamGuardForm
from ..submission import DuplicateSubmission, submit_forms

RATE_LIMIT_WINDOW = 3600


def rate_limited(request):
    """True when this client already sent its hourly share of proposals (core/ratelimit.py)."""
    return hit("public-form", request, settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR, RATE_LIMIT_WINDOW) > 0


class ProposeListingView(View):
    template_name = "contributions/public_form.html"

    def get(self, request):
        return self.render(ListingForm(), ContactForm(), SpamGuardForm(initial=SpamGuardForm.fresh_initial()))

    def post(self, request):
        guard = SpamGuardForm(request.POST)
        if guard.is_bot():
            return redirect("contributions:thanks")  # say nothing useful to a robot, save nothing
        if rate_limited(request):
            return render(request, "contributions/rate_limited.html", status=429)
        form = ListingForm(request.POST, request.FILES)
        contact_form = ContactForm(request.POST)
        if guard.is_valid():
            try:
                if submit_forms(form, contact_form, submission_key=guard.cleaned_data["submission_key"]):
                    return redirect(reverse("contributions:thanks"))
            except DuplicateSubmission:
                return redirect(reverse("contributions:thanks"))  # a resent form: same answer, nothing created
        else:  # report the fields' errors as well
            form.is_valid()
            contact_form.is_valid()
        guard_errors = [error for errors in guard.errors.values() for error in errors]
        if guard_errors:  # show why, with a fresh timestamp for the next try
            guard = SpamGuardForm(initial={**SpamGuardForm.fresh_initial(), **guard.cleaned_data})
        return self.render(form, contact_form, guard, guard_errors, status=400)

    def render(self, form, contact_form, guard, guard_errors=(), status=200):
        context = {"form": form, "contact_form": contact_form, "guard": guard, "guard_errors": guard_errors}
        return render(self.request, self.template_name, context, status=status)
