"""manage.py import_cog_communes PATH [--departement 26] [--dry-run] [--skip-invalid]"""

from reference.importers.cog import import_cog_communes
from reference.importers.command import DepartementImportCommand


class Command(DepartementImportCommand):
    help = (
        "Crée ou met à jour les communes actuelles d'un département (nom, population) depuis le Code officiel "
        "géographique de l'INSEE (v_commune_AAAA.csv) ou le fichier communes.json de decoupage-administratif, "
        "et applique les fusions de communes : annonces, établissements, aides et structures de l'ancienne "
        "commune sont rattachés à la nouvelle, puis l'ancienne est supprimée. Tout ou rien."
    )
    path_help = "Chemin du fichier v_commune_AAAA.csv (UTF-8, séparé par des virgules) ou communes.json."
    importer = staticmethod(import_cog_communes)
