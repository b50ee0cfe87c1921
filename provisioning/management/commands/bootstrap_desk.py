"""manage.py bootstrap_desk --communes-file PATH [--professions ...] [--desk-name ...] [--contact-email ...]
    [--hostname HOST [--port N] [--territory-code C --territory-name N --bbox W,S,E,N]] [--sector FILE]

Starts a desk: communes, professions, aid audiences, vocabularies, site tree and desk
settings. Without --hostname, the instance's default site, for the territory configured by
TERRITORY_CODE, TERRITORY_NAME and TERRITORY_BBOX; with it, another desk of the same
instance on its own host name and territory. --sector: a sector file (another trade's
professions, audiences and vocabularies; docs/examples/secteur-veterinaire.json).
Idempotent; all or nothing. The steps live in provisioning/bootstrap.py; the guide is
docs/replication.md.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from provisioning import bootstrap
from provisioning.sectors import load_sector
from reference.territory import Territory, parse_bbox, validate_territory_code


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
        parser.add_argument(
            "--desk-name",
            default=None,
            help="Nom du guichet (par défaut : celui du secteur, « Guichet unique santé » pour la santé).",
        )
        parser.add_argument("--contact-email", default=None, help="Adresse e-mail de contact du guichet.")
        parser.add_argument(
            "--hostname",
            default=None,
            help="Nom de domaine d'un guichet de plus dans cette instance (son propre site Wagtail) ; "
            "sans cette option, le guichet est le site par défaut.",
        )
        parser.add_argument("--port", type=int, default=80, help="Port de ce site (80 par défaut).")
        parser.add_argument("--territory-code", default=None, help="Avec --hostname : code du département (p. ex. 07).")
        parser.add_argument("--territory-name", default=None, help="Avec --hostname : nom du territoire.")
        parser.add_argument(
            "--bbox",
            default=None,
            help="Avec --hostname : emprise du territoire, « lon ouest,lat sud,lon est,lat nord » (WGS84).",
        )
        parser.add_argument(
            "--sector",
            default=None,
            help="Fichier JSON du secteur (professions, publics, vocabulaires) ; par défaut, la santé.",
        )

    def handle(self, *args, communes_file, professions, desk_name, contact_email, **options):
        territory = self.territory(options)
        bbox = ", ".join(map(str, territory.bbox))
        self.stdout.write(f"Territoire configuré : {territory.name} ({territory.code}), emprise {bbox}")
        try:
            sector = load_sector(options["sector"]) if options["sector"] else None
            report = bootstrap.bootstrap_desk(
                communes_file=communes_file,
                professions=professions,
                desk_name=desk_name,
                contact_email=contact_email,
                stdout=self.stdout,
                hostname=options["hostname"],
                port=options["port"],
                territory=territory,
                sector=sector,
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
        for line in report.next_steps:
            self.stdout.write(line)

    def territory(self, options):
        """settings.TERRITORY for the default desk; another desk's from its options."""
        given = {key: options[key] for key in ("territory_code", "territory_name", "bbox") if options[key]}
        if not options["hostname"]:
            if given:
                raise CommandError(
                    "--territory-code, --territory-name et --bbox accompagnent --hostname : le territoire du site "
                    "par défaut se règle par TERRITORY_CODE, TERRITORY_NAME et TERRITORY_BBOX."
                )
            return Territory.from_settings()
        missing = [
            f"--{key.replace('_', '-')}" for key in ("territory_code", "territory_name", "bbox") if key not in given
        ]
        if missing:
            raise CommandError(f"Avec --hostname, indiquez aussi : {', '.join(missing)}.")
        try:
            validate_territory_code(given["territory_code"])
        except ValidationError as error:
            raise CommandError(f"--territory-code : {' '.join(error.messages)}") from error
        try:
            bbox = parse_bbox(given["bbox"])
        except ValidationError as error:
            raise CommandError(f"--bbox : {' '.join(error.messages)}") from error
        center = ((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2)
        return Territory(code=given["territory_code"], name=given["territory_name"], bbox=bbox, center=center, zoom=9)
