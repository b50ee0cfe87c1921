"""What the aides app tells reference's vocabularies: how many aids of a desk use an aid type
(a used type cannot be deleted). Registered by the app's ready()."""

from django.db.models import Q
from wagtail.models import Site

from reference.vocabularies import Vocabulary, register_usage

from .models import AidPage


def count_aids(site_id, code):
    """The desk's aids whose page or latest revision (a draft, a change in moderation) has
    the type: deleting it would let that revision publish an unknown code."""
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return 0
    return AidPage.objects.in_site(site).filter(Q(aid_type=code) | Q(latest_revision__content__aid_type=code)).count()


def register():
    register_usage(Vocabulary.AID_TYPE, "fiche(s) d'aide", count_aids)
