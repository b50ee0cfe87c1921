"""manage.py import_zonage_professions PATH [--source TEXT] [--date AAAA-MM-JJ] [--departement 26] [--dry-run]
[--skip-invalid]

The layouts and column names are described in reference/importers/zoning_parsing.py.
"""

from reference.importers.command import DepartementImportCommand
from reference.importers.profession_zoning import import_profession_zonings


class Command(DepartementImportCommand):
    help = (
        "Importe le zonage ARS par profession (médecins généralistes, infirmiers, masseurs-kinésithérapeutes, "
        "sages-femmes, orthophonistes, chirurgiens-dentistes) depuis un fichier CSV, dans l'un de deux formats : "
        "« long », une ligne par commune et profession (colonnes code commune – code_commune, CODGEO, "
        "code_insee… –, profession – profession, metier… – et classe – classe, zonage, zone…) ; ou « large », "
        "une ligne par commune et une colonne de classe par profession, nommée d'après la profession "
        "(par exemple code_insee;medecin;infirmier;kine;sage_femme;orthophoniste;dentiste). Classes : ZIP, ZAC, "
        "hors zonage, très sous-dotée, sous-dotée, intermédiaire, très dotée, sur-dotée, non prioritaire. "
        "Les zonages importés sont officiels (case « zonage fictif » décochée) ; pour les médecins généralistes, "
        "le zonage ARS de la commune est mis à jour aussi. Une colonne ou une profession inconnue est signalée. "
        "Tout ou rien."
    )
    path_help = "Chemin du fichier CSV du zonage par profession (séparateur « ; », « , » ou tabulation)."

    def add_selection_arguments(self, parser):
        super().add_selection_arguments(parser)
        parser.add_argument(
            "--source",
            default="",
            help="Source du zonage enregistrée sur chaque ligne, par exemple "
            "« ARS Auvergne-Rhône-Alpes, arrêté du 9 mai 2025 ».",
        )
        parser.add_argument(
            "--date",
            default=None,
            help="Date de l'arrêté ou de la décision de l'ARS (AAAA-MM-JJ ou JJ/MM/AAAA).",
        )

    def run_import(self, path, *, dry_run, progress, options):
        return import_profession_zonings(
            path,
            source=options["source"],
            decided_on=options["date"],
            departement=options["departement"],
            dry_run=dry_run,
            skip_invalid=options["skip_invalid"],
            progress=progress,
        )
