"""The contributor space: a structure's members see and update only their listings.

It lives outside the Wagtail admin on purpose (see the contributions issue's note):
contributors never get admin access, so nothing else in the admin can leak to them;
their submissions still go through Wagtail's revisions and moderation workflow.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from core.permissions import Refusal

from .. import moderation_thread
from ..confirmation import ConfirmationError, confirm_listing
from ..desk import request_site
from ..form_messages import error_summary
from ..forms import ContactForm, ListingForm
from ..models import Listing, Organisation
from ..privacy import erase_contact_data
from ..review import with_images
from ..submission import submit_forms

LOGIN_URL = reverse_lazy("contributions:login")
THUMBNAIL = "fill-240x160"  # the photos of what was sent


class ContributorMixin(LoginRequiredMixin):
    login_url = LOGIN_URL

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.organisations().exists():
            raise Refusal("Votre compte n'est rattaché à aucune structure contributrice.")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def site_id(self):
        site = request_site(self.request)
        return site.pk if site is not None else None

    def organisations(self):
        """The user's organisations of this host's desk: a member of structures of two desks
        sees each desk's on its own site."""
        return Organisation.objects.filter(members=self.request.user, site_id=self.site_id)

    def own_listings(self):
        """The only listings this user may see here: those of their organisations, of this desk."""
        return Listing.objects.for_contributor(self.request.user).filter(site_id=self.site_id)

    def with_interest_counts(self, listings):
        """How many people asked the desk about each listing (« Je suis intéressé(e) »): a
        count, never who. Through the reverse name the accompaniment app gives its Interest
        model: listings sits below accompaniment and may not import it (lint-imports)."""
        return listings.annotate(interested=Count("accompaniment_interests__case", distinct=True))


class DashboardView(ContributorMixin, ListView):
    template_name = "contributions/dashboard.html"
    context_object_name = "listings"

    def get_queryset(self):
        listings = self.own_listings().select_related("commune", "organisation").annotate_status()
        return self.with_interest_counts(listings).order_by("-updated_at")

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisations=self.organisations(), **kwargs)


class ListingDetailView(ContributorMixin, DetailView):
    """What the structure sent, as the moderators see it (its latest version, photos
    included), their decisions and the listing's history."""

    template_name = "contributions/listing_detail.html"
    context_object_name = "listing"

    def get_queryset(self):
        return self.with_interest_counts(self.own_listings().select_related("organisation").annotate_status())

    def get_context_data(self, **kwargs):
        submitted = self.object.get_latest_revision_as_object()
        return super().get_context_data(
            submitted=submitted,
            submitted_photos=with_images(submitted, THUMBNAIL),
            submitted_contact=submitted.contacts.first(),
            decisions=moderation_thread.decisions(self.object),
            history=moderation_thread.history(self.object),
            editable=self.object.can_be_edited_by_contributor,
            **kwargs,
        )


class ListingEditView(ContributorMixin, FormView):
    """Create (no pk) or edit (pk) a listing of one of the user's organisations."""

    template_name = "contributions/listing_form.html"
    form_class = ListingForm

    def dispatch(self, request, *args, **kwargs):
        self.existing = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.existing = get_object_or_404(self.own_listings(), pk=kwargs["pk"])
            if not self.existing.can_be_edited_by_contributor:
                messages.error(request, "Cette annonce ne peut plus être modifiée.")
                return redirect("contributions:detail", pk=self.existing.pk)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def latest_version(self):
        """What the contributor last saved (rebuilding it from its revision costs queries):
        read once for the listing form and the contact form."""
        return self.existing.get_latest_revision_as_object()

    def get_organisation(self):
        if self.existing is not None:
            return self.existing.organisation
        chosen = self.request.POST.get("organisation") or self.request.GET.get("organisation")
        organisations = self.organisations()
        if chosen:
            if not str(chosen).isascii() or not str(chosen).isdigit():
                raise Http404("Structure inconnue.")
            return get_object_or_404(organisations, pk=chosen)
        return organisations.first()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Edit what the contributor last saved, even if the live version is older.
        instance = self.latest_version if self.existing else Listing()
        kwargs.update(instance=instance, organisation=self.get_organisation())
        return kwargs

    def get_contact_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        instance = None
        if self.existing is not None:
            instance = self.latest_version.contacts.first()
        initial = {"name": self.request.user.get_full_name(), "email": self.request.user.email}
        return ContactForm(data, instance=instance, initial=None if instance else initial)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("contact_form", self.get_contact_form())
        form = kwargs.get("form") or self.get_form()
        return super().get_context_data(
            listing=self.existing,
            organisations=self.organisations(),
            organisation=self.get_organisation(),
            change_request=moderation_thread.pending_change_request(self.existing) if self.existing else None,
            errors=error_summary(form, kwargs["contact_form"]) if form.is_bound else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        contact_form = self.get_contact_form()
        listing = submit_forms(
            form, contact_form, hold_photos_for=request, user=request.user, organisation=self.get_organisation()
        )
        if listing is None:
            context = self.get_context_data(form=form, contact_form=contact_form)
            return self.render_to_response(context)
        messages.success(request, "Annonce envoyée : l'équipe du guichet va la relire avant publication.")
        return redirect(reverse("contributions:detail", kwargs={"pk": listing.pk}))


class ConfirmOwnListingView(ContributorMixin, View):
    """One click from the contributor space: one of the user's own listings is still valid
    (same rule as the e-mailed link, listings/views/confirmation_link.py)."""

    def post(self, request, pk):
        listing = get_object_or_404(self.own_listings(), pk=pk)
        try:
            confirm_listing(listing, user=request.user)
        except ConfirmationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Merci : l'annonce est confirmée comme toujours d'actualité.")
        return redirect("contributions:detail", pk=listing.pk)


class EraseMyContactDataView(ContributorMixin, View):
    """RGPD: remove every listing contact bearing the signed-in user's own e-mail address."""

    def post(self, request):
        erase_contact_data(request.user.email, user=request.user)
        messages.success(
            request,
            "Vos coordonnées ont été retirées de toutes les annonces. Indiquez un autre contact "
            "dans les annonces qui en ont besoin.",
        )
        return redirect("contributions:dashboard")
