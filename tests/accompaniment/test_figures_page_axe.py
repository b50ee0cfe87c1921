"""axe-core on « Chiffres clés » at 375 px and 1366 px, with and without JavaScript: no
serious or critical violation (WCAG 2.1 AA, tests/frontend/axe.py) and no horizontal
scrolling. The page is also in tests/frontend/test_browser_axe.py's list once added there."""

from pathlib import Path

import pytest

from accompaniment.models import CaseState
from tests.frontend.axe import axe_violations, format_violations

from .figures_helpers import make_cases, reference_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_key_figures_page_has_no_serious_axe_violation(browser_page, live_server):
    ref = reference_data()
    make_cases(7, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"], is_demo=True)
    make_cases(6, CaseState.IN_PROGRESS, profession=ref["gp"], epci=ref["valence"])
    make_cases(2, CaseState.ASSIGNED, profession=ref["nurse"])
    page = browser_page
    failures = {}
    scripts = []

    def block(route):
        if route.request.resource_type == "script":
            scripts.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    for javascript in (True, False):
        if not javascript:
            page.route("**/*", block)
        for name, size in WIDTHS.items():
            page.set_viewport_size(size)
            response = page.goto(f"{live_server.url}/chiffres-cles/")
            variant = f"{name}-{'js' if javascript else 'nojs'}"
            problems = [f"statut {response.status}"] if response.status != 200 else []
            if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"):
                problems.append("défilement horizontal")
            if violations := axe_violations(page):
                problems.append(format_violations(violations))
            if name == "phone" and javascript:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "axe-phone-key-figures.png"), full_page=True)
            if problems:
                failures[variant] = problems
    assert not failures, "\n".join(f"{variant} :\n  " + "\n  ".join(p) for variant, p in failures.items())
