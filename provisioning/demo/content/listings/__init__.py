"""The demo listings, one module per area, in every moderation state.

The fields of a listing are described in ``builders``.
"""

from . import baronnies, collines, diois, royans_vercors, spontaneous, sud, valence, vallee

# In this order the listings are created (and numbered).
LISTINGS = [
    *diois.LISTINGS,
    *baronnies.LISTINGS,
    *valence.LISTINGS,
    *collines.LISTINGS,
    *vallee.LISTINGS,
    *royans_vercors.LISTINGS,
    *sud.LISTINGS,
    *spontaneous.LISTINGS,
]

# A published listing with an edit awaiting moderation: the public keeps seeing the approved
# version while the moderators review the change.
PENDING_EDITS = {
    "valence-pediatre-salarie": {
        "summary": (
            "Poste de pédiatre (temps plein) au sein du centre de santé, en lien avec la PMI. Prise de poste rapide."
        ),
    },
}
