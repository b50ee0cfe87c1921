"""What the person's pages share: the anti-spam flow of the public forms, the hourly quota,
the headers of the pages reached through a private link, and the answers for a dead link
or too many requests."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views import View

from core.ratelimit import Quota
from listings.desk import desk_settings, request_site
from listings.form_messages import error_summary
from listings.forms import SpamGuardForm

HOUR = 3600
# One quota for every request a visitor may send (« Être accompagné(e) », « Je suis
# intéressé(e) », a new link): only accepted requests count, a form with errors costs nothing.
REQUESTS = Quota("accompaniment-requests", lambda: settings.ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR)
# A resent form (double click, back button) is recognised this long: the signed start time
# of the form expires sooner (listings.forms.MAX_FILL_SECONDS).
SUBMISSION_KEY_SECONDS = 24 * HOUR


def too_many(request):
    return render(request, "accompaniment/rate_limited.html", status=429)


def link_dead(request):
    """The one answer to a forged, expired, revoked or erased link: it never says which, nor
    whether a case exists."""
    return private_response(render(request, "accompaniment/link_dead.html", status=404))


def private_response(response):
    """The page is reached through a link that is its own key: never stored by a browser or
    a proxy (nor by the site's page cache, which skips private and no-store answers), never
    indexed, and the address is not passed on to the sites it links to. « same-origin », not
    « no-referrer »: with no referrer at all, browsers send « Origin: null » with the page's
    own forms, and Django's CSRF check refuses them (seen in chromium)."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def private_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return private_response(view(request, *args, **kwargs))

    return wrapped


def privacy_notice_context(site):
    """What the notice on personal data says: how long they are kept, whom to write to —
    ``site``'s desk, which holds the data. (``desk`` in the templates is the public site's;
    the desk's address is read here.)"""
    desk = desk_settings(site)
    return {
        "retention": retention_text(),
        "desk_email": desk.contact_email,
        "desk_phone": desk.contact_phone,
        "desk_address": desk.contact_address,
    }


def retention_text():
    days = settings.ACCOMPANIMENT_RETENTION_DAYS
    if days % 365 == 0:
        years = days // 365
        return f"{years} an" + ("s" if years > 1 else "")
    return f"{days} jours"


class GuardedFormView(View):
    """A public form with the listing form's anti-spam: a honeypot (a robot is thanked and
    nothing is saved), a signed start time (too fast or too old is refused with a French
    message), a submission key (a resent form is accepted once) and the hourly quota (429).
    Subclasses give ``form_class``, ``template_name``, ``success_url_name`` and ``accept``."""

    form_class = None
    template_name = ""
    success_url_name = ""

    def get_form(self, data=None):
        return self.form_class(data)

    def get_context(self):
        return {}

    def accept(self, form):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form(), SpamGuardForm(initial=SpamGuardForm.fresh_initial()))

    def post(self, request, *args, **kwargs):
        guard = SpamGuardForm(request.POST)
        if guard.is_bot():
            return redirect(self.success_url_name)  # say nothing useful to a robot, save nothing
        if not REQUESTS.allows(request):
            return too_many(request)
        form = self.get_form(request.POST)
        guard_valid, form_valid = guard.is_valid(), form.is_valid()
        if guard_valid and form_valid:
            key = f"accompaniment:submission:{guard.cleaned_data['submission_key']}"
            if not cache.add(key, 1, SUBMISSION_KEY_SECONDS):
                return redirect(self.success_url_name)  # a resent form: the same answer, nothing more
            try:
                self.accept(form)
            except BaseException:
                cache.delete(key)  # nothing was saved: the person may send it again
                raise
            REQUESTS.count(request)
            return redirect(self.success_url_name)
        guard_errors = [error for errors in guard.errors.values() for error in errors]
        if guard_errors:  # say why, with a fresh start time for the next try
            guard = SpamGuardForm(initial={**SpamGuardForm.fresh_initial(), **guard.cleaned_data})
        return self.render(form, guard, guard_errors, status=400)

    def render(self, form, guard, guard_errors=(), status=200):
        summary = [{"href": "", "label": "", "message": error} for error in guard_errors]
        context = {
            "form": form,
            "guard": guard,
            "errors": summary + error_summary(form),
            # A request sent from this host is this desk's (request_form, interest).
            **privacy_notice_context(request_site(self.request)),
            **self.get_context(),
        }
        return render(self.request, self.template_name, context, status=status)
