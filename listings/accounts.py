"""Contributor accounts: a structure's request decided by staff, the members its managers
add or remove, and the e-mails that go with them.

Every new account starts with an unusable password: the person chooses one through
Django's password-reset link (``set_password_url``, the same confirm view as « Mot de passe
oublié »), so no password ever travels by e-mail. Each action leaves a Wagtail log entry
(labels in listings/wagtail_hooks.py) that names accounts by id, never by address.
"""

import logging

from axes.utils import reset as reset_login_attempts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from wagtail.log_actions import log

from core.mail import clean_addresses
from core.ratelimit import client_address

from .desk import absolute_url, desk_settings
from .models import AccountRequest, AccountRequestStatus, Organisation
from .notifications import one_line
from .privacy import ACCOUNT_REQUEST_PURGE_ACTION

logger = logging.getLogger(__name__)

MODERATION_PERMISSION = ("listings", "publish_listing")

SUBMIT_ACTION = "listings.account_request.submit"
ACCEPT_ACTION = "listings.account_request.accept"
REFUSE_ACTION = "listings.account_request.refuse"
PURGE_ACTION = ACCOUNT_REQUEST_PURGE_ACTION  # listings/privacy.py deletes refused requests
ADD_MEMBER_ACTION = "listings.organisation.add_member"
REMOVE_MEMBER_ACTION = "listings.organisation.remove_member"

# E-mail kinds: templates listings/emails/<kind>{_subject.txt,.txt,.html}.
REQUEST_RECEIVED = "account_request_received"
ACCEPTED = "account_accepted"
REFUSED = "account_refused"
MEMBER_ADDED = "member_added"


class AccountError(Exception):
    """An action that cannot be done; the message is French, for the person who tried."""


# --- Links and recipients ------------------------------------------------------------------------


def set_password_url(user):
    """The one-time link where this account chooses its password (Django's reset token:
    it stops working once the password is set, or after PASSWORD_RESET_TIMEOUT)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("contributions:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token}))


def moderator_addresses():
    """Active staff who may publish listings (by permission, whatever their group's name),
    and the desk's contact address."""
    permission = Permission.objects.filter(
        content_type__app_label=MODERATION_PERMISSION[0], codename=MODERATION_PERMISSION[1]
    ).first()
    allowed = Q(is_superuser=True)
    if permission is not None:
        allowed |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    users = get_user_model().objects.filter(allowed, is_active=True).exclude(email="")
    addresses = list(users.order_by("pk").values_list("email", flat=True).distinct())
    return clean_addresses([*addresses, desk_settings().contact_email])


def admin_request_url(account_request):
    viewset = AccountRequest.snippet_viewset
    return absolute_url(reverse(viewset.get_url_name("inspect"), args=[account_request.pk]))


def account_label(user_id):
    """How the audit log names an account: its name while it exists, its id always."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return f"compte n° {user_id}"
    return f"{user.get_full_name() or user.get_username()} (compte n° {user_id})"


# --- Accounts ----------------------------------------------------------------------------------


def find_account(email):
    return get_user_model().objects.filter(email__iexact=(email or "").strip()).first()


def _free_username(email):
    User = get_user_model()
    base = email.strip().lower()[:140]
    username, suffix = base, 1
    while User.objects.filter(username__iexact=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    return username


def get_or_create_account(*, first_name, last_name, email):
    """The account with this address (any case), else a new one that signs in with its
    address and has no password yet. Returns (user, created)."""
    existing = find_account(email)
    if existing is not None:
        if not existing.is_active:
            raise AccountError(
                "Un compte désactivé existe déjà pour cette adresse : l'équipe du guichet doit le réactiver."
            )
        return existing, False
    User = get_user_model()
    user = User(
        username=_free_username(email),
        email=User.objects.normalize_email(email.strip()),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.set_unusable_password()
    user.save()
    return user, True


def lift_lockout(user, request):
    """A new password was just set from the e-mailed link: the login lockout of this
    account from this address (django-axes) no longer protects anything."""
    reset_login_attempts(ip=client_address(request), username=user.get_username())


# --- Requests ----------------------------------------------------------------------------------


def record_request(account_request):
    """A request was just saved from the public form: log it and tell the staff."""
    log(account_request, SUBMIT_ACTION)
    context = {
        "organisation": account_request.organisation_name,
        "kind_label": account_request.get_organisation_kind_display(),
        "admin_url": admin_request_url(account_request),
    }
    schedule_email(REQUEST_RECEIVED, moderator_addresses(), context)


def _lock_pending(account_request):
    locked = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    if not locked.is_pending:
        raise AccountError("Cette demande a déjà été traitée.")
    return locked


@transaction.atomic
def accept_request(account_request, *, organisation=None, by=None):
    """Create the structure (or use ``organisation``), the applicant's account (or their
    existing one), make them its manager and send them the link to choose a password."""
    account_request = _lock_pending(account_request)
    organisation_created = organisation is None
    if organisation is None:
        name = " ".join(account_request.organisation_name.split())
        if Organisation.objects.filter(name__iexact=name).exists():
            raise AccountError(
                f"Une structure s'appelle déjà « {name} » : choisissez-la dans la liste pour y rattacher le compte."
            )
        organisation = Organisation.objects.create(
            name=name, kind=account_request.organisation_kind, phone=account_request.phone
        )
        organisation.communes.set(account_request.communes.all())
    user, account_created = get_or_create_account(
        first_name=account_request.first_name, last_name=account_request.last_name, email=account_request.email
    )
    organisation.members.add(user)
    organisation.managers.add(user)
    account_request.status = AccountRequestStatus.ACCEPTED
    account_request.decided_at = timezone.now()
    account_request.decided_by = by
    account_request.organisation = organisation
    account_request.user = user
    account_request.save()
    log(
        account_request,
        ACCEPT_ACTION,
        user=by,
        data={
            "organisation": organisation.pk,
            "organisation_created": organisation_created,
            "account": user.pk,
            "account_created": account_created,
        },
    )
    context = {"organisation": organisation.name, "username": user.get_username()}
    schedule_email(ACCEPTED, [user.email], context, password_for=user)
    return account_request


@transaction.atomic
def refuse_request(account_request, *, reason, by=None):
    account_request = _lock_pending(account_request)
    account_request.status = AccountRequestStatus.REFUSED
    account_request.refusal_reason = reason.strip()
    account_request.decided_at = timezone.now()
    account_request.decided_by = by
    account_request.save()
    log(account_request, REFUSE_ACTION, user=by)
    context = {"organisation": account_request.organisation_name, "comment": account_request.refusal_reason}
    schedule_email(REFUSED, [account_request.email], context)
    return account_request


# --- Members -----------------------------------------------------------------------------------


def managed_organisations(user):
    return Organisation.objects.filter(managers=user) if user.is_authenticated else Organisation.objects.none()


@transaction.atomic
def add_member(organisation, *, first_name, last_name, email, by):
    """Attach the account with this address to the structure, creating it if it is new.
    Returns (user, created); the person is told by e-mail either way."""
    user, created = get_or_create_account(first_name=first_name, last_name=last_name, email=email)
    if organisation.members.filter(pk=user.pk).exists():
        raise AccountError(f"{user.get_full_name() or user.email} est déjà membre de la structure.")
    organisation.members.add(user)
    log(organisation, ADD_MEMBER_ACTION, user=by, data={"member": user.pk, "account_created": created})
    context = {
        "organisation": organisation.name,
        "username": user.get_username(),
        "added_by": by.get_full_name() or by.get_username(),
    }
    schedule_email(MEMBER_ADDED, [user.email], context, password_for=user)
    return user, created


@transaction.atomic
def remove_member(organisation, member, *, by):
    """Take the account out of the structure (members and managers). Its listings stay the
    structure's; the person loses access with their next request. The last manager stays."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.members.filter(pk=member.pk).exists():
        raise AccountError("Ce compte n'est pas membre de la structure.")
    managers = organisation.managers.all()
    if managers.filter(pk=member.pk).exists() and managers.count() == 1:
        raise AccountError(
            "C'est le dernier responsable de la structure : il ne peut pas être retiré. Demandez à l'équipe "
            "du guichet de désigner un autre responsable."
        )
    organisation.managers.remove(member)
    organisation.members.remove(member)
    log(organisation, REMOVE_MEMBER_ACTION, user=by, data={"member": member.pk})


# --- E-mails -----------------------------------------------------------------------------------


def schedule_email(kind, recipients, context, *, password_for=None):
    """Send after commit. ``password_for``: an account without a password gets the link to
    choose one, made when the e-mail is sent (the token never waits in the task queue)."""
    recipients = clean_addresses(recipients)
    if not recipients:
        logger.warning("E-mail %s : aucun destinataire.", kind)
        return
    user_id = password_for.pk if password_for is not None and not password_for.has_usable_password() else None
    transaction.on_commit(lambda: send_account_email.enqueue(kind, recipients, context, user_id))


@task()
def send_account_email(kind, recipients, context, password_user_id=None):
    """Render and send one message per recipient. Returns the number sent."""
    desk = desk_settings()
    context = {
        **context,
        "desk_name": desk.desk_name,
        "desk_email": desk.contact_email,
        "desk_phone": desk.contact_phone,
        "login_url": absolute_url(reverse("contributions:login")),
        "reset_url": absolute_url(reverse("contributions:password_reset")),
        "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    if password_user_id is not None:
        user = get_user_model().objects.filter(pk=password_user_id, is_active=True).first()
        if user is not None and not user.has_usable_password():
            context["set_password_url"] = set_password_url(user)
    with translation.override(settings.LANGUAGE_CODE):
        return send_rendered(f"listings/emails/{kind}", context, recipients, reply_to=kind != REQUEST_RECEIVED)


def send_rendered(template, context, recipients, *, reply_to=True):
    subject = one_line(render_to_string(f"{template}_subject.txt", context), 180)
    subject = one_line(f"[{context['desk_name']}] {subject}", 200)
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    messages = []
    for address in clean_addresses(recipients):
        message = EmailMultiAlternatives(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [address],
            reply_to=clean_addresses([context["desk_email"]]) if reply_to else [],
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return get_connection().send_messages(messages) or 0
