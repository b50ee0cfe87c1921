"""A person's data in a case (RGPD, see docs/registre-des-traitements.md).

- ``export_data(case)``: everything the desk holds about the person, for their download
  (right of access), internal notes included;
- ``anonymise(case)``: the person disappears from the case — identity, contact, situation,
  needs and project, free texts, timeline, attachments (files too), interests, links, and
  the listings its audit log named — and what remains is coarse enough for the figures only
  (profession, intercommunality, state, month);
- ``erase_at_request(case)``: the person's erasure request, honoured at once;
- ``anonymise_expired()``: cases ended (installed, closed) or paused for more than
  ``ACCOMPANIMENT_RETENTION_DAYS`` days, for the scheduled command.
Each leaves an audit log entry that says what was done, never whose data it was.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from . import emails
from .introductions import INTRODUCE_ACTION
from .models import Case, CaseState, ClosingReason, Need, PreferredContact, Timing
from .states import record_move

ANONYMISE_ACTION = "accompaniment.anonymise"
ERASE_ACTION = "accompaniment.erase"
EXPORT_ACTION = "accompaniment.export"

# Emptied on anonymisation (the figures need none of them).
CLEARED = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "phone": "",
    "contact_notes": "",
    "training_stage": "",
    "territory_notes": "",
    "needs_details": "",
    "message": "",
    "state_note": "",
    "next_steps": "",
    "available_from": None,
    "consent_at": None,
    # Where the person stood and what they wanted: with a profession and a territory, a few
    # of these single someone out, and no figure reads them.
    "audience": None,
    "timing": Timing.UNKNOWN,
    "preferred_contact": PreferredContact.EMAIL,
}
# Cases whose data is kept no longer than the retention period once in these states.
DORMANT_STATES = (CaseState.INSTALLED, CaseState.CLOSED, CaseState.PAUSED)


def export_data(case):
    """A JSON-ready dict of everything the desk holds about the person."""
    timeline = case.timeline.select_related("partner", "author").order_by("created_at", "pk")
    return {
        "dossier": case.pk,
        "exporte_le": timezone.now().isoformat(),
        "personne": {
            "prenom": case.first_name,
            "nom": case.last_name,
            "email": case.email,
            "telephone": case.phone,
            "contact_prefere": case.get_preferred_contact_display(),
            "quand_vous_joindre": case.contact_notes,
        },
        "situation": {
            "situation": case.audience.name if case.audience_id else "",
            "profession": case.profession.name if case.profession_id else "",
            "etape_du_parcours": case.training_stage,
            "disponible_a_partir_du": case.available_from.isoformat() if case.available_from else None,
        },
        "projet": {
            "intercommunalite": case.epci.name if case.epci_id else "",
            "communes": [commune.name for commune in case.communes.order_by("name")],
            "territoire_precisions": case.territory_notes,
            "modes_d_exercice": list(case.practice_modes or []),
            "echeance": case.get_timing_display(),
            "besoins": [dict(Need.choices).get(code, code) for code in case.needs or []],
            "besoins_precisions": case.needs_details,
            "message": case.message,
        },
        "suivi": {
            "etat": case.get_state_display(),
            "referent": (case.referent.get_full_name() or case.referent.get_username()) if case.referent_id else "",
            "prochaines_etapes": case.next_steps,
            "recu_le": case.created_at.isoformat(),
            "consentement_le": case.consent_at.isoformat() if case.consent_at else None,
            "chronologie": [
                {
                    "date": entry.created_at.isoformat(),
                    "type": entry.get_kind_display(),
                    "texte": entry.text,
                    "partenaire": entry.partner.title if entry.partner_id else "",
                    "suite": entry.get_outcome_display() if entry.outcome else "",
                }
                for entry in timeline
            ],
            "annonces": [
                {
                    "annonce": interest.listing.title,
                    "le": interest.created_at.isoformat(),
                    "coordonnees_transmissibles": interest.share_contact,
                }
                for interest in case.interests.select_related("listing").order_by("created_at")
            ],
            "pieces_jointes": [attachment.title for attachment in case.attachments.all()],
        },
    }


@transaction.atomic
def anonymise(case, *, action=ANONYMISE_ACTION, user=None):
    """Remove the person from ``case`` (see the module's docstring). Idempotent."""
    if case.anonymised_at is not None:
        return False
    for attachment in case.attachments.all():
        attachment.file.delete(save=False)
    case.attachments.all().delete()
    case.timeline.all().delete()
    case.interests.all().delete()
    case.communes.clear()
    case.listings.clear()
    case.aids.clear()
    if case.installed_commune_id and case.installed_commune.epci_id:
        case.epci_id = case.installed_commune.epci_id
    # Month precision only: a day and a place could name someone.
    if case.installed_on:
        case.installed_on = case.installed_on.replace(day=1)
    case.created_at = start_of_month(case.created_at)
    case.state_changed_at = start_of_month(case.state_changed_at)
    for field, value in CLEARED.items():
        setattr(case, field, value)
    case.needs, case.practice_modes = [], []
    case.installed_commune = None
    case.anonymised_at = timezone.now()
    case.link_version += 1  # every link sent stops working
    case.save()
    Revision.objects.filter(base_content_type__app_label="accompaniment", object_id=str(case.pk)).delete()
    forget_listings_in_log(case)
    log(instance=case, action=action, user=user, data={"state": case.state})
    return True


def start_of_month(moment):
    """The first instant of ``moment``'s month, in local time (the figures count by month)."""
    first_day = timezone.localtime(moment).date().replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))


def forget_listings_in_log(case):
    """The audit log keeps what was done to the case, not the listings it was about: a
    listing is a place (a practice, a village) and, with the introduction's date, would point
    at the person the anonymised case was."""
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk))
    for entry in entries.filter(action=INTRODUCE_ACTION):
        entry.data = {key: value for key, value in entry.data.items() if key != "listing"}
        entry.save(update_fields=["data"])
    # Its key is « <listing>:<day> » (interest.ask_confirmation).
    for entry in entries.filter(action=emails.NOTIFY_ACTION, data__kind=emails.INTEREST_CONFIRM):
        entry.data = {**entry.data, "key": ""}
        entry.save(update_fields=["data"])


@transaction.atomic
def erase_at_request(case, *, user=None, key=""):
    """The person asked that their data be erased (through their status link, or by mail or
    phone to the desk: ``user`` acted, ``key`` tells the two confirmations apart). They are
    told first, while the case still has the address (sent once this commits); an open case
    is closed « à la demande de la personne »; then it is anonymised (every link dies)."""
    emails.notify_person(case, emails.ERASED, key=key, user=user)
    if case.is_open:
        old_state = case.state
        case.state, case.closing_reason = CaseState.CLOSED, ClosingReason.AT_REQUEST
        case.save(update_fields=["state", "closing_reason", "updated_at"])
        record_move(case, old_state, user)
    return anonymise(case, action=ERASE_ACTION, user=user)


def expired_cases(now=None):
    """Cases dormant for longer than the retention period, not anonymised yet."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ACCOMPANIMENT_RETENTION_DAYS)
    return Case.objects.filter(anonymised_at__isnull=True, state__in=DORMANT_STATES, state_changed_at__lt=cutoff)


def anonymise_expired(now=None):
    """Anonymise the cases dormant for longer than the retention period. Returns how many."""
    count = 0
    for case in expired_cases(now).select_related("installed_commune").iterator():
        count += int(anonymise(case))
    return count
