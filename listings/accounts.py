"""Contributor accounts: a structure's request decided by staff, the members its managers
add or remove, and the e-mails that go with them.

Every new account starts with an unusable password: the person chooses one through
Django's password-reset link (``set_password_url``, the same confirm view as « Mot de passe
oublié »), so no password ever travels by e-mail. Each action leaves a Wagtail log entry
(labels in listings/wagtail_hooks.py) that names accounts by id, never by name or address.

A manager never attaches an existing account: its owner gets an invitation and joins by
following the signed link while signed in as that account. Staff accounts are never
invited, and the manager's answer never says whether an address has an account.
"""

import logging
import time
from datetime import UTC, datetime

from axes.utils import reset as reset_login_attempts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.mail import clean_addresses, send_rendered
from core.ratelimit import client_address
from users.roles import staff_users

from .desk import admin_url, desk_settings, public_url, site_of
from .models import AccountRequest, AccountRequestStatus, Organisation
from .moderation_access import moderator_addresses
from .privacy import ACCOUNT_REQUEST_PURGE_ACTION, ACCOUNT_REQUEST_SCRUB_ACTION

logger = logging.getLogger(__name__)


SUBMIT_ACTION = "listings.account_request.submit"
ACCEPT_ACTION = "listings.account_request.accept"
REFUSE_ACTION = "listings.account_request.refuse"
PURGE_ACTION = ACCOUNT_REQUEST_PURGE_ACTION  # listings/privacy.py deletes refused requests
SCRUB_ACTION = ACCOUNT_REQUEST_SCRUB_ACTION  # … and blanks the accepted ones' contact details
ADD_MEMBER_ACTION = "listings.organisation.add_member"
INVITE_MEMBER_ACTION = "listings.organisation.invite_member"
REMOVE_MEMBER_ACTION = "listings.organisation.remove_member"

# E-mail kinds: templates listings/emails/<kind>{_subject.txt,.txt,.html}.
REQUEST_RECEIVED = "account_request_received"
ACCEPTED = "account_accepted"
REFUSED = "account_refused"
MEMBER_ADDED = "member_added"
MEMBER_INVITED = "member_invited"
PASSWORD_RESET = "password_reset"  # noqa: S105 (a template name)

# What add_member did; the manager's message depends on nothing else.
CREATED = "created"
INVITED = "invited"

INVITATION_SALT = "listings.accounts.invitation"
INVITATION_DAYS = 14
ASK_AGAIN = "Demandez au responsable de la structure de vous ajouter à nouveau."


class AccountError(Exception):
    """An action that cannot be done; the message is French, for the person who tried."""


# --- Links, recipients and labels --------------------------------------------------------------


def set_password_url(user, site=None):
    """The one-time link where this account chooses its password (Django's reset token:
    it stops working once the password is set, or after PASSWORD_RESET_TIMEOUT), on
    ``site``'s desk (the default desk when None)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("contributions:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    return public_url(path, site)


def admin_request_url(account_request):
    viewset = AccountRequest.snippet_viewset
    return admin_url(reverse(viewset.get_url_name("inspect"), args=[account_request.pk]))


def account_desk_id(user_id, site=None):
    """The desk whose name an e-mail to this contributor account carries: ``site`` (where it
    asked) when the account belongs to a structure of that desk, else the desk of its first
    structure, else ``site``; None is the default desk."""
    desks = list(Organisation.objects.filter(members=user_id).order_by("pk").values_list("site_id", flat=True))
    if site is not None and (site.pk in desks or not desks):
        return site.pk
    return desks[0] if desks else None


def account_label(user_id):
    """How the audit log names an account: by the id its entry stores (no query when the
    history is read, nothing personal in the log, which outlives the account)."""
    return f"compte n° {user_id}"


def display_name(user):
    """As the members page shows an account."""
    return user.get_full_name() or user.get_username()


# --- Accounts ----------------------------------------------------------------------------------


def accounts_with_address(email):
    return get_user_model().objects.filter(email__iexact=(email or "").strip())


def find_account(email):
    """The contributor account with this address: never a staff one; when several share
    it, the active one first, then the oldest."""
    accounts = accounts_with_address(email).exclude(pk__in=staff_users().values("pk"))
    return accounts.order_by("-is_active", "pk").first()


def is_staff_address(email):
    return accounts_with_address(email).filter(pk__in=staff_users().values("pk")).exists()


def _free_username(email):
    User = get_user_model()
    base = email.strip().lower()[:140]
    username, suffix = base, 1
    while User.objects.filter(username__iexact=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    return username


def create_account(*, first_name, last_name, email):
    """A new account that signs in with its address and has no password yet."""
    User = get_user_model()
    user = User(
        username=_free_username(email),
        email=User.objects.normalize_email(email.strip()),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.set_unusable_password()
    user.save()
    return user


def get_or_create_account(*, first_name, last_name, email):
    """For staff accepting a request: the contributor account with this address (any case),
    else a new one. Returns (user, created)."""
    if is_staff_address(email):
        raise AccountError(
            "Cette adresse est celle d'un compte de l'équipe du guichet : un compte contributeur ne peut pas "
            "l'utiliser. Corrigez l'adresse de la demande."
        )
    existing = find_account(email)
    if existing is not None:
        if not existing.is_active:
            raise AccountError(
                "Un compte désactivé existe déjà pour cette adresse : l'équipe du guichet doit le réactiver."
            )
        return existing, False
    return create_account(first_name=first_name, last_name=last_name, email=email), True


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
    schedule_email(REQUEST_RECEIVED, moderator_addresses(site=account_request.site), context, site=account_request.site)


def _lock_pending(account_request):
    locked = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    if not locked.is_pending:
        raise AccountError("Cette demande a déjà été traitée.")
    return locked


def _create_organisation(account_request):
    """The requested structure; its name is unique whatever the case (a constraint, so two
    staff accepting at once cannot both create it)."""
    name = " ".join(account_request.organisation_name.split())
    taken = AccountError(
        f"Une structure s'appelle déjà « {name} » : choisissez-la dans la liste pour y rattacher le compte."
    )
    # Names are unique within a desk: the one the request was sent to.
    if Organisation.objects.filter(site_id=account_request.site_id, name__iexact=name).exists():
        raise taken
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                site_id=account_request.site_id,
                name=name,
                kind=account_request.organisation_kind,
                phone=account_request.phone,
            )
    except IntegrityError:
        raise taken from None
    organisation.communes.set(account_request.communes.all())
    return organisation


@transaction.atomic
def accept_request(account_request, *, organisation=None, by=None):
    """Create the structure (or use ``organisation``), the applicant's account (or their
    existing one), make them its manager and send them the link to choose a password."""
    account_request = _lock_pending(account_request)
    organisation_created = organisation is None
    if organisation is None:
        organisation = _create_organisation(account_request)
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
    schedule_email(ACCEPTED, [user.email], context, password_for=user, site=organisation.site)
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
    schedule_email(REFUSED, [account_request.email], context, site=account_request.site)
    return account_request


# --- Members -----------------------------------------------------------------------------------


def managed_organisations(user):
    return Organisation.objects.filter(managers=user) if user.is_authenticated else Organisation.objects.none()


@transaction.atomic
def add_member(organisation, *, first_name, last_name, email, by):
    """A manager adds a person by address. Returns CREATED (a new account, attached, with
    the link to choose a password) or INVITED (whatever else happened — an invitation sent
    to an existing contributor account, or nothing at all for a staff or deactivated
    account — so that the manager cannot tell which)."""
    member = organisation.members.filter(email__iexact=email.strip()).order_by("pk").first()
    if member is not None:  # the manager sees the member list already
        raise AccountError(f"{display_name(member)} est déjà membre de la structure.")
    if is_staff_address(email):
        logger.warning("Organisation %s: a manager tried to add a staff account; nothing sent.", organisation.pk)
        return INVITED
    existing = find_account(email)
    if existing is None:
        user = create_account(first_name=first_name, last_name=last_name, email=email)
        organisation.members.add(user)
        log(organisation, ADD_MEMBER_ACTION, user=by, data={"member": user.pk, "account_created": True})
        context = {"organisation": organisation.name, "username": user.get_username(), "added_by": display_name(by)}
        schedule_email(MEMBER_ADDED, [user.email], context, password_for=user, site=organisation.site)
        return CREATED
    if not existing.is_active:
        logger.info("Organisation %s: no invitation for deactivated account %s.", organisation.pk, existing.pk)
        return INVITED
    log(organisation, INVITE_MEMBER_ACTION, user=by, data={"member": existing.pk})
    context = {
        "organisation": organisation.name,
        "added_by": display_name(by),
        "invitation_url": public_url(invitation_path(organisation, existing, by), organisation.site),
        "invitation_days": INVITATION_DAYS,
    }
    schedule_email(MEMBER_INVITED, [existing.email], context, site=organisation.site)
    return INVITED


def invitation_path(organisation, user, by):
    token = signing.dumps(
        {"o": organisation.pk, "u": user.pk, "by": by.pk, "t": int(time.time())}, salt=INVITATION_SALT
    )
    return reverse("contributions:member_invitation", args=[token])


def read_invitation(token, user):
    """The structure this signed-in ``user`` is invited to, or an AccountError saying why
    not: expired or altered link, another account's invitation, an inviter who no longer
    manages the structure, or a removal since the invitation was sent."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise AccountError(f"Cette invitation a expiré. {ASK_AGAIN}") from None
    except signing.BadSignature:
        raise AccountError("Ce lien d'invitation n'est pas valide : vérifiez qu'il est complet.") from None
    if data.get("u") != user.pk:
        raise AccountError(
            "Cette invitation est destinée à un autre compte : connectez-vous avec le compte qui l'a reçue."
        )
    if staff_users().filter(pk=user.pk).exists():
        raise AccountError("Un compte de l'équipe du guichet ne peut pas rejoindre une structure par invitation.")
    organisation = Organisation.objects.filter(pk=data.get("o"), managers__pk=data.get("by")).first()
    if organisation is None:
        raise AccountError(f"Cette invitation n'est plus valable. {ASK_AGAIN}")
    removed = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=str(organisation.pk),
        action=REMOVE_MEMBER_ACTION,
        data__member=user.pk,
        timestamp__gte=datetime.fromtimestamp(data.get("t", 0), tz=UTC),
    )
    if removed.exists():
        raise AccountError(f"Cette invitation n'est plus valable. {ASK_AGAIN}")
    return organisation


@transaction.atomic
def accept_invitation(token, user):
    """Attach the signed-in ``user`` to the structure of the invitation. Returns the
    structure; following the link again changes nothing."""
    organisation = read_invitation(token, user)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.members.filter(pk=user.pk).exists():
        organisation.members.add(user)
        data = {"member": user.pk, "account_created": False, "invitation": True}
        log(organisation, ADD_MEMBER_ACTION, user=user, data=data)
    return organisation


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


def schedule_email(kind, recipients, context, *, password_for=None, site=None):
    """Send after commit, in the name of ``site``'s desk (the request's or the structure's;
    the default desk when None). ``password_for``: an account without a password gets the
    link to choose one, made when the e-mail is sent (the token never waits in the task queue)."""
    recipients = clean_addresses(recipients)
    if not recipients:
        logger.warning("E-mail %s: no recipient.", kind)
        return
    user_id = password_for.pk if password_for is not None and not password_for.has_usable_password() else None
    site_id = site.pk if site is not None else None
    transaction.on_commit(lambda: send_account_email.enqueue(kind, recipients, context, user_id, site_id))


def schedule_password_reset(user, site=None):
    """« Mot de passe oublié »: queued like every account e-mail, so that the answer takes
    the same time whether the address has an account or not. Nothing was written, so
    nothing to wait for; the link is made when the e-mail is sent, in the name of the desk
    chosen then (account_desk_id; ``site``: the desk it was asked on)."""
    recipients = clean_addresses([user.email])
    if recipients:
        send_account_email.enqueue(PASSWORD_RESET, recipients, {}, user.pk, site.pk if site is not None else None)


def _password_reset_context(user_id, site):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "base_url": public_url("", site),
    }


@task()
def send_account_email(kind, recipients, context, password_user_id=None, site_id=None):
    """Render and send one message per recipient, in the name of the desk ``site_id`` (a
    task takes JSON values; None: the default desk), with that desk's public links.
    Returns the number sent."""
    site = site_of(site_id)
    if kind == PASSWORD_RESET and password_user_id is not None:
        site = site_of(account_desk_id(password_user_id, site))
    desk = desk_settings(site)
    context = {
        **context,
        "desk_name": desk.desk_name,
        "desk_email": desk.contact_email,
        "desk_phone": desk.contact_phone,
        "login_url": public_url(reverse("contributions:login"), site),
        "reset_url": public_url(reverse("contributions:password_reset"), site),
        "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    if kind == PASSWORD_RESET:
        reset = _password_reset_context(password_user_id, site)
        if reset is None:  # deactivated since it was asked
            return 0
        context.update(reset)
    elif password_user_id is not None:
        user = get_user_model().objects.filter(pk=password_user_id, is_active=True).first()
        if user is not None and not user.has_usable_password():
            context["set_password_url"] = set_password_url(user, site)
    # Staff read requests in the admin; contributors may reply to the desk.
    reply_to = [desk.contact_email] if kind != REQUEST_RECEIVED else []
    with translation.override(settings.LANGUAGE_CODE):
        return send_rendered(
            f"listings/emails/{kind}", context, recipients, subject_prefix=desk.desk_name, reply_to=reply_to
        )
