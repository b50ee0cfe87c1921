"""The case's edit form and actions in the admin: state moves checked in French on the
right field, a new référent told once, messages to the person sent once, the timeline's
events out of reach, attachments checked, the header's actions, « Mettre en relation » —
and an audit log that names no one."""

import datetime
import os

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import ModelLogEntry

from accompaniment.admin_forms import MAX_ATTACHMENT_BYTES
from accompaniment.factories import (
    AssignmentRuleFactory,
    CaseFactory,
    InterestFactory,
    ReferentFactory,
    TimelineEntryFactory,
)
from accompaniment.models import Case, CaseAttachment, CaseState, EntryKind, Interest, TimelineEntry
from accompaniment.viewsets import CaseViewSet
from aides.factories import AidAudienceFactory, AidPageFactory
from listings.factories import ContributorFactory, ListingContactFactory, ListingFactory, OrganisationFactory
from reference.factories import CommuneFactory, EpciFactory

from .admin_fixtures import *  # noqa: F403 - fixtures
from .admin_helpers import (
    PERSON,
    SECRETS,
    edit_data,
    edit_url,
    leaks,
    management,
    timeline_form,
)

pytestmark = pytest.mark.django_db

BASE = "/admin/accompagnement/dossiers"


@pytest.fixture
def logged_in(client, charge):
    client.force_login(charge)
    return client


def post(client, case, data, capture):
    with capture(execute=True):
        return client.post(edit_url(case), data)


def errors_of(response):
    form = response.context["form"]
    return {field: " ".join(messages) for field, messages in form.errors.items()}


def everything_in(message):
    return message.subject + message.body + "".join(str(content) for content, _ in message.alternatives)


# --- State moves -------------------------------------------------------------------------------


def test_a_new_case_cannot_jump_to_installed(logged_in, charge, django_capture_on_commit_callbacks):
    case = CaseFactory(referent=charge, state=CaseState.NEW)
    response = post(
        logged_in,
        case,
        edit_data(case, state=CaseState.INSTALLED, installed_on="2027-01-04"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert "ne peut pas passer directement à « Installé(e) »" in errors_of(response)["state"]
    assert Case.objects.get(pk=case.pk).state == CaseState.NEW


def test_closing_needs_a_reason_and_a_note(logged_in, case, django_capture_on_commit_callbacks):
    response = post(logged_in, case, edit_data(case, state=CaseState.CLOSED), django_capture_on_commit_callbacks)
    errors = errors_of(response)
    assert "Choisissez le motif de clôture" in errors["closing_reason"]
    assert "Indiquez le motif" in errors["state_note"]
    assert Case.objects.get(pk=case.pk).state == CaseState.ASSIGNED
    response = post(
        logged_in,
        case,
        edit_data(case, state=CaseState.CLOSED, closing_reason="no_answer", state_note="Trois relances."),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    event = case.timeline.get(kind=EntryKind.EVENT)
    assert event.text == "État : Attribuée à un référent → Close (Sans nouvelles de la personne)"


# --- Référent ----------------------------------------------------------------------------------


def test_choosing_a_référent_assigns_the_case_and_tells_both_once(
    logged_in, charge, other_charge, settings, django_capture_on_commit_callbacks
):
    case = CaseFactory(referent=None, state=CaseState.NEW, **PERSON)
    data = edit_data(case, referent=str(other_charge.pk))
    assert post(logged_in, case, data, django_capture_on_commit_callbacks).status_code == 302
    case.refresh_from_db()
    assert (case.referent, case.state) == (other_charge, CaseState.ASSIGNED)
    to_person = [m for m in mail.outbox if m.to == [PERSON["email"]]]
    to_desk = [m for m in mail.outbox if m.to == [other_charge.email]]
    assert len(to_person) == 1 and "Collègue" in to_person[0].body
    assert to_person[0].reply_to == [other_charge.email]
    assert "/mon-accompagnement/" in to_person[0].body and "/mon-accompagnement/nouveau-lien/" in to_person[0].body
    assert f"Il fonctionne {settings.ACCOMPANIMENT_LINK_DAYS} jours" in to_person[0].body
    assert len(to_desk) == 1 and f"n° {case.pk}" in to_desk[0].subject
    assert not any(secret.lower() in everything_in(to_desk[0]).lower() for secret in SECRETS)
    # Saved again: nothing more is sent.
    post(logged_in, case, edit_data(case), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    actions = list(ModelLogEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    assert "accompaniment.reassign" in actions and "accompaniment.state" in actions and "wagtail.edit" in actions


def test_only_référents_may_be_chosen(logged_in, case, django_capture_on_commit_callbacks):
    outsider = ContributorFactory()
    response = post(logged_in, case, edit_data(case, referent=str(outsider.pk)), django_capture_on_commit_callbacks)
    assert "referent" in errors_of(response)


# --- Timeline ----------------------------------------------------------------------------------


def test_a_message_to_the_person_is_sent_once_even_if_the_case_is_saved_twice(
    logged_in, case, charge, django_capture_on_commit_callbacks
):
    data = edit_data(case, **management("timeline", total=1))
    data.update(timeline_form(0, kind=EntryKind.MESSAGE_TO_PERSON, text="Bonjour, rendez-vous jeudi à 10 h ?"))
    assert post(logged_in, case, data, django_capture_on_commit_callbacks).status_code == 302
    entry = case.timeline.get(kind=EntryKind.MESSAGE_TO_PERSON)
    assert entry.sent_at is not None and entry.author == charge
    messages = [m for m in mail.outbox if m.to == [PERSON["email"]]]
    assert len(messages) == 1 and "rendez-vous jeudi" in messages[0].body
    # The sent message is no longer a sub-form; saving again (even posting its id) sends nothing.
    page = logged_in.get(edit_url(case))
    assert page.context["form"].formsets["timeline"].initial_form_count() == 0
    post(logged_in, case, edit_data(case), django_capture_on_commit_callbacks)
    forged = edit_data(case, **management("timeline", total=1, initial=1))
    forged.update(timeline_form(0, kind=EntryKind.MESSAGE_TO_PERSON, text="Modifié", entry_id=entry.pk))
    assert post(logged_in, case, forged, django_capture_on_commit_callbacks).status_code == 302
    # A forged id is not an entry of the form: the sent message is untouched and never sent
    # again; what was posted became a message of its own.
    entry.refresh_from_db()
    assert entry.text == "Bonjour, rendez-vous jeudi à 10 h ?"
    bodies = [m.body for m in mail.outbox if m.to == [PERSON["email"]]]
    assert len(bodies) == 2 and sum("rendez-vous jeudi" in body for body in bodies) == 1


def test_events_are_kept_out_of_the_sub_forms_and_survive_a_save(logged_in, case, django_capture_on_commit_callbacks):
    event = TimelineEntryFactory(case=case, kind=EntryKind.EVENT, text="État : Nouvelle demande → Attribuée")
    note = TimelineEntryFactory(case=case, kind=EntryKind.NOTE, text="Appel de premier contact.")
    page = logged_in.get(edit_url(case))
    formset = page.context["form"].formsets["timeline"]
    assert [form.instance for form in formset.forms] == [note]
    assert "État : Nouvelle demande → Attribuée" in page.content.decode()  # shown in « Fil du dossier »
    # The note deleted, a task added: the event stays.
    data = edit_data(case, **management("timeline", total=2, initial=1))
    data.update(timeline_form(0, entry_id=note.pk, text=note.text, DELETE="on"))
    data.update(timeline_form(1, kind=EntryKind.TASK, text="Rappeler", due_on="2030-05-02"))
    assert post(logged_in, case, data, django_capture_on_commit_callbacks).status_code == 302
    kinds = sorted(case.timeline.values_list("kind", flat=True))
    assert kinds == sorted([EntryKind.EVENT, EntryKind.TASK])
    assert TimelineEntry.objects.filter(pk=event.pk).exists()


def test_a_task_needs_a_due_date_and_events_cannot_be_written(logged_in, case, django_capture_on_commit_callbacks):
    data = edit_data(case, **management("timeline", total=2))
    data.update(timeline_form(0, kind=EntryKind.TASK, text="Rappeler"))
    data.update(timeline_form(1, kind=EntryKind.EVENT, text="Faux événement"))
    response = post(logged_in, case, data, django_capture_on_commit_callbacks)
    forms = response.context["form"].formsets["timeline"].forms
    assert "Indiquez l'échéance" in " ".join(forms[0].errors["due_on"])
    assert "kind" in forms[1].errors
    assert not case.timeline.exists()


# --- Attachments -------------------------------------------------------------------------------


def attachment_data(case, upload, title="Pièce"):
    data = edit_data(case, **management("attachments", total=1))
    data.update({"attachments-0-id": "", "attachments-0-title": title, "attachments-0-file": upload})
    data.update({"attachments-0-ORDER": "1", "attachments-0-DELETE": ""})
    return data


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Ce type de fichier n'est pas accepté"),
        ("faux.pdf", b"<html><script>alert(1)</script>", "ne correspond pas à un fichier « .pdf »"),
        ("enorme.pdf", b"%PDF-1.4" + b"0" * MAX_ATTACHMENT_BYTES, "dépasse 10 Mo"),
    ],
)
def test_attachments_are_checked(logged_in, case, name, content, message, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile(name, content)
    response = post(logged_in, case, attachment_data(case, upload), django_capture_on_commit_callbacks)
    assert response.status_code == 200
    errors = response.context["form"].formsets["attachments"].forms[0].errors
    assert message in " ".join(errors["file"])
    assert not CaseAttachment.objects.exists()


def test_an_attachment_is_kept_privately_and_its_file_goes_with_it(
    logged_in, case, settings, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("releve.pdf", b"%PDF-1.4 contenu")
    assert post(logged_in, case, attachment_data(case, upload), django_capture_on_commit_callbacks).status_code == 302
    attachment = CaseAttachment.objects.get()
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT)) and "releve" not in path
    page = logged_in.get(edit_url(case)).content.decode()
    assert f"{BASE}/{case.pk}/pieces-jointes/{attachment.pk}/" in page
    data = edit_data(case, **management("attachments", total=1, initial=1))
    data.update({"attachments-0-id": str(attachment.pk), "attachments-0-title": "Pièce", "attachments-0-DELETE": "1"})
    data.update({"attachments-0-ORDER": "1"})
    assert post(logged_in, case, data, django_capture_on_commit_callbacks).status_code == 302
    assert not CaseAttachment.objects.exists()
    assert not os.path.exists(path)


# --- Actions -----------------------------------------------------------------------------------


def test_revoke_and_new_link(logged_in, case, django_capture_on_commit_callbacks):
    version = case.link_version
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"{BASE}/{case.pk}/revoquer-le-lien/")
    case.refresh_from_db()
    assert case.link_version == version + 1 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"{BASE}/{case.pk}/nouveau-lien/")
    case.refresh_from_db()
    assert case.link_version == version + 2
    assert [m.to for m in mail.outbox] == [[PERSON["email"]]]
    assert ModelLogEntry.objects.filter(object_id=str(case.pk), action="accompaniment.revoke_link").count() == 2


def test_erasing_the_person_closes_and_anonymises_the_case(logged_in, case, django_capture_on_commit_callbacks):
    TimelineEntryFactory(case=case, text="Zéphyrin rappellera lundi.")
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(f"{BASE}/{case.pk}/effacer/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.anonymised_at and case.state == CaseState.CLOSED and case.closing_reason == "at_request"
    assert case.first_name == "" and not case.timeline.exists()
    # Its page now says it serves the figures only, and the history names nobody.
    assert logged_in.get(edit_url(case)).status_code == 302
    history = logged_in.get(f"{BASE}/history/{case.pk}/")
    assert "effacées à sa demande" in history.content.decode()
    assert not leaks(history)


def test_assign_by_rules_after_a_référent_left(logged_in, manager, django_capture_on_commit_callbacks):
    departed = ReferentFactory(is_active=False)
    successor = ReferentFactory()
    AssignmentRuleFactory(referent=successor, is_default=True)
    case = CaseFactory(referent=departed, state=CaseState.IN_PROGRESS, **PERSON)
    logged_in.force_login(manager)
    page = logged_in.get(f"{BASE}/{case.pk}/attribuer/")
    assert successor.get_full_name() in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"{BASE}/{case.pk}/attribuer/")
    case.refresh_from_db()
    assert case.referent == successor and case.state == CaseState.IN_PROGRESS
    assert {tuple(m.to) for m in mail.outbox} == {(PERSON["email"],), (successor.email,)}
    entry = ModelLogEntry.objects.get(object_id=str(case.pk), action="accompaniment.reassign")
    assert entry.data == {"from": departed.pk, "to": successor.pk, "by_rules": True, "desk": case.site_id}


# --- Introductions -----------------------------------------------------------------------------


@pytest.fixture
def structure():
    member = ContributorFactory(email="secretariat@msp.example")
    organisation = OrganisationFactory(name="MSP du Vercors", members=[member])
    listing = ListingFactory(organisation=organisation, title="Cabinet à Die")
    return listing


@pytest.mark.parametrize("share_contact", [True, False])
@pytest.mark.parametrize("contact_public", [True, False])
def test_mettre_en_relation(
    logged_in, case, charge, structure, share_contact, contact_public, django_capture_on_commit_callbacks
):
    ListingContactFactory(
        listing=structure, name="Dr Hélène Vercors", email="helene@msp.example", consent_to_publish=contact_public
    )
    interest = InterestFactory(case=case, listing=structure, share_contact=share_contact, message="Dispo en mai.")
    url = f"{BASE}/{case.pk}/interets/{interest.pk}/mise-en-relation/"
    assert "Mettre en relation" in logged_in.get(edit_url(case)).content.decode()
    assert logged_in.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert logged_in.post(url).status_code == 302
    to_structure = [m for m in mail.outbox if m.to == ["secretariat@msp.example"]]
    to_person = [m for m in mail.outbox if m.to == [PERSON["email"]]]
    assert len(to_structure) == 1 and len(to_person) == 1
    structure_text, person_text = everything_in(to_structure[0]), everything_in(to_person[0])
    assert to_structure[0].reply_to == [charge.email]
    assert ("Zéphyrin" in structure_text) is share_contact
    assert (PERSON["email"] in structure_text) is share_contact
    assert ("Dispo en mai." in structure_text) is share_contact
    assert ("helene@msp.example" in person_text) is contact_public
    assert ("relaie les échanges" in person_text) is not contact_public
    interest.refresh_from_db()
    assert interest.introduced_at is not None and interest.introduced_by == charge
    assert case.timeline.filter(kind=EntryKind.EVENT, text__contains="Cabinet à Die").exists()
    entry = ModelLogEntry.objects.get(object_id=str(case.pk), action="accompaniment.introduce")
    assert entry.data["contact_shared"] is share_contact
    # Once only.
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(url)
    assert len(mail.outbox) == 2
    assert Interest.objects.get(pk=interest.pk).introduced_at == interest.introduced_at


def test_an_introduction_without_any_address_for_the_structure_is_refused(
    logged_in, case, django_capture_on_commit_callbacks
):
    listing = ListingFactory(organisation=None)
    interest = InterestFactory(case=case, listing=listing)
    page = logged_in.get(f"{BASE}/{case.pk}/interets/{interest.pk}/mise-en-relation/").content.decode()
    assert "Aucune adresse e-mail" in page and 'type="submit"' not in page.split("Aucune adresse e-mail")[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(f"{BASE}/{case.pk}/interets/{interest.pk}/mise-en-relation/", follow=True)
    assert "Aucune adresse e-mail" in response.content.decode()
    assert not mail.outbox and Interest.objects.get(pk=interest.pk).introduced_at is None


# --- Audit log ---------------------------------------------------------------------------------


def test_the_audit_log_is_in_french_and_names_nobody(logged_in, charge, django_capture_on_commit_callbacks):
    data = edit_data(CaseFactory(referent=charge), **PERSON)
    data.pop("referent")
    data.update(state=CaseState.NEW, referent="", source="staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(f"{BASE}/new/", data)
    assert response.status_code == 302
    case = Case.objects.get(last_name=PERSON["last_name"])
    data = edit_data(case, referent=str(charge.pk), **management("timeline", total=1))
    data.update(timeline_form(0, kind=EntryKind.MESSAGE_TO_PERSON, text="Bienvenue Apolline Zéphyrin"))
    post(logged_in, case, data, django_capture_on_commit_callbacks)
    entries = ModelLogEntry.objects.filter(object_id=str(case.pk))
    assert {entry.label for entry in entries} == {f"Dossier n° {case.pk}"}
    assert {"wagtail.create", "wagtail.edit", "accompaniment.notify"} <= set(entries.values_list("action", flat=True))
    for entry in entries:
        stored = str(entry.data) + entry.label
        assert not any(secret.lower() in stored.lower() for secret in SECRETS), entry.action
    history = logged_in.get(f"{BASE}/history/{case.pk}/").content.decode()
    assert "E-mail envoyé : message du référent (personne), 1 destinataire(s)" in history
    assert "Dossier attribué au compte n°" in history
    assert not any(secret.lower() in history.lower() for secret in SECRETS)


def test_the_list_filters_my_due_tasks(logged_in, charge):
    late = CaseFactory(referent=charge, last_name="Enretard")
    TimelineEntryFactory(case=late, kind=EntryKind.TASK, due_on=datetime.date(2020, 1, 1))
    later = CaseFactory(referent=charge, last_name="Plustard")
    TimelineEntryFactory(case=later, kind=EntryKind.TASK, due_on=datetime.date(2099, 1, 1))
    page = logged_in.get(f"{BASE}/", {"tasks": "due"}).content.decode()
    assert "Enretard" in page and "Plustard" not in page
    page = logged_in.get(f"{BASE}/").content.decode()
    assert "01/01/2020 (échue)" in page and "01/01/2099" in page
    assert "Enretard" in logged_in.get(f"{BASE}/", {"q": str(late.pk)}).content.decode()


# --- Aids for this profile ---------------------------------------------------------------------


def test_the_aids_this_profile_may_claim_are_listed_with_a_label_that_ticks_them(logged_in, case):
    audience = AidAudienceFactory(name="Interne")
    for_interns = AidPageFactory(title="Bourse des internes", audiences=[audience])
    AidPageFactory(title="Aide aux installés", audiences=[AidAudienceFactory(name="Installé(e)")])
    Case.objects.filter(pk=case.pk).update(audience=audience)
    page = logged_in.get(edit_url(case))
    panel = page.content.decode()
    # Suggested (in bold), or only offered among every aid's checkboxes.
    assert "<strong>Bourse des internes</strong>" in panel
    assert "<strong>Aide aux installés</strong>" not in panel and "Aide aux installés" in panel
    box = next(option for option in page.context["form"]["aids"] if option.data["value"] == for_interns.pk)
    assert f'<label for="{box.id_for_label}"' in panel


@pytest.mark.django_db(transaction=True)
def test_cocher_ticks_the_aid_in_a_browser(browser_page, live_server, settings, charge):
    aid = AidPageFactory(title="Aide à l'installation du Département")
    case = CaseFactory(referent=charge, state=CaseState.ASSIGNED)
    client = Client()
    client.force_login(charge)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}
    browser_page.context.add_cookies([{**cookie, "url": live_server.url}])
    browser_page.goto(live_server.url + edit_url(case))
    browser_page.get_by_role("tab", name="Liens").click()
    browser_page.locator("label", has_text="Cocher").click()
    assert browser_page.is_checked(f"input[name=aids][value='{aid.pk}']")


def test_only_a_responsable_deletes_a_case_and_its_files_go_with_it(
    logged_in, case, manager, django_capture_on_commit_callbacks
):
    attachment = CaseAttachment(case=case, title="Pièce")
    attachment.file.save("piece.pdf", SimpleUploadedFile("piece.pdf", b"%PDF-1.4"), save=False)
    attachment.save()
    path = attachment.file.path
    assert logged_in.post(f"{BASE}/delete/{case.pk}/").status_code == 302
    assert Case.objects.filter(pk=case.pk).exists()  # a chargé may not delete
    logged_in.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        assert logged_in.post(f"{BASE}/delete/{case.pk}/").status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists() and not os.path.exists(path)
    entry = ModelLogEntry.objects.get(object_id=str(case.pk), action="wagtail.delete")
    assert entry.label == f"Dossier n° {case.pk}"


# --- Linked listings ----------------------------------------------------------------------------


def test_the_listings_to_link_are_those_of_the_cases_territory(case):
    """Not one checkbox per listing of the département: the case's intercommunality and
    communes, the listings the person asked about, those already linked."""
    diois, valence = EpciFactory(name="CC du Diois"), EpciFactory(name="Valence Romans Agglo")
    die = CommuneFactory(name="Die", epci=diois)
    here = ListingFactory(title="Cabinet à Die", commune=die)
    elsewhere = ListingFactory(title="Cabinet à Valence", commune=CommuneFactory(name="Valence", epci=valence))
    asked = ListingFactory(title="Cabinet à Romans", commune=CommuneFactory(name="Romans", epci=valence))
    InterestFactory(case=case, listing=asked)

    def offered():
        form_class = CaseViewSet().get_edit_handler().get_form_class()
        return set(form_class(instance=Case.objects.get(pk=case.pk)).fields["listings"].queryset)

    assert offered() == {here, elsewhere, asked}  # no territory yet: every public listing
    Case.objects.filter(pk=case.pk).update(epci=diois)
    assert offered() == {here, asked}
