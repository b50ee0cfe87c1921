"""manage.py erase_contact_data EMAIL [--dry-run]

RGPD deletion request: removes every listing contact with this e-mail address, from the
database and from all revisions, and logs "listings.erase_contact_data" on each listing
concerned (without the address).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from listings.privacy import erase_contact_data


class Command(BaseCommand):
    help = "Efface les coordonnées d'un contact (adresse e-mail) de toutes les annonces et de leur historique."

    def add_arguments(self, parser):
        parser.add_argument("email", help="Adresse e-mail du contact à effacer.")
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait effacé, sans rien effacer.")

    def handle(self, *args, email, dry_run=False, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"Adresse e-mail invalide : {email}") from error
        result = erase_contact_data(email, dry_run=dry_run)
        prefix = "[simulation] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Contact effacé de {len(result.listings)} annonce(s) : {result.contacts} contact(s), "
            f"{result.revisions} version(s) nettoyée(s)."
        )
        for listing in result.listings:
            self.stdout.write(f"  - #{listing.pk} {listing.title}")
