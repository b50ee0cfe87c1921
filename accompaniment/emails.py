"""The e-mails of the accompaniment, sent through django-tasks.

``notify(case, kind, recipients, key=…)`` records the e-mail in Wagtail's audit log
(« accompaniment.notify »: its kind, its key and how many recipients, never an address) and
queues it once the transaction commits. The same kind with the same key is never sent twice
for a case, whichever code path asks. Templates are
``accompaniment/emails/<kind>_subject.txt``, ``.txt`` and ``.html``; every e-mail to the
person carries a fresh status link.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.mail import clean_addresses, send_rendered
from listings.desk import admin_url as admin_link
from listings.desk import desk_settings, public_url

from .assignment import referents
from .links import status_url
from .models import Case

logger = logging.getLogger(__name__)

NOTIFY_ACTION = "accompaniment.notify"
# The admin's edit view of a case (accompaniment/viewsets.py).
CASE_EDIT_URL_NAME = "accompaniment_cases:edit"
# Where a person whose link expired asks for a new one (accompaniment/urls.py).
NEW_LINK_URL_NAME = "accompaniment:new_link"

# To the person.
RECEIVED = "received"  # their request arrived: the status link
ASSIGNED = "assigned"  # their référent's name
MESSAGE = "message"  # a message from their référent (key: the timeline entry)
NEW_LINK = "new_link"  # they asked for a new status link
INTEREST_CONFIRM = "interest_confirm"  # confirm an interest sent with their address
INTRODUCTION = "introduction"  # the desk put them in touch with a listing's structure
ERASED = "erased"  # their data was erased
# To the desk.
NEW_CASE = "new_case"  # a new request (référent, else every chargé d'accompagnement)
CASE_ASSIGNED = "case_assigned"  # a case was given to this référent
PERSON_MESSAGE = "person_message"  # the person added information (key: the timeline entry)
INTEREST = "interest"  # the person is interested in a listing (key: the interest)
REMINDER = "reminder"  # a task is due (key: the timeline entry)
# To a listing's structure.
STRUCTURE_INTRODUCTION = "structure_introduction"

KIND_LABELS = {
    RECEIVED: "accusé de réception (personne)",
    ASSIGNED: "référent attribué (personne)",
    MESSAGE: "message du référent (personne)",
    NEW_LINK: "nouveau lien de suivi (personne)",
    INTEREST_CONFIRM: "confirmation d'intérêt pour une annonce (personne)",
    INTRODUCTION: "mise en relation (personne)",
    ERASED: "confirmation d'effacement (personne)",
    NEW_CASE: "nouvelle demande (guichet)",
    CASE_ASSIGNED: "dossier attribué (référent)",
    PERSON_MESSAGE: "message de la personne (référent)",
    INTEREST: "intérêt pour une annonce (référent)",
    REMINDER: "rappel de tâche (référent)",
    STRUCTURE_INTRODUCTION: "mise en relation (structure de l'annonce)",
}
TO_PERSON = {RECEIVED, ASSIGNED, MESSAGE, NEW_LINK, INTEREST_CONFIRM, INTRODUCTION, ERASED}


def desk_addresses(case):
    """Who at the desk hears about a case: its référent, else every chargé d'accompagnement."""
    if case.referent_id and case.referent.is_active and case.referent.email:
        return clean_addresses([case.referent.email])
    return clean_addresses(referents(case.site_id).values_list("email", flat=True))


def already_sent(case, kind, key):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_id=str(case.pk),
        action=NOTIFY_ACTION,
        data__kind=kind,
        data__key=str(key),
    ).exists()


def notify(case, kind, recipients, *, key="", extra=None, user=None):
    """Queue ``kind`` for ``recipients`` once per (case, kind, key). Returns True if queued."""
    recipients = clean_addresses(recipients)
    if not recipients or already_sent(case, kind, key):
        return False
    log(
        instance=case,
        action=NOTIFY_ACTION,
        user=user,
        data={"kind": kind, "label": KIND_LABELS[kind], "key": str(key), "recipients": len(recipients)},
    )
    transaction.on_commit(lambda: send_case_email.enqueue(kind, case.pk, recipients, extra or {}))
    return True


def notify_person(case, kind, *, key="", extra=None, user=None):
    return notify(case, kind, [case.email], key=key, extra=extra, user=user)


def notify_desk(case, kind, *, key="", extra=None, user=None):
    return notify(case, kind, desk_addresses(case), key=key, extra=extra, user=user)


def admin_url(case):
    return admin_link(reverse(CASE_EDIT_URL_NAME, args=[case.pk]))


def build_context(kind, case, extra):
    """What every case e-mail says, in the name of the case's desk, with its public links."""
    desk = desk_settings(case.site)
    referent = case.referent if case.referent_id else None
    context = {
        "kind": kind,
        "case": case,
        "case_number": case.pk,
        "first_name": case.first_name,
        "referent_name": (referent.get_full_name() or referent.get_username()) if referent else "",
        "desk_name": desk.desk_name,
        "desk_email": desk.contact_email,
        "desk_phone": desk.contact_phone,
        "now": timezone.now(),
        **extra,
    }
    if kind in TO_PERSON and case.anonymised_at is None:
        # Every e-mail to the person carries a fresh link, how long it works, where to get another.
        context["status_url"] = status_url(case)
        context["link_days"] = settings.ACCOMPANIMENT_LINK_DAYS
        context["new_link_url"] = public_url(reverse(NEW_LINK_URL_NAME), case.site)
    if kind not in TO_PERSON and kind != STRUCTURE_INTRODUCTION:
        context["admin_url"] = admin_url(case)
    return context


@task()
def send_case_email(kind, case_id, recipients, extra):
    """Render and send one e-mail, one message per recipient. Returns the number sent."""
    case = Case.objects.select_related("referent", "site").filter(pk=case_id).first()
    if case is None:
        return 0
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = build_context(kind, case, extra or {})
            # The person and a listing's structure answer the référent (else the desk).
            answered = kind in TO_PERSON or kind == STRUCTURE_INTRODUCTION
            reply_to = [context["desk_email"]] if answered else []
            if answered and context["referent_name"] and case.referent.email:
                reply_to = [case.referent.email]
            return send_rendered(
                f"accompaniment/emails/{kind}",
                context,
                recipients,
                subject_prefix=context["desk_name"],
                reply_to=reply_to,
            )
    except Exception:
        logger.exception("Sending accompaniment e-mail %s for case %s failed", kind, case_id)
        raise
