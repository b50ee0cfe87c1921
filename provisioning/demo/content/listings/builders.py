"""How a demo listing is written: ``listing()`` gives every field not passed a common default,
``contact()`` builds the contact of a listing.
"""

from ..common import GP

# Every listing: slug (the idempotency key), kind, moderation status, organisation key (None
# for a spontaneous submission without account), commune, texts and conditions. Dates are
# day offsets from today: available_in, available_until_in (None: no end date), expires_in
# (None: no expiry), confirmed_ago. ``details`` holds the details per kind (field name -> value,
# see listings/models/details.py): contract, working time, pay, rhythm, housing, places...


def listing(slug, kind, status, org, commune, title, summary, **extra):
    return {
        "slug": slug,
        "kind": kind,
        "status": status,
        "org": org,
        "commune": commune,
        "title": title,
        "summary": summary,
        "professions": GP,
        "photos": ["facade-cabinet"],
        "available_in": 30,
        "available_until_in": None,
        "details": {},
        "expires_in": None,
        "confirmed_ago": 20,
        **extra,
    }


def contact(name, role, email, phone="", consent=False):
    return {"name": name, "role": role, "email": email, "phone": phone, "consent_to_publish": consent}
