"""Seeding steps for what contributors bring: the demo moderator, the contributing organisations
with their member accounts, and their listings brought to every moderation state.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from listings.models import Listing, ListingContact, ListingPhoto, Organisation
from listings.moderation_states import apply_status, submit_edit
from reference.desks import default_site_id

from .content.listings import LISTINGS, PENDING_EDITS
from .content.organisations import DEMO_PASSWORD, MODERATOR_USERNAME, ORGANISATIONS
from .context import amount, place

# Demo contributors join the contributors' group when the permissions set-up has created it.
CONTRIBUTORS_GROUPS = ("Contributeurs", "Contributors")


def seed_moderator(ctx):
    """The moderator who acts on demo listings. No password, so nobody can log in with it,
    and outside the moderators group, so that real submissions never notify it."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=MODERATOR_USERNAME,
        defaults={"email": f"{MODERATOR_USERNAME}@example.org", "first_name": "Équipe", "last_name": "Modération"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        ctx.count("comptes")
    ctx.moderator = user


def seed_organisations(ctx):
    User = get_user_model()
    contributors = Group.objects.filter(name__in=CONTRIBUTORS_GROUPS).first()
    # One hash for every demo account: the password is public anyway, and hashing it once
    # saves seconds with the production hasher.
    password_hash = make_password(DEMO_PASSWORD)
    site_id = default_site_id()  # the demo's desk
    for key, name, kind, codes, username in ORGANISATIONS:
        user, user_created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "first_name": "Démo", "last_name": name[:150]},
        )
        if user_created:
            user.password = password_hash
            user.save(update_fields=["password"])
            if contributors:
                user.groups.add(contributors)
            ctx.count("comptes")
        organisation, created = Organisation.objects.get_or_create(
            site_id=site_id, name=name, defaults={"kind": kind, "email": f"{username}@example.org"}
        )
        if created:
            organisation.communes.set([c for c in (ctx.commune(code) for code in codes) if c])
            organisation.members.add(user)
            ctx.count("structures")
        # Each demo account manages its structure: the demo shows « Membres de la structure ».
        organisation.managers.add(user)
        ctx.organisations[key] = organisation


def build_listing(ctx, spec, commune):
    """An unsaved, never published listing with its professions, photos and contact."""
    available_from = ctx.today + timedelta(days=spec["available_in"])
    listing = Listing(
        kind=spec["kind"],
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        description=spec.get("description", ""),
        commune=commune,
        address=spec.get("address", ""),
        surface_m2=amount(spec.get("surface_m2")),
        monthly_rent_eur=amount(spec.get("monthly_rent_eur")),
        sale_price_eur=amount(spec.get("sale_price_eur")),
        rent_free_months=spec.get("rent_free_months"),
        conditions=spec.get("conditions", ""),
        available_from=available_from,
        available_until=ctx.today + timedelta(days=spec["available_until_in"])
        if spec["available_until_in"] is not None
        else None,
        **spec["details"],
        expire_at=ctx.now + timedelta(days=spec["expires_in"]) if spec["expires_in"] is not None else None,
        last_confirmed_at=ctx.now - timedelta(days=spec["confirmed_ago"]),
        organisation=ctx.organisations.get(spec["org"]) if spec["org"] else None,
        live=False,
        professions=[ctx.professions[slug] for slug in spec["professions"]],
        photos=[
            ListingPhoto(image=ctx.images[key], caption=ctx.images[key].alt_text, sort_order=order)
            for order, key in enumerate(spec["photos"])
        ],
        contacts=[ListingContact(**spec["contact"])] if spec.get("contact") else [],
    )
    place(listing, commune, spec["slug"])
    return listing


def _submitter(listing):
    organisation = listing.organisation
    return organisation.members.order_by("pk").first() if organisation else None


def seed_listings(ctx):
    existing = set(Listing.objects.filter(slug__in=[s["slug"] for s in LISTINGS]).values_list("slug", flat=True))
    for spec in LISTINGS:
        if spec["slug"] in existing:
            continue
        commune = ctx.commune(spec["commune"])
        if commune is None:
            ctx.warnings.append(f"Commune {spec['commune']} absente : annonce « {spec['title']} » non créée.")
            continue
        with transaction.atomic():
            listing = build_listing(ctx, spec, commune)
            listing.full_clean()
            listing.save()
            submitter = _submitter(listing)
            apply_status(listing, spec["status"], submitter=submitter, moderator=ctx.moderator)
            if spec["slug"] in PENDING_EDITS:
                submit_edit(listing, submitter, **PENDING_EDITS[spec["slug"]])
        ctx.count("annonces")
