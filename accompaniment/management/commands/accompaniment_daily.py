"""manage.py accompaniment_daily [--dry-run]

To run daily (cron): reminds the référents of their tasks due (``accompaniment/reminders.py``),
then anonymises the cases ended or paused for longer than ACCOMPANIMENT_RETENTION_DAYS
(``privacy.anonymise_expired``). Idempotent: a task is reminded once, a case anonymised once.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from accompaniment.privacy import anonymise_expired, expired_cases
from accompaniment.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Rappelle aux référents leurs tâches arrivées à échéance, puis anonymise les dossiers terminés "
        "ou en pause depuis plus longtemps que la durée de conservation. À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait fait, sans rien envoyer ni effacer."
        )

    def handle(self, *args, dry_run=False, **options):
        prefix = "[simulation] " if dry_run else ""
        report = send_reminders(dry_run=dry_run)
        verb = "à rappeler" if dry_run else "rappelées"
        self.stdout.write(f"{prefix}Tâches {verb} : {len(report.reminded)}")
        for entry in report.reminded:
            self.stdout.write(f"  - dossier n° {entry.case_id}, échéance {entry.due_on:%d/%m/%Y}")
        if report.without_recipient:
            self.stdout.write(
                f"{prefix}Tâches sans destinataire (ni référent ni chargé d'accompagnement avec une adresse) : "
                f"{len(report.without_recipient)}"
            )
        days = settings.ACCOMPANIMENT_RETENTION_DAYS
        if dry_run:
            count = expired_cases().count()
            self.stdout.write(f"{prefix}Dossiers à anonymiser (conservation de {days} jours écoulée) : {count}")
        else:
            count = anonymise_expired()
            self.stdout.write(f"Dossiers anonymisés (conservation de {days} jours écoulée) : {count}")
