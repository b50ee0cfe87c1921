"""axe-core on every public page (issue 14): no serious or critical violation, on a phone
(375×812) and on a desktop (1366×900), with and without JavaScript, forms included after
an error.

Four tests, one per width and JavaScript setting, each visiting every page in turn: the
transactional flush is paid four times, not once per page. Each collects the violations of
every page and fails once at the end with the list page → violations. axe-core comes from
node_modules (tests/frontend/axe.py): nothing is fetched from a network.

Without JavaScript: the page's script requests are aborted (Playwright routes) rather than
JavaScript disabled in the context, so that the injected axe still runs; every page is
checked to be the no-script one (no Leaflet map built).

Per page and per impact, the counts of violated rules are written to
test-artifacts/axe-<phone|desktop>-<js|nojs>.json (all impacts, with the rules), with
full-page phone screenshots of a few pages (axe-phone[-nojs]-<page>.png).
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .axe import AXE_TAGS, BLOCKING_IMPACTS, axe_run, count_by_impact, format_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}
PASSWORD = "motdepasse-de-test"
SCREENSHOTS = {"home", "map", "listing", "not-found"}  # at phone width
ERROR_SHOWN = "[role=alert], .error-summary, .error, .notice--error"


@dataclass
class Visit:
    """A page to check: go to `path`, then `action(page)` if any (it submits a form and
    returns the response it led to). `status`: the statuses this page may answer;
    `shows_error`: the page must show an error message (a form after an error)."""

    name: str
    path: str
    status: tuple = (200,)
    action: Callable | None = None
    shows_error: bool = False


def submit(page, form="main form[method=post]"):
    """Click the form's submit button; the response of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.locator(form).locator("button[type=submit]").last.click()
    return navigation.value


def fail_login(page):
    page.locator("input[name=username]").fill("contributrice-axe")
    page.locator("input[name=password]").fill("pas-le-bon-mot-de-passe")
    return submit(page)


def log_in(page):
    page.locator("input[name=username]").fill("contributrice-axe")
    page.locator("input[name=password]").fill(PASSWORD)
    return submit(page)


@dataclass
class AxeDesk:
    visits: list


@pytest.fixture
def axe_desk(small_site_live):
    """The small desk plus a page of every kind: an editorial page, partners, a listing with
    photos (one as a contributor uploads it: no alternative text, no caption), an expired
    listing and a contributor of a structure that owns a listing."""
    from accompaniment.factories import CaseFactory, ReferentFactory, TimelineEntryFactory
    from accompaniment.links import make_token
    from accompaniment.models import CaseState, EntryKind
    from home.factories import ContentPageFactory, ImageFactory
    from home.models import HomePage
    from listings.factories import ContributorFactory, ListingFactory, ListingPhotoFactory, OrganisationFactory
    from listings.models import Listing, ListingKind, ListingStatus
    from partners.factories import PartnerPageFactory, PartnersIndexPageFactory

    data = small_site_live
    home = HomePage.objects.get()
    a, b = data.communes["a"], data.communes["b"]
    office = data.listings["office"]

    facade = ImageFactory(title="Façade de la maison de santé de Valmont", kind="facade")
    ListingPhotoFactory(listing=office, image=facade, caption="La maison de santé", sort_order=0)
    ListingPhotoFactory(listing=office, image=ImageFactory(alt_text="", kind="interior"), caption="", sort_order=1)

    ContentPageFactory(
        parent=home,
        title="S'installer pas à pas",
        slug="parcours",
        image=ImageFactory(title="Un cabinet médical", kind="interior"),
        body=[
            {"type": "paragraph", "value": "<p>Du <b>stage</b> à <a href='/aides/'>l'installation</a>.</p>"},
            {"type": "heading", "value": {"text": "Les étapes", "level": "h2"}},
            {"type": "step", "value": {"title": "Choisir un territoire", "body": "<p>Regardez la carte.</p>"}},
            {"type": "step", "value": {"title": "Trouver un local", "body": "<p>Parcourez les annonces.</p>"}},
            {"type": "heading", "value": {"text": "Questions fréquentes", "level": "h3"}},
            {"type": "question", "value": {"question": "Qui contacter ?", "answer": "<p>Le guichet.</p>"}},
            {"type": "quote", "value": "On m'a aidée à chaque étape."},
            {"type": "image", "value": {"image": facade.pk, "alt_text": "", "decorative": True}},
            {"type": "call_to_action", "value": {"text": "Voir la carte", "page": None, "url": "/carte/"}},
        ],
    )
    partners = PartnersIndexPageFactory(parent=home, slug="partenaires")
    partner = PartnerPageFactory(
        parent=partners,
        title="Ordre des médecins (test)",
        slug="ordre-des-medecins",
        logo=ImageFactory(title="Logo de l'ordre", kind="logo"),
        phone="04 75 00 00 00",
        website="https://example.org/",
        address="1 place de la Mairie, Valmont-sur-Drôme",
        contact_details="<p>Du lundi au vendredi.</p>",
        services=[{"type": "paragraph", "value": "<p>Accueil des nouveaux médecins.</p>"}],
    )

    contributor = ContributorFactory(username="contributrice-axe", password=PASSWORD)
    structure = OrganisationFactory(name="Mairie de Valmont (test)", communes=[a], members=[contributor])
    Listing.objects.filter(pk=office.pk).update(organisation=structure)
    expired = ListingFactory(
        title="Cabinet dont l'annonce a expiré",
        slug="cabinet-expire-roche",
        kind=ListingKind.OFFICE,
        commune=b,
        professions=[data.professions["gp"]],
        status=ListingStatus.EXPIRED,
    )

    followed = CaseFactory(state=CaseState.IN_PROGRESS, referent=ReferentFactory(), next_steps="Visite du cabinet.")
    TimelineEntryFactory(case=followed, kind=EntryKind.MESSAGE_TO_PERSON, text="Bonjour, voici les prochaines étapes.")
    status_path = f"/mon-accompagnement/{make_token(followed)}/"

    valmont = f"{a.name} ({a.insee_code})"
    visits = [
        Visit("home", "/"),
        Visit("map", "/carte/"),
        Visit("map-filtered", "/carte/?" + urlencode({"profession": "medecin-generaliste", "commune": valmont})),
        Visit(
            "map-unknown-commune",
            "/carte/?" + urlencode({"commune": "Commune qui n'existe pas"}),
            shows_error=True,
        ),
        Visit("listing", f"/annonces/{office.slug}/"),
        Visit("communes", "/communes/"),
        Visit("commune", f"/communes/{a.slug}/"),
        Visit("aids", "/aides/"),
        Visit("aid", data.aids["premium"].url),
        Visit("aid-finder", "/aides/trouver/"),
        Visit(
            "aid-finder-answer",
            "/aides/trouver/?"
            + urlencode({"profil": "installe", "profession": "medecin-generaliste", "commune": valmont}),
        ),
        Visit("partners", "/partenaires/"),
        Visit("partner", partner.url),
        Visit("content-page", "/parcours/"),
        Visit("open-data", "/donnees-ouvertes/"),
        # /sitemap.xml is not HTML: nothing for axe.
        Visit("not-found", "/cette-page-n-existe-pas/", status=(404,)),
        # A listing that was public and has expired: 410, its own page (similar listings).
        Visit("expired-listing", f"/annonces/{expired.slug}/", status=(410,)),
        Visit("public-form", "/proposer-une-annonce/"),
        Visit("public-form-errors", "/proposer-une-annonce/", status=(400,), action=submit, shows_error=True),
        Visit("public-form-thanks", "/proposer-une-annonce/merci/"),
        Visit("key-figures", "/chiffres-cles/"),
        Visit("accompaniment-request", "/etre-accompagne/"),
        Visit("accompaniment-errors", "/etre-accompagne/", status=(400,), action=submit, shows_error=True),
        Visit("accompaniment-interest", f"/etre-accompagne/annonce/{office.slug}/"),
        Visit("accompaniment-status", status_path),
        Visit("accompaniment-dead-link", "/mon-accompagnement/lien-invalide/", status=(404,)),
        Visit("login", "/espace-contributeur/connexion/"),
        Visit("login-error", "/espace-contributeur/connexion/", action=fail_login, shows_error=True),
        # Logged in from here on.
        Visit("dashboard", "/espace-contributeur/connexion/", action=log_in),
        Visit("contributor-listing", f"/espace-contributeur/annonces/{office.pk}/"),
        Visit("contributor-form", "/espace-contributeur/annonces/nouvelle/"),
        Visit(
            "contributor-form-errors",
            "/espace-contributeur/annonces/nouvelle/",
            status=(200, 400),
            action=submit,
            shows_error=True,
        ),
        Visit("contributor-edit-form", f"/espace-contributeur/annonces/{office.pk}/modifier/"),
    ]
    return AxeDesk(visits=visits)


def block_scripts(page):
    """Abort every script the page asks for (external and module scripts: the public site
    has no inline script, its CSP forbids them); returns the list of blocked URLs."""
    blocked = []

    def handle(route):
        if route.request.resource_type == "script":
            blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", handle)
    return blocked


MAPS_SETTLED = """() => [...document.querySelectorAll('[data-map]')]
  .every((element) => ['ready', 'error'].includes(element.dataset.state))"""


def settle(page, javascript):
    """Wait for what the page's scripts build (maps), then check it matches the setting.
    Returns a list of problems (a map that failed, a script that ran without JavaScript)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    maps = page.locator("[data-map], [data-location-picker]").count()
    leaflet = ".leaflet-container"
    if not javascript:
        built = page.locator(f"{leaflet}, [data-map][data-state]").count()
        return [f"{built} carte(s) construite(s) alors que les scripts sont bloqués"] if built else []
    if not maps:
        return []
    try:
        page.wait_for_function(MAPS_SETTLED)
        if page.locator("[data-location-picker]").count():
            page.wait_for_selector(f"[data-location-picker] {leaflet}", state="attached")
            page.wait_for_load_state("networkidle")  # the commune outlines behind the picker
    except PlaywrightTimeoutError:
        return ["carte pas prête au bout de 15 s"]
    errors = page.locator("[data-map][data-state='error']").count()
    problems = [f"{errors} carte(s) en erreur (data-state=error)"] if errors else []
    if page.locator(leaflet).count() < maps:
        problems.append("une carte n'a pas été construite")
    page.wait_for_timeout(200)  # markercluster adds its layers in batches
    return problems


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_public_page_has_no_serious_or_critical_axe_violation(
    browser_page, live_server, axe_desk, width, javascript
):
    page = browser_page
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(reduced_motion="reduce")
    blocked = [] if javascript else block_scripts(page)
    variant = f"{width}-{'js' if javascript else 'nojs'}"
    summary = {"viewport": WIDTHS[width], "javascript": javascript, "tags": list(AXE_TAGS), "pages": []}
    failures = []

    try:
        for visit in axe_desk.visits:
            started = time.monotonic()
            response = page.goto(f"{live_server.url}{visit.path}")
            if visit.action:
                response = visit.action(page)
            problems = []
            if response.status not in visit.status:
                problems.append(f"statut HTTP {response.status}, attendu {visit.status}")
            if visit.shows_error and not page.locator(ERROR_SHOWN).count():
                problems.append("aucun message d'erreur affiché")
            problems += settle(page, javascript)
            axe_started = time.monotonic()
            results = axe_run(page)
            axe_seconds = round(time.monotonic() - axe_started, 2)
            summary["axe_version"] = results["version"]
            violations = results["violations"]
            summary["pages"].append(
                {
                    "page": visit.name,
                    "url": page.url.removeprefix(live_server.url),
                    "status": response.status,
                    "counts": count_by_impact(violations),
                    "violations": violations,
                    "problems": problems,
                    "seconds": round(time.monotonic() - started, 2),
                    "axe_seconds": axe_seconds,
                }
            )
            blocking = [rule for rule in violations if rule["impact"] in BLOCKING_IMPACTS]
            if blocking or problems:
                failures.append((visit.name, page.url.removeprefix(live_server.url), blocking, problems))
            if width == "phone" and visit.name in SCREENSHOTS:
                ARTIFACTS.mkdir(exist_ok=True)
                name = visit.name if javascript else f"nojs-{visit.name}"
                page.screenshot(path=str(ARTIFACTS / f"axe-phone-{name}.png"), full_page=True)
    finally:
        summary["blocked_scripts"] = len(blocked)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"axe-{variant}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))

    if not javascript:
        assert blocked, "Aucun script bloqué : la variante sans JavaScript ne teste rien de plus."
    lines = []
    for name, url, blocking, problems in failures:
        lines.append(f"{name} ({url}) :")
        lines += [f"  ! {problem}" for problem in problems]
        lines.append(format_violations(blocking))
    message = "\n".join(line for line in lines if line)
    assert not failures, f"axe-core, {variant}, violations graves ou critiques :\n{message}"
