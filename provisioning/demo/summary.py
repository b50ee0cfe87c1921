"""The French summary ``seed_demo`` prints: counts per content type, per listing status and per
case state, and the demo accounts to log in with."""

from django.db.models import Count
from wagtail.images import get_image_model
from wagtail.models import Page

from accompaniment.models import Case, CaseState
from aides.models import AidAudience, AidPage
from home.models import ContentPage
from listings.models import Listing, ListingStatus, Organisation
from partners.models import PartnerPage
from reference.models import Commune, Epci, HealthFacility, Profession

from .content.accompaniment import REFERENTS
from .content.organisations import DEMO_PASSWORD, ORGANISATIONS


def accompaniment_line():
    cases = Case.objects.filter(is_demo=True)
    counts = dict(cases.order_by().values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    states = ", ".join(f"{state.label.lower()} : {counts[state]}" for state in CaseState if counts.get(state))
    return f"- dossiers d'accompagnement de démonstration : {sum(counts.values())} — {states}"


def referent_accounts():
    """Each account, its role and the territories it follows (to know whose cases are whose)."""
    names = dict(Epci.objects.values_list("siren", "name"))
    accounts = []
    for username, _, _, role, sirens, is_default in REFERENTS:
        if role == "manage":
            accounts.append(f"{username} (responsable de l'accompagnement : tous les dossiers)")
            continue
        followed = [names[siren] for siren in sirens if siren in names] + (["par défaut"] if is_default else [])
        accounts.append(f"{username} (chargé(e) d'accompagnement : {', '.join(followed)})")
    return " ; ".join(accounts)


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
        accompaniment_line(),
    ]
    if ctx.created:
        created = ", ".join(f"{label} : {n}" for label, n in ctx.created.items())
        lines.append(f"Créé ou modifié par cette exécution : {created}")
    else:
        lines.append("Rien à créer : les données de démonstration étaient déjà en place.")
    usernames = ", ".join(username for *_, username in ORGANISATIONS)
    lines.append(f"Comptes contributeurs de démonstration (mot de passe « {DEMO_PASSWORD} ») : {usernames}")
    lines.append(
        f"Comptes de l'accompagnement, à l'administration /admin/ (même mot de passe) : {referent_accounts()}. "
        "Leurs dossiers sont dans « Accompagnement », les chiffres publics sur /chiffres-cles/"
    )
    lines.extend(f"Attention : {warning}" for warning in ctx.warnings)
    return lines
