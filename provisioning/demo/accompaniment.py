"""Seeding step for the accompaniment: the demo référents and their manager (same public
password as the demo contributors), the assignment rules, fifteen demo cases (``is_demo``)
with the timeline of those under way, and one interest in a public demo listing.

Idempotent: accounts are found by username, rules by référent, cases by their address.
Nothing is e-mailed: entries are written as already sent, no state move notifies anyone.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from accompaniment.assignment import assign
from accompaniment.models import AssignmentRule, Case, CaseState, EntryKind, Interest, TimelineEntry
from accompaniment.states import describe_move
from listings.models import Listing
from reference.models import Epci
from users.roles import ACCOMPANIMENT_GROUP, ACCOMPANIMENT_MANAGERS_GROUP

from .content.accompaniment import CASES, INTEREST_LISTING, REFERENTS, TIMELINES
from .content.organisations import DEMO_PASSWORD

GROUPS = {"follow": ACCOMPANIMENT_GROUP, "manage": ACCOMPANIMENT_MANAGERS_GROUP}


def demo_email(key):
    return f"{key}.demo@example.org"


def seed_referents(ctx):
    """The accounts, in their group, and one assignment rule per référent."""
    User = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)
    epcis = {epci.siren: epci for epci in Epci.objects.all()}
    for username, first_name, last_name, group_key, sirens, is_default in REFERENTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "first_name": first_name, "last_name": last_name},
        )
        if created:
            user.password = password_hash
            user.save(update_fields=["password"])
            ctx.count("comptes")
        group = Group.objects.filter(name=GROUPS[group_key]).first()
        if group is None:
            ctx.warnings.append(f"Groupe « {GROUPS[group_key]} » absent : {username} n'y est pas ajouté.")
        else:
            user.groups.add(group)
        if group_key != "follow" or AssignmentRule.objects.filter(referent=user).exists():
            continue
        rule = AssignmentRule(referent=user, is_default=is_default, epcis=[epcis[s] for s in sirens if s in epcis])
        rule.save()
        ctx.count("règles d'attribution")


def build_case(ctx, spec, communes):
    """An unsaved demo case, given its référent by the rules unless just received."""
    created_at = ctx.now - timedelta(days=spec["days_ago"])
    installed = spec.get("installed")
    case = Case(
        first_name=spec["first_name"],
        last_name=spec["last_name"],
        email=demo_email(spec["key"]),
        phone=f"04 65 71 {50 + len(spec['key']):02d} {10 + spec['days_ago'] % 90:02d}",
        preferred_contact=spec.get("preferred_contact", "email"),
        contact_notes=spec.get("contact_notes", ""),
        audience=ctx.audiences.get(spec["audience"]),
        profession=ctx.professions.get(spec["profession"]),
        epci=Epci.objects.filter(siren=spec["epci"]).first() if spec["epci"] else None,
        communes=[commune for commune in communes if commune],
        practice_modes=spec["practice_modes"],
        timing=spec["timing"],
        needs=spec["needs"],
        needs_details=spec.get("needs_details", ""),
        message=spec.get("message", ""),
        source=spec["source"],
        consent_at=created_at if spec["source"] != "staff" else None,
        is_demo=True,
        closing_reason=spec.get("closing_reason", ""),
        state_note=spec.get("state_note", ""),
        next_steps=spec.get("next_steps", ""),
        installed_on=(ctx.today - timedelta(days=installed[0])) if installed else None,
        installed_commune=ctx.commune(installed[1]) if installed else None,
        created_at=created_at,
        state_changed_at=created_at + timedelta(days=1),
    )
    if spec["state"] != CaseState.NEW:
        assign(case)
    case.state = spec["state"]
    return case


def timeline(ctx, case, spec):
    """The entries of a case: its state moves, then the desk's work for cases under way."""
    start = case.created_at
    entries = []
    if case.state != CaseState.NEW:
        entries.append((EntryKind.EVENT, describe_move(CaseState.NEW, CaseState.ASSIGNED), start, {}))
    if case.state not in (CaseState.NEW, CaseState.ASSIGNED):
        moved = start + timedelta(days=1)
        entries.append((EntryKind.EVENT, describe_move(CaseState.ASSIGNED, case.state, case.closing_reason), moved, {}))
    for kind, text, days_ago, extra in TIMELINES.get(spec["key"], []):
        entries.append((kind, text, ctx.now - timedelta(days=days_ago), extra))
    return [
        TimelineEntry(
            case=case,
            kind=kind,
            text=text,
            author=case.referent if kind not in (EntryKind.EVENT, EntryKind.MESSAGE_FROM_PERSON) else None,
            created_at=when,
            due_on=ctx.today + timedelta(days=extra["due_in"]) if "due_in" in extra else None,
            partner=ctx.partners.get(extra.get("partner")),
            outcome=extra.get("outcome", ""),
            sent_at=when if kind == EntryKind.MESSAGE_TO_PERSON else None,  # never sent again
            sort_order=order,
        )
        for order, (kind, text, when, extra) in enumerate(entries)
    ]


def seed_cases(ctx):
    existing = set(Case.objects.filter(is_demo=True).values_list("email", flat=True))
    listing = Listing.objects.filter(slug=INTEREST_LISTING, live=True).first()
    for spec in CASES:
        if demo_email(spec["key"]) in existing:
            continue
        with transaction.atomic():
            case = build_case(ctx, spec, [ctx.commune(code) for code in spec["communes"]])
            if listing is not None and spec["source"] == "interest":
                case.listings = [listing]
            case.save()
            TimelineEntry.objects.bulk_create(timeline(ctx, case, spec))
            if listing is not None and spec["source"] == "interest":
                Interest.objects.create(
                    case=case,
                    listing=listing,
                    message=spec.get("message", ""),
                    share_contact=True,
                    created_at=case.created_at,
                )
                ctx.count("intérêts pour une annonce")
        ctx.count("dossiers d'accompagnement")
    if listing is None:
        ctx.warnings.append(f"Annonce publiée « {INTEREST_LISTING} » absente : aucun intérêt de démonstration.")


def seed_accompaniment(ctx):
    seed_referents(ctx)
    seed_cases(ctx)
