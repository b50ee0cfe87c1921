"""What the listings app tells reference's vocabularies (a lower layer, which cannot import
it): the detail fields a listing kind may take, with their French labels, and how many
listings of a desk use a kind (a used kind cannot be deleted). Registered by the app's ready()."""

from reference.vocabularies import Vocabulary, register_detail_fields, register_usage

from .models import Listing
from .models.details import detail_field_labels


def count_listings(site_id, code):
    return Listing.objects.filter(site_id=site_id, kind=code).count()


def register():
    register_detail_fields(detail_field_labels())
    register_usage(Vocabulary.LISTING_KIND, "annonce(s)", count_listings)
