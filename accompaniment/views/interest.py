"""« Je suis intéressé(e) » on a public listing, and the confirmation link sent when the
address already has an open case (the rules are in ``accompaniment/interest.py``)."""

from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.views import View

from core.ratelimit import hit
from listings.desk import request_site
from listings.models import Listing

from .. import interest
from ..forms import InterestForm
from .common import HOUR, GuardedFormView, link_dead, private_page, too_many

# Presses of « Confirmer » per client and hour (each is cheap, but answers a signed link).
CONFIRMATIONS_PER_HOUR = 30


class InterestView(GuardedFormView):
    form_class = InterestForm
    template_name = "accompaniment/interest_form.html"
    success_url_name = "accompaniment:thanks"

    def dispatch(self, request, slug):
        # A public listing of this host's desk (the case will be that desk's).
        site = request_site(request)
        listings = Listing.objects.public().filter(site_id=site.pk if site else None)
        self.listing = get_object_or_404(listings.select_related("commune"), slug=slug)
        return super().dispatch(request, slug)

    def get_context(self):
        return {"listing": self.listing}

    def accept(self, form):
        with transaction.atomic():
            return interest.receive(self.listing, form.cleaned_data)


class ConfirmInterestView(View):
    """GET shows what will be passed on and a button; POST attaches the interest. Mail
    scanners open links: only the button confirms (as ``listings/views/confirmation_link.py``)."""

    template_name = "accompaniment/interest_confirm.html"

    def dispatch(self, request, token):
        self.case, self.listing, self.data = interest.read_confirmation(token)
        if self.case is None:
            return link_dead(request)
        return super().dispatch(request, token)

    def get(self, request, token):
        already = self.case.interests.filter(listing=self.listing).exists()
        return self.render(confirmed=already)

    def post(self, request, token):
        if hit("accompaniment-confirm", request, CONFIRMATIONS_PER_HOUR, HOUR):
            return too_many(request)
        interest.confirm(self.case, self.listing, self.data)
        return self.render(confirmed=True)

    def render(self, **context):
        context = {
            "listing": self.listing,
            "share": self.data.get("share") is True,
            "message": self.data.get("message") if isinstance(self.data.get("message"), str) else "",
            **context,
        }
        return render(self.request, self.template_name, context)


interest_view = InterestView.as_view()
confirm_interest_view = private_page(ConfirmInterestView.as_view())
