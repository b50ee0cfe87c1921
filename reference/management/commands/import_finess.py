"""manage.py import_finess PATH [--departement 26] [--dry-run] [--skip-invalid]"""

from reference.importers.command import DepartementImportCommand
from reference.importers.finess import import_finess


class Command(DepartementImportCommand):
    help = (
        "Crée ou met à jour l'offre de soins (centres hospitaliers, centres de santé, maisons de santé) d'un "
        "département depuis l'extraction FINESS des établissements (etalab, « ; », Latin-1, enregistrements "
        "structureet et geolocalisation en Lambert 93). Tout ou rien."
    )
    path_help = "Chemin de l'extraction FINESS (etalab-cs1100507-stock-…csv)."
    importer = staticmethod(import_finess)
