"""Cases for the figures' tests, built with the ORM: only what the figures read."""

import itertools

from django.utils import timezone

from accompaniment.models import Case, CaseState, ClosingReason
from reference.models import Commune, Epci, Profession

_numbers = itertools.count(1)


def reference_data():
    """Two professions, two intercommunalities and a commune in each."""
    gp = Profession.objects.get_or_create(slug="medecin-generaliste", defaults={"name": "Médecin généraliste"})[0]
    nurse = Profession.objects.get_or_create(slug="infirmier", defaults={"name": "Infirmier(ère)", "sort_order": 2})[0]
    diois = Epci.objects.get_or_create(siren="242600534", defaults={"name": "CC du Diois"})[0]
    valence = Epci.objects.get_or_create(siren="200068781", defaults={"name": "Valence Romans Agglo"})[0]
    die = Commune.objects.get_or_create(insee_code="26113", defaults={"name": "Die", "epci": diois})[0]
    romans = Commune.objects.get_or_create(insee_code="26281", defaults={"name": "Romans-sur-Isère", "epci": valence})[
        0
    ]
    return {"gp": gp, "nurse": nurse, "diois": diois, "valence": valence, "die": die, "romans": romans}


def make_case(state=CaseState.NEW, *, created_at=None, **fields):
    """A case in ``state`` (closed cases get a reason, installed ones a date)."""
    number = next(_numbers)
    if state == CaseState.CLOSED:
        fields.setdefault("closing_reason", ClosingReason.ABANDONED)
    if state == CaseState.INSTALLED:
        fields.setdefault("installed_on", timezone.localdate())
    return Case.objects.create(
        first_name=f"Prénom{number}",
        last_name=f"Nom-Secret-{number}",
        email=f"personne{number}@example.org",
        phone="04 65 71 00 00",
        message=f"Message privé {number}",
        state=state,
        created_at=created_at or timezone.now(),
        **fields,
    )


def make_cases(count, state=CaseState.NEW, **fields):
    return [make_case(state, **fields) for _ in range(count)]
