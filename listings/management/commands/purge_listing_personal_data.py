"""manage.py purge_listing_personal_data [--days N] [--dry-run]

RGPD: deletes the contact data of listings refused, withdrawn or expired for more than
N days (LISTING_PURGE_AFTER_DAYS, default 180), from the database and from the listings'
revisions. Logged "listings.purge_personal_data" (counts only). Idempotent.
Account requests refused more than N days ago are deleted too.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from listings.privacy import purge_personal_data, purge_refused_account_requests


class Command(BaseCommand):
    help = (
        "Supprime les coordonnées des contacts des annonces refusées, retirées ou expirées depuis plus de N jours "
        "(base et historique des versions), et les demandes de compte refusées depuis plus de N jours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Délai en jours depuis le refus ou le retrait (par défaut : réglage LISTING_PURGE_AFTER_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait supprimé, sans rien supprimer."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.LISTING_PURGE_AFTER_DAYS if days is None else days
        if days < 0:
            raise CommandError("Le délai (--days) doit être positif ou nul.")
        result = purge_personal_data(days=days, dry_run=dry_run)
        prefix = "[simulation] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Annonces hors ligne depuis plus de {days} jours purgées : {len(result.listings)} "
            f"({result.contacts} contact(s), {result.revisions} version(s) nettoyée(s))."
        )
        for listing in result.listings:
            self.stdout.write(f"  - #{listing.pk} {listing.title}")
        requests = purge_refused_account_requests(days=days, dry_run=dry_run)
        self.stdout.write(f"{prefix}Demandes de compte refusées depuis plus de {days} jours supprimées : {requests}.")
