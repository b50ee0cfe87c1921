"""What the kinds of demo content share: the notice that figures are to be checked, the
groups of professions, and a helper writing HTML paragraphs.
"""

DEMO_NOTICE = "Données de démonstration – montants et conditions à vérifier auprès du financeur."
DEMO_NOTICE_HTML = f"<p><b>{DEMO_NOTICE}</b></p>"

# Professions (slugs of provisioning.reference_lists.PROFESSIONS) aids and listings are for.
DOCTORS = ["medecin-generaliste", "pediatre", "psychiatre", "gynecologue"]
GP = ["medecin-generaliste"]


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)
