"""manage.py bootstrap_desk --communes-file PATH [--professions ...] [--desk-name ...] [--contact-email ...]

Starts a desk for the territory configured by TERRITORY_CODE, TERRITORY_NAME and
TERRITORY_BBOX: communes, professions, aid audiences, site tree and desk settings.
Idempotent; all or nothing. The steps live in provisioning/bootstrap.py; the guide is
docs/replication.md.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from provisioning import bootstrap


class Command(BaseCommand):
    help = (
        "Démarre un guichet pour le territoire configuré (TERRITORY_CODE, TERRITORY_NAME, TERRITORY_BBOX) : "
        "importe ses communes après avoir vérifié qu'elles en font partie, crée les professions, les publics "
        "des aides, l'arborescence du site (accueil, aides, partenaires, parcours) et les réglages du guichet. "
        "Sans effet s'il est déjà en place ; tout ou rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--communes-file",
            required=True,
            help="Fichier GeoJSON des communes du territoire (propriétés « code » et « nom », WGS84).",
        )
        parser.add_argument(
            "--professions",
            default=None,
            help="Professions du guichet, séparées par des virgules "
            "(par défaut : « Médecin généraliste »), p. ex. « Masseur-kinésithérapeute,Infirmier·ère ».",
        )
        parser.add_argument("--desk-name", default=None, help="Nom du guichet (par défaut : Guichet unique santé).")
        parser.add_argument("--contact-email", default=None, help="Adresse e-mail de contact du guichet.")

    def handle(self, *args, communes_file, professions, desk_name, contact_email, **options):
        name, code, bbox = (settings.TERRITORY[key] for key in ("name", "code", "bbox"))
        self.stdout.write(f"Territoire configuré : {name} ({code}), emprise {', '.join(map(str, bbox))}")
        try:
            report = bootstrap.bootstrap_desk(
                communes_file=communes_file,
                professions=professions,
                desk_name=desk_name,
                contact_email=contact_email,
                stdout=self.stdout,
            )
        except bootstrap.BootstrapError as error:
            raise CommandError(str(error)) from error
        for line in report.lines:
            self.stdout.write(line)
        if report.created:
            created = ", ".join(f"{label} : {n}" for label, n in report.created.items())
            self.stdout.write(f"Créé ou modifié par cette exécution : {created}")
        else:
            self.stdout.write("Rien à créer : le guichet était déjà en place.")
        self.stdout.write(self.style.SUCCESS("Guichet prêt."))
        for line in bootstrap.next_steps():
            self.stdout.write(line)
