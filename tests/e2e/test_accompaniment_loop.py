"""The desk's core service in a real browser (Debian's chromium), localhost only: a young
doctor asks to be accompanied from a phone (375 × 812); the request goes to the référent of
the intercommunality she chose; the référent starts the accompaniment, writes a note, refers
her to the CPAM and sends her a message; she reads it through the private link of her
e-mail and adds information; the référent reads it, closes the case as installed, and the
public « Chiffres clés » count one more installation. axe-core finds no serious or critical
violation on the doctor's pages."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accompaniment.factories import AssignmentRuleFactory, CaseFactory, ReferentFactory
from accompaniment.models import Case, CaseState, EntryKind
from aides.models import AidAudience
from home.models import HomePage
from partners.factories import PartnerPageFactory, PartnersIndexPageFactory
from reference.models import Commune, Epci, Profession

from ..frontend.axe import axe_violations, format_violations
from .journeys import PASSWORD, admin_login, shot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
STATUS_LINK = re.compile(r"https?://[^/\s]+(/mon-accompagnement/[^/\s]+/)")


@pytest.fixture
def desk(django_user_model):
    diois = Epci.objects.create(siren="242600443", name="Communauté des communes du Diois")
    die = Commune.objects.create(insee_code="26113", name="Die", slug="die", departement_code="26", epci=diois)
    Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")
    AidAudience.objects.create(code="interne", name="Interne")
    referente = ReferentFactory(username="referente", first_name="Claire", last_name="Moreau", password=PASSWORD)
    AssignmentRuleFactory(referent=referente, epcis=[diois])
    home = HomePage.objects.first()
    PartnerPageFactory(parent=PartnersIndexPageFactory(parent=home), title="CPAM de la Drôme (test)")
    # Five doctors already settled: the public figure is published from 5 on.
    for day in range(1, 6):
        CaseFactory(state=CaseState.INSTALLED, installed_on=datetime.date(2026, 6, day), epci=diois)
    return {"die": die, "referente": referente}


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(chromium, live_server):
    context = chromium.new_context(locale="fr-FR", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page, where):
    violations = axe_violations(page)
    assert violations == [], f"{where} :\n{format_violations(violations)}"


def public_installations(page, base):
    page.goto(f"{base}/chiffres-cles/")
    return page.locator(".key-figures--large li").filter(has_text="installations").locator("strong").inner_text()


def add_timeline_entry(page, kind, text, **fields):
    """« Chronologie »: a new entry of Wagtail's inline panel, filled in."""
    page.get_by_role("button", name=re.compile("Ajouter.*élément de suivi", re.I)).last.click()
    form = page.locator("[id^='inline_child_timeline-']").filter(has_not=page.locator(".w-panel--deleted")).last
    form.get_by_label("Type").select_option(label=kind)
    form.get_by_label("Texte").fill(text)
    for label, value in fields.items():
        form.get_by_label(label).select_option(label=value)


def save_case(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").first.click()
    assert page.locator(".messages .error, .w-field__errors .error-message").count() == 0, page.content()[:3000]


def test_a_doctor_is_accompanied_from_her_request_to_her_installation(
    phone, desktop, live_server, desk, monkeypatch, settings
):
    monkeypatch.setattr("listings.forms.MIN_FILL_SECONDS", 0)  # the robot trap: a test fills forms fast
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    base = live_server.url
    assert public_installations(phone, base) == "5"

    # 1. The doctor asks, from her phone.
    phone.goto(f"{base}/etre-accompagne/")
    assert_accessible(phone, "formulaire « Être accompagné(e) »")
    phone.get_by_label("Prénom").fill("Inès")
    phone.get_by_label(re.compile("^Nom")).fill("Garnier")
    phone.get_by_label(re.compile("^Adresse e-mail")).fill("ines.garnier@example.org")
    phone.get_by_label(re.compile("^Votre situation")).select_option(label="Interne")
    phone.get_by_label(re.compile("^Votre profession")).select_option(label="Médecin généraliste")
    phone.get_by_label(re.compile("^Intercommunalité souhaitée")).select_option(
        label="Communauté des communes du Diois"
    )
    phone.get_by_label("Un logement").check()
    phone.get_by_label("Un local ou un cabinet").check()
    phone.get_by_label(re.compile("^Votre message")).fill("Fin d'internat en mai, installation dans le Diois.")
    phone.locator("input[name=consent]").check()
    with phone.expect_navigation():
        phone.get_by_role("button", name=re.compile("Envoyer")).click()
    assert "/etre-accompagne/merci/" in phone.url
    shot(phone, "accompaniment-1-thanks-phone")
    case = Case.objects.get(email="ines.garnier@example.org")
    assert (case.state, case.referent) == (CaseState.ASSIGNED, desk["referente"])
    [received] = [message for message in mail.outbox if message.to == ["ines.garnier@example.org"]]
    status_path = STATUS_LINK.search(received.body).group(1)

    # 2. The référent finds the case in her list and starts the accompaniment.
    admin_login(desktop, base, "referente")
    desktop.goto(f"{base}/admin/accompagnement/dossiers/")
    row = desktop.locator("tr").filter(has_text="Inès Garnier")
    assert "Claire Moreau" in row.inner_text()
    row.get_by_role("link", name=f"Dossier n° {case.pk}").click()
    assert f"Dossier n° {case.pk} – Inès Garnier" in desktop.locator("h1").inner_text()
    desktop.locator("#id_state").select_option(label="Accompagnement en cours")
    desktop.locator("#id_next_steps").fill("Visite de la maison de santé de Die en avril.")
    desktop.get_by_role("tab", name="Chronologie").click()
    add_timeline_entry(desktop, "Note interne", "Premier appel : cherche un logement à Die pour septembre.")
    add_timeline_entry(
        desktop,
        "Orientation vers un partenaire",
        "Orientée vers la CPAM pour l'aide à l'installation.",
        Partenaire="CPAM de la Drôme (test)",
    )
    add_timeline_entry(desktop, "Message à la personne (envoyé par e-mail)", "Bonjour Inès, je vous appelle jeudi.")
    save_case(desktop)
    shot(desktop, "accompaniment-2-case-saved")
    case.refresh_from_db()
    assert case.state == CaseState.IN_PROGRESS
    kinds = set(case.timeline.values_list("kind", flat=True))
    assert {EntryKind.NOTE, EntryKind.REFERRAL, EntryKind.MESSAGE_TO_PERSON} <= kinds
    assert case.timeline.get(kind=EntryKind.REFERRAL).partner.title == "CPAM de la Drôme (test)"
    assert any("je vous appelle jeudi" in m.body for m in mail.outbox if m.to == ["ines.garnier@example.org"])

    # 3. The doctor follows her case through the link of her e-mail and adds information.
    phone.goto(base + status_path)
    assert phone.get_by_text("Claire Moreau").count() >= 1
    assert phone.get_by_text("Bonjour Inès, je vous appelle jeudi.").is_visible()
    assert phone.get_by_text("Visite de la maison de santé de Die en avril.").is_visible()
    assert_accessible(phone, "page de suivi")
    phone.get_by_label(re.compile("^Votre message")).fill("J'ai trouvé un logement à Die, merci !")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Envoyer au guichet").click()
    assert phone.get_by_text("J'ai trouvé un logement à Die, merci !").is_visible()
    shot(phone, "accompaniment-3-status-phone")

    # 4. The référent reads it in the case's thread and closes the case as installed.
    desktop.goto(f"{base}/admin/accompagnement/dossiers/edit/{case.pk}/")
    desktop.get_by_role("tab", name="Chronologie").click()
    assert desktop.get_by_text("J'ai trouvé un logement à Die, merci !").first.is_visible()
    shot(desktop, "accompaniment-3b-case-thread")
    desktop.get_by_role("tab", name="Suivi").click()
    desktop.locator("#id_state").select_option(label="Installé(e)")
    desktop.locator("#id_installed_on").fill("2026-11-30")
    # Wagtail's date picker stays open under the typed date and, on some days, covers the
    # « Enregistrer » button: close it as a person would, by clicking outside.
    desktop.get_by_role("tab", name="Suivi").click()
    expect(desktop.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    save_case(desktop)
    case.refresh_from_db()
    assert case.state == CaseState.INSTALLED

    # 5. The public figure counts her.
    assert public_installations(phone, base) == "6"
    shot(phone, "accompaniment-4-key-figures-phone")
