"""Helpers for the tests of the desk's admin side (cases, rules, actions): the person's
data that must not leak, the edit form's POST data as the browser sends it. The fixtures
are in ``admin_fixtures.py``."""

from accompaniment.models import Case

# What must never reach someone who may not see the case.
PERSON = {"first_name": "Apolline", "last_name": "Zéphyrin", "email": "apolline.zephyrin@example.org"}
SECRETS = ("Zéphyrin", "Zephyrin", "apolline.zephyrin")


def leaks(response):
    """The person's data found in a response (its body, or where it redirects)."""
    body = response.content.decode(errors="replace") if hasattr(response, "content") else ""
    body += response.get("Location", "") or ""
    return [secret for secret in SECRETS if secret.lower() in body.lower()]


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def edit_data(case, **changes):
    """The edit form's fields for ``case`` as saved (no timeline or attachment sub-form),
    with ``changes`` applied; sub-forms are added by the caller."""
    case = Case.objects.get(pk=case.pk)
    data = {
        "state": case.state,
        "referent": str(case.referent_id or ""),
        "closing_reason": case.closing_reason,
        "state_note": case.state_note,
        "next_steps": case.next_steps,
        "installed_on": case.installed_on.isoformat() if case.installed_on else "",
        "installed_commune": str(case.installed_commune_id or ""),
        "first_name": case.first_name,
        "last_name": case.last_name,
        "email": case.email,
        "phone": case.phone,
        "preferred_contact": case.preferred_contact,
        "contact_notes": case.contact_notes,
        "audience": str(case.audience_id or ""),
        "profession": str(case.profession_id or ""),
        "training_stage": case.training_stage,
        "available_from": "",
        "source": case.source,
        "consent_at": "",
        "epci": str(case.epci_id or ""),
        "territory_notes": case.territory_notes,
        "timing": case.timing,
        "needs_details": case.needs_details,
        "message": case.message,
        **management("timeline", total=0, initial=0),
        **management("attachments", total=0, initial=0),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def timeline_form(index, *, kind="note", text="Appel passé.", entry_id="", order=None, **fields):
    prefix = f"timeline-{index}"
    data = {
        f"{prefix}-id": str(entry_id),
        f"{prefix}-kind": kind,
        f"{prefix}-text": text,
        f"{prefix}-created_at": "",
        f"{prefix}-due_on": "",
        f"{prefix}-partner": "",
        f"{prefix}-outcome": "",
        f"{prefix}-ORDER": str(order if order is not None else index + 1),
        f"{prefix}-DELETE": "",
    }
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return data


def edit_url(case):
    return f"/admin/accompagnement/dossiers/edit/{case.pk}/"
