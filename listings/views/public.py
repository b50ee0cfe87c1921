"""The public form through which anyone proposes a listing, without an account.

Anti-spam: a honeypot field, a minimum fill time, a rate limit per client address, and
a submission key so that a double click or a resent form creates one listing.
"""

import contextlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from ..forms import ContactForm, ListingForm, SpamGuardForm
from ..submission import DuplicateSubmission, submit_listing
from ..uploads import validate_photos

RATE_LIMIT_WINDOW = 3600


def client_address(request):
    """The caller's address. X-Forwarded-For is trusted only for the number of proxies
    configured (PUBLIC_FORM_TRUSTED_PROXIES), read from the right, so a client cannot
    forge it to escape the rate limit."""
    trusted = settings.PUBLIC_FORM_TRUSTED_PROXIES
    if trusted:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request):
    key = f"listings:public-form:{client_address(request)}"
    cache.add(key, 0, RATE_LIMIT_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, RATE_LIMIT_WINDOW)
        count = 1
    return count > settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR


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
        photos = []
        if form.is_valid():
            try:
                photos = validate_photos(form.cleaned_data["photos"])
            except ValidationError as error:
                form.add_error("photos", error)
        if not all([guard.is_valid(), form.is_valid(), contact_form.is_valid()]):
            guard_errors = [error for errors in guard.errors.values() for error in errors]
            if guard_errors:  # show why, with a fresh timestamp for the next try
                guard = SpamGuardForm(initial={**SpamGuardForm.fresh_initial(), **guard.cleaned_data})
            return self.render(form, contact_form, guard, guard_errors, status=400)
        listing = form.save(commit=False)
        form.save_m2m()
        contact = {field: contact_form.cleaned_data[field] for field in ContactForm.Meta.fields}
        # A resent form: the first submission went through, same answer, nothing created.
        with contextlib.suppress(DuplicateSubmission):
            submit_listing(
                listing,
                contact_data=contact,
                photos=photos,
                submission_key=guard.cleaned_data["submission_key"],
            )
        return redirect(reverse("contributions:thanks"))

    def render(self, form, contact_form, guard, guard_errors=(), status=200):
        context = {"form": form, "contact_form": contact_form, "guard": guard, "guard_errors": guard_errors}
        return render(self.request, self.template_name, context, status=status)
