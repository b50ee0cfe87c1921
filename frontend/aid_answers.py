"""The aid finder's answer (the API's `aidFinder`) in the shape the templates show.

The judging is the API's; this module only joins each aid to its assessment, writes the
estimated total in French and derives a listing's situation.
"""

from .formatting import euros

# The finder's three groups, in the order the page shows them (AidVerdict values).
VERDICT_GROUPS = [("ELIGIBLE", "eligible"), ("TO_CHECK", "toCheck"), ("NOT_APPLICABLE", "notApplicable")]

# Where each question of the finder is answered on the form (AidFinderQuestion → field id).
QUESTION_FIELDS = {
    "AUDIENCE": "a-profil",
    "PROFESSION": "a-profession",
    "COMMUNE": "a-commune",
    "FIRST_INSTALLATION": "a-premiere",
    "PRACTICE_MODE": "a-mode",
}

# The audience a listing speaks to, by its kind code (→ aid audience code). Interns' housing
# is for interns, a replacement for locums; every other kind (an office, a practice for sale
# or to share, a salaried post, a kind another desk added...) is for someone who settles.
# Only used when the desk has that audience (`aidAudiences`).
LISTING_KIND_AUDIENCE = {"intern_housing": "interne", "replacement": "remplacant"}
SETTLING_AUDIENCE = "installe"

LISTING_AIDS_SHOWN = 5


def amount_range(amount):
    """{low, high} in euros → « 5 000 € » or « entre 5 000 € et 15 000 € »; '' without amount."""
    if not amount:
        return ""
    low, high = amount["low"], amount["high"]
    if round(low) == round(high):
        return euros(low)
    return f"entre {euros(low)} et {euros(high)}"


def grouped(answer, verdict_labels):
    """The three groups of an AidFinderAnswer, each aid with its assessment.

    [{"verdict", "label", "aids": [{"aid", "assessment", "estimate"}]}], in VERDICT_GROUPS order.
    """
    assessments = {assessment["aidId"]: assessment for assessment in answer.get("assessments", [])}
    groups = []
    for verdict, field in VERDICT_GROUPS:
        aids = []
        for aid in answer.get(field) or []:
            assessment = assessments.get(aid["id"], {})
            aids.append(
                {"aid": aid, "assessment": assessment, "estimate": amount_range(assessment.get("estimatedAmount"))}
            )
        groups.append({"verdict": verdict, "label": verdict_labels.get(verdict, verdict), "aids": aids})
    return groups


def listing_situation(listing, audience_codes):
    """The AidSituation of a listing: its commune, first profession and the audience of its kind."""
    audience = LISTING_KIND_AUDIENCE.get(listing["kind"], SETTLING_AUDIENCE)
    professions = listing.get("professions") or []
    return {
        "audience": audience if audience in audience_codes else None,
        "profession": professions[0]["slug"] if professions else None,
        "commune": listing["commune"]["inseeCode"],
    }


def ranked_aids(answer, verdict_labels, limit=LISTING_AIDS_SHOWN):
    """The aids one may get, at most ``limit``: eligible first, then to check; within each,
    the largest estimated amount first (an installation premium before free advice)."""
    groups = grouped(answer, verdict_labels)
    relevant = []
    for group in groups[:2]:
        by_amount = sorted(group["aids"], key=lambda item: -_highest(item["assessment"]))  # stable: title next
        relevant += [item | {"verdict": group["verdict"], "label": group["label"]} for item in by_amount]
    return relevant[:limit], len(relevant)


def _highest(assessment):
    amount = assessment.get("estimatedAmount") or {}
    return amount.get("high") or 0
