"""The French summary ``seed_demo`` prints: counts per content type and per listing status."""

from wagtail.images import get_image_model
from wagtail.models import Page

from aides.models import AidAudience, AidPage
from home.models import ContentPage
from listings.models import Listing, ListingStatus, Organisation
from partners.models import PartnerPage
from reference.models import Commune, Epci, HealthFacility, Profession

from .content.organisations import DEMO_PASSWORD, ORGANISATIONS


def summary_lines(ctx):
    """A French summary: counts per content type and per listing status."""
    listings = Listing.objects.all()
    statuses = ", ".join(f"{status.label.lower()} : {listings.with_status(status).count()}" for status in ListingStatus)
    communes_with_listings = Commune.objects.filter(listings__isnull=False).distinct().count()
    lines = [
        "Données de démonstration en place (à vérifier avant tout usage réel) :",
        f"- communes : {Commune.objects.count()} (dont {Commune.objects.filter(zonage_is_fictitious=True).count()} "
        f"avec un zonage fictif), EPCI : {Epci.objects.count()}",
        f"- professions : {Profession.objects.count()}, publics visés : {AidAudience.objects.count()}",
        f"- pages publiées : {Page.objects.live().filter(depth__gt=1).count()}, "
        f"dont fiches aides : {AidPage.objects.live().count()}, "
        f"partenaires : {PartnerPage.objects.live().count()}, pages de contenu : {ContentPage.objects.live().count()}",
        f"- offre de soins : {HealthFacility.objects.count()} établissements",
        f"- structures contributrices : {Organisation.objects.count()}",
        f"- images : {get_image_model().objects.count()}",
        f"- annonces : {listings.count()} dans {communes_with_listings} communes — {statuses}",
    ]
    if ctx.created:
        created = ", ".join(f"{label} : {n}" for label, n in ctx.created.items())
        lines.append(f"Créé ou modifié par cette exécution : {created}")
    else:
        lines.append("Rien à créer : les données de démonstration étaient déjà en place.")
    usernames = ", ".join(username for *_, username in ORGANISATIONS)
    lines.append(f"Comptes contributeurs de démonstration (mot de passe « {DEMO_PASSWORD} ») : {usernames}")
    lines.extend(f"Attention : {warning}" for warning in ctx.warnings)
    return lines
