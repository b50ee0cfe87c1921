"""Which référent takes a new case: the one whose rule covers the case's territory (its
intercommunality, else that of the first commune it names), else the référent by default.
Only active members of the « Chargés d'accompagnement » group are chosen; a rule whose
référent left the group is skipped, so their territory falls to the default."""

from django.contrib.auth import get_user_model

from users.roles import ACCOMPANIMENT_GROUP

from .models import AssignmentRule, CaseState


def referents():
    """The accounts that may follow cases."""
    return get_user_model().objects.filter(is_active=True, groups__name=ACCOMPANIMENT_GROUP).distinct()


def territory_of(case):
    """The case's intercommunality id, from its own field or its first commune."""
    if case.epci_id:
        return case.epci_id
    if case.pk:
        commune = case.communes.exclude(epci=None).order_by("name").first()
        return commune.epci_id if commune else None
    return None


def referent_for(case):
    rules = AssignmentRule.objects.filter(active=True, referent__in=referents()).select_related("referent")
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
