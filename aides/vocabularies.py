"""What the aides app tells reference's vocabularies: how many aids of a desk use an aid type
(a used type cannot be deleted). Registered by the app's ready()."""

from wagtail.models import Site

from reference.vocabularies import Vocabulary, register_usage

from .models import AidPage


def count_aids(site_id, code):
    site = Site.objects.filter(pk=site_id).first()
    return AidPage.objects.in_site(site).filter(aid_type=code).count() if site is not None else 0


def register():
    register_usage(Vocabulary.AID_TYPE, "fiche(s) d'aide", count_aids)
