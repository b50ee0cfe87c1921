"""The page behind the confirmation link e-mailed to a listing's submitter.

No login: the signed token decides (``listings/confirmation_tokens.py``). Opening the link
(GET) only shows a button: mail scanners follow links, so only the POST confirms.
"""

from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from ..confirmation import ConfirmationError, confirm_listing, is_confirmable
from ..confirmation_tokens import read_confirmation_token
from ..desk import desk_settings, request_site
from ..models import Listing


@method_decorator(never_cache, name="dispatch")
class ConfirmListingFromEmailLinkView(View):
    """GET shows the listing and a button; POST confirms. No login: the token decides."""

    template_name = "listings/freshness/confirm.html"

    def get_listing(self, token):
        listing_id = read_confirmation_token(token)
        listing = Listing.objects.select_related("commune").filter(pk=listing_id).first()
        if listing is None:
            raise ConfirmationError("Cette annonce n'existe plus.")
        return listing

    def render(self, request, status=200, **context):
        # The desk of the host the link was opened on: the page (its header too) is that
        # desk's, and the link e-mailed for a listing leads to its own desk's host.
        context.setdefault("desk", desk_settings(request_site(request)))
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        try:
            listing = self.get_listing(token)
        except ConfirmationError as error:
            return self.render(request, status=400, error=str(error))
        return self.render(request, listing=listing, confirmable=is_confirmable(listing))

    def post(self, request, token):
        try:
            listing = self.get_listing(token)
            changed = confirm_listing(listing)
        except ConfirmationError as error:
            return self.render(request, status=400, error=str(error))
        listing.refresh_from_db()
        return self.render(request, listing=listing, confirmed=True, changed=changed)


confirm_listing_view = ConfirmListingFromEmailLinkView.as_view()
