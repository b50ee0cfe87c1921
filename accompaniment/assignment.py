"""Which référent takes a new case: the one whose rule covers the case's territory (its
intercommunality, else that of the first commune it names), else the référent by default.
Only active chargés d'accompagnement of the case's desk are chosen (its groups in that role,
users.GroupDesk), by the rules of the case's desk; a rule whose référent left the group is
skipped, so their territory falls to the default."""

from django.contrib.auth import get_user_model

from reference.desks import default_site_id
from users.models import DeskRole
from users.roles import users_with_role

from .models import AssignmentRule, CaseState


def referents(site_id=None):
    """The accounts that may follow the cases of the desk ``site_id`` (the default desk when
    None)."""
    return users_with_role(site_id or default_site_id(), DeskRole.ACCOMPANIMENT).filter(is_active=True)


def referents_of_desks(site_ids):
    """The chargés d'accompagnement of any of the desks ``site_ids`` (a list's filter)."""
    User = get_user_model()
    members = User.objects.filter(groups__desk__site__in=site_ids, groups__desk__role=DeskRole.ACCOMPANIMENT)
    return User.objects.filter(pk__in=members.values("pk"), is_active=True)


def territory_of(case):
    """The case's intercommunality id, from its own field or its first commune."""
    if case.epci_id:
        return case.epci_id
    if case.pk:
        commune = case.communes.exclude(epci=None).order_by("name").first()
        return commune.epci_id if commune else None
    return None


def referent_for(case):
    site_id = case.site_id or default_site_id()
    rules = AssignmentRule.objects.filter(site_id=site_id, active=True, referent__in=referents(site_id))
    rules = rules.select_related("referent")
    epci_id = territory_of(case)
    if epci_id is not None:
        rule = rules.filter(epcis=epci_id).order_by("pk").first()
        if rule is not None:
            return rule.referent
    rule = rules.filter(is_default=True).order_by("pk").first()
    return rule.referent if rule else None


def assign(case):
    """Give a new case its référent by the rules (no-op when none applies). Returns the
    référent or None. The caller saves the case."""
    referent = referent_for(case)
    if referent is not None:
        case.referent = referent
        if case.state == CaseState.NEW:
            case.state = CaseState.ASSIGNED
    return referent
