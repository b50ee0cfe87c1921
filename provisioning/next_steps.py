"""What ``bootstrap_desk`` prints last: the next steps for the desk it has just set up.

They name that desk — its name, host and territory, never the instance's TERRITORY_* when
another desk is added — and list only what applies to it: the official health files
(ARS zoning, FINESS) for a health desk, imported into the default desk (the importers fill
the default desk's care offer and professions' zoning); another desk enters them in the admin.
"""

from listings.desk import public_base_url

from .sectors import HEALTH
from .territory_communes import territory_label

MANAGE = "manage.py"
OTHER_SECTOR_REFERENCE = (
    "Offre et zonage du secteur : à saisir dans l'administration, Référentiels (les imports FINESS et "
    "de zonage ARS ne servent qu'à la santé)."
)


def next_steps(*, desk, site, territory, sector):
    """The lines to print, numbered; a line starting with spaces continues the step above."""
    code = territory.code
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    steps = [
        f"Population et EPCI : {MANAGE} import_cog_communes communes.json --departement {code}",
        f"  ou {MANAGE} import_population population.csv --departement {code}",
        *_reference_steps(site, sector, code),
    ]
    if site.is_default_site:
        steps += [
            f"Compte administrateur : {MANAGE} createsuperuser",
            "Dans l'administration : Paramètres > Sites (nom de domaine), Paramètres > Réglages du guichet "
            "(téléphone, adresse, mentions), puis les aides, les partenaires et la page du parcours.",
        ]
    else:
        steps += [
            f"Nom de domaine : ajoutez {site.hostname} à ALLOWED_HOSTS (et https://{site.hostname} à "
            "CSRF_TRUSTED_ORIGINS en production), et faites pointer son DNS vers le serveur.",
            f"Les liens des e-mails de ce guichet commencent par {public_base_url(site)} "
            "(Paramètres > Sites : le port 443 donne des liens https).",
            f"Équipe : ajoutez les comptes aux groupes « … – {desk.desk_name} » (Paramètres > Utilisateurs).",
            f"Dans l'administration, sur {host} : Paramètres > Réglages du guichet (téléphone, adresse, "
            "mentions), puis les aides, les partenaires et la page du parcours.",
        ]
    where = "" if site.is_default_site else f"{host}, "
    lines = [
        f"Étapes suivantes pour « {desk.desk_name} » ({where}territoire {territory_label(territory)}) "
        "– voir docs/replication.md :"
    ]
    number = 0
    for step in steps:
        if step.startswith(" "):
            lines.append(f" {step}")
        else:
            number += 1
            lines.append(f"{number}. {step}")
    return lines


def _reference_steps(site, sector, code):
    """The official files a desk of this sector imports, where the importers can fill it."""
    if sector is not HEALTH:
        return [OTHER_SECTOR_REFERENCE]
    zoning = f"Zonage ARS des médecins (communes) : {MANAGE} import_zonage zonage.csv --departement {code}"
    if not site.is_default_site:
        return [
            zoning,
            "Offre de soins et zonage des autres professions : Référentiels dans l'administration "
            "(import_finess et import_zonage_professions remplissent le guichet par défaut).",
        ]
    return [
        zoning,
        f"  puis {MANAGE} import_zonage_professions zonages-professions.csv --departement {code} (autres professions)",
        f"Offre de soins : {MANAGE} import_finess etalab-cs1100507-stock-AAAAMMJJ.csv --departement {code}",
    ]
