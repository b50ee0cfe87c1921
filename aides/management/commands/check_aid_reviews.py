"""manage.py check_aid_reviews [--dry-run]

To run daily (cron). Sends the desk's editors (the editors group, users/roles.py) one digest of the published
aid pages never checked or checked more than AID_REVIEW_AFTER_DAYS days ago; an aid is
reminded at most once per period (see aides/review_reminders.py). Idempotent.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from aides.review_reminders import EDITORS_GROUP, run_review_reminders


class Command(BaseCommand):
    help = (
        "Envoie aux éditeurs un récapitulatif des fiches aides publiées à revérifier "
        "(jamais vérifiées ou vérifiées depuis trop longtemps). À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait envoyé, sans rien envoyer ni noter."
        )

    def handle(self, *args, dry_run=False, **options):
        report = run_review_reminders(dry_run=dry_run)
        prefix = "[simulation] " if dry_run else ""
        self.stdout.write(f"{prefix}Délai avant revérification : {settings.AID_REVIEW_AFTER_DAYS} jours.")
        self.stdout.write(f"{prefix}Destinataires (groupe « {EDITORS_GROUP} ») : {len(report.recipients)}")
        if report.reminded and not report.recipients:
            self.stdout.write(f"{prefix}Aucun destinataire : rien n'a été envoyé.")
        sections = [
            ("Fiches signalées dans le récapitulatif" if not dry_run else "Fiches à signaler", report.reminded),
            ("Fiches à revérifier déjà signalées", report.already_reminded),
        ]
        for label, aids in sections:
            self.stdout.write(f"{prefix}{label} : {len(aids)}")
            for aid in aids:
                reviewed = aid.last_reviewed_at.isoformat() if aid.last_reviewed_at else "jamais vérifiée"
                self.stdout.write(f"  - #{aid.pk} {aid.title} ({reviewed})")
