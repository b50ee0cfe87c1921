"""Seeding steps for the Wagtail pages: the demo images, the site tree with the desk settings
and editorial pages, the partners' pages and the aids' pages.
"""

from datetime import date, timedelta

from wagtail.images import get_image_model
from wagtail.models import Site

from aides.conditions import AmountPeriod, SectorCondition
from aides.models import AidPage, AidsIndexPage
from home.models import ContentPage, DeskSettings
from partners.models import PartnerPage, PartnersIndexPage
from provisioning.site_tree import child_page, create_page, ensure_child_page
from provisioning.site_tree import ensure_home_page as ensure_desk_home_page
from reference.models import Epci

from .content.aids import AIDS
from .content.common import DEMO_NOTICE, DEMO_NOTICE_HTML
from .content.partners import PARTNER_CONTACT_HTML, PARTNER_NOTICE_HTML, PARTNERS
from .content.site import AIDS_INDEX, CONTENT_PAGES, DESK_SETTINGS, HOME, HOME_BODY, IMAGES, PARTNERS_INDEX, SITE_NAME
from .context import amount, place, stream
from .images import get_or_create_demo_image


def seed_images(ctx):
    before = get_image_model().objects.count()
    for key, (title, kind, alt_text) in IMAGES.items():
        ctx.images[key] = get_or_create_demo_image(title, kind, seed=key, alt_text=alt_text)
    ctx.count("images", get_image_model().objects.count() - before)


def ensure_home_page(ctx):
    """The desk's HomePage, as the default site's root in place of Wagtail's welcome page."""
    home, created = ensure_desk_home_page(
        title=HOME["title"],
        slug=HOME["slug"],
        introduction=HOME["introduction"],
        hero_image=ctx.images["hero"],
        site_name=SITE_NAME,
        publish=False,  # published by seed_site_tree once its body is filled in
    )
    if created:
        ctx.count("pages")
    ctx.pages["accueil"] = home
    return home, created


def seed_desk_settings(ctx, site):
    desk = DeskSettings.for_site(site)
    if desk.contact_email:
        return
    for name, value in DESK_SETTINGS.items():
        setattr(desk, name, value)
    desk.save()
    ctx.count("réglages du guichet")


def seed_site_tree(ctx):
    home, home_created = ensure_home_page(ctx)
    seed_desk_settings(ctx, Site.objects.get(is_default_site=True))
    for key, model, spec in (
        ("aides", AidsIndexPage, AIDS_INDEX),
        ("partenaires", PartnersIndexPage, PARTNERS_INDEX),
    ):
        page, created = ensure_child_page(home, model, **spec)
        if created:
            ctx.count("pages")
        ctx.pages[key] = page
    for spec in CONTENT_PAGES:
        page = child_page(home, spec["slug"])
        if page is None:
            page = ContentPage(
                title=spec["title"],
                slug=spec["slug"],
                introduction=spec["introduction"],
                image=ctx.images.get(spec["image"]),
                body=stream(spec["body"], ctx),
            )
            create_page(home, page)
            ctx.count("pages")
        ctx.pages[spec["slug"]] = page
    if home_created:
        home.body = stream(HOME_BODY, ctx)
        home.save_revision().publish()


def seed_partners(ctx):
    index = ctx.pages["partenaires"]
    images_before = get_image_model().objects.count()
    for spec in PARTNERS:
        page = child_page(index, spec["slug"])
        if page is None:
            logo = get_or_create_demo_image(
                f"Démo – Logo {spec['title']}",
                "logo",
                seed=spec["slug"],
                label=spec["logo_label"],
                alt_text=f"Logo de {spec['title']} (démonstration)",
                width=400,
                height=400,
            )
            services = "".join(f"<li>{service}</li>" for service in spec["services"])
            page = PartnerPage(
                title=spec["title"],
                slug=spec["slug"],
                kind=spec["kind"],
                mission=spec["mission"],
                services=[
                    {"type": "paragraph", "value": f"<ul>{services}</ul>"},
                    {"type": "paragraph", "value": PARTNER_NOTICE_HTML},
                ],
                contact_details=PARTNER_CONTACT_HTML,
                email=spec["email"],
                phone=spec["phone"],
                address=spec["address"],
                website=spec["website"],
                logo=logo,
            )
            commune = ctx.commune(spec["commune"])
            if commune:
                place(page, commune, spec["slug"])
            create_page(index, page)
            ctx.count("pages partenaires")
        ctx.partners[spec["slug"]] = page
    ctx.count("images", get_image_model().objects.count() - images_before)


def demo_summary_notice(text):
    return f"{text} {DEMO_NOTICE}"


def seed_aids(ctx):
    """Create the demo aids that are missing; an aid already there is left as it is (``seed_demo
    --reset`` rebuilds them all from provisioning/demo/content/aids.py)."""
    index = ctx.pages["aides"]
    for spec in AIDS:
        if child_page(index, spec["slug"]) is not None:
            continue
        body = [("paragraph", DEMO_NOTICE_HTML)]
        if spec.get("context"):
            body += [("heading", {"text": "À savoir", "level": "h2"}), ("paragraph", f"<p>{spec['context']}</p>")]
        body.append(("call_to_action", {"text": "Contacter le guichet unique santé", "page": "accueil", "url": ""}))
        page = AidPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=demo_summary_notice(spec["summary"]),
            body=stream(body, ctx),
            funder=ctx.partners.get(spec["funder"]),
            aid_type=spec["aid_type"],
            amount_min_eur=amount(spec.get("amount_min_eur")),
            amount_max_eur=amount(spec.get("amount_max_eur")),
            amount_period=spec.get("amount_period", AmountPeriod.ONCE),
            amount_periods=spec.get("amount_periods"),
            amount_text=spec.get("amount_text", ""),
            audiences=[ctx.audiences[code] for code in spec["audiences"]],
            professions=[ctx.professions[slug] for slug in spec["professions"]],
            scope=spec["scope"],
            communes=[c for c in (ctx.commune(code) for code in spec.get("communes", [])) if c],
            epcis=list(Epci.objects.filter(siren__in=spec.get("epcis", []))),
            zonage_requirement=spec["zonage_requirement"],
            first_installation_only=spec.get("first_installation_only", False),
            practice_modes=list(spec.get("practice_modes", [])),
            sector_condition=spec.get("sector_condition", SectorCondition.NONE),
            commitment=spec.get("commitment", ""),
            exclusion_group=spec.get("exclusion_group", ""),
            exclusion_years=spec.get("exclusion_years"),
            obligations=spec["obligations"],
            how_to_apply=spec["how_to_apply"] + DEMO_NOTICE_HTML,
            application_url=spec.get("application_url", ""),
            valid_from=date.fromisoformat(spec["valid_from"]) if spec.get("valid_from") else None,
            valid_until=date.fromisoformat(spec["valid_until"]) if spec.get("valid_until") else None,
            last_reviewed_at=ctx.today - timedelta(days=spec["reviewed_days_ago"]),
        )
        create_page(index, page)
        ctx.count("fiches aides")
