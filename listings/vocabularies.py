"""What the listings app tells reference's vocabularies (a lower layer, which cannot import
it): the detail fields a listing kind may take, with their French labels, and how many
listings of a desk use a kind (a used kind cannot be deleted). Registered by the app's ready()."""

from django.db.models import Q

from reference.vocabularies import Vocabulary, register_detail_fields, register_usage

from .models import Listing
from .models.details import detail_field_labels


def count_listings(site_id, code):
    """The desk's listings whose row or latest revision (a change awaiting moderation, a
    draft) has the kind: deleting it would let that revision publish an unknown code."""
    return Listing.objects.filter(site_id=site_id).filter(Q(kind=code) | Q(latest_revision__content__kind=code)).count()


def register():
    register_detail_fields(detail_field_labels())
    register_usage(Vocabulary.LISTING_KIND, "annonce(s)", count_listings)
