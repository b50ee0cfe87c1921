"""manage.py check_listing_freshness [--dry-run]

To run daily (cron). Listings expiring within LISTING_EXPIRY_NOTICE_DAYS days: their
submitter is told once per expiry date. Listings not confirmed for the desk's confirmation
period: told once, then withdrawn (unpublished, logged "listings.withdraw_stale") if still
unconfirmed LISTING_WITHDRAW_GRACE_DAYS days after the notice. Idempotent.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Site

from listings.desk import desk_settings
from listings.freshness import run_freshness_check


class Command(BaseCommand):
    help = (
        "Prévient les structures des annonces qui expirent bientôt ou qui ne sont plus confirmées, "
        "puis retire du site celles restées sans confirmation après le délai de grâce. À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait fait, sans rien envoyer ni modifier."
        )

    def handle(self, *args, dry_run=False, **options):
        report = run_freshness_check(dry_run=dry_run)
        prefix = "[simulation] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Délai de confirmation : {periods()}, "
            f"délai de grâce : {settings.LISTING_WITHDRAW_GRACE_DAYS} jours."
        )
        sections = [
            ("Rappels d'expiration envoyés", report.expiring_notified),
            ("Demandes de confirmation envoyées", report.stale_notified),
            ("Annonces retirées faute de confirmation", report.withdrawn),
            ("Annonces en attente de confirmation (délai de grâce en cours)", report.waiting),
        ]
        for label, listings in sections:
            self.stdout.write(f"{prefix}{label} : {len(listings)}")
            for listing in listings:
                self.stdout.write(f"  - #{listing.pk} {listing.title}")


def periods():
    """« 6 mois », or each desk's when an instance serves several (each desk has its own)."""
    desks = [desk_settings(site) for site in Site.objects.order_by("-is_default_site", "pk")]
    if len(desks) <= 1:
        return f"{(desks[0] if desks else desk_settings()).listing_confirmation_months} mois"
    return ", ".join(f"{desk.listing_confirmation_months} mois ({desk.desk_name})" for desk in desks)
