"""factory_boy factories for cases, their référents and assignment rules.

``ReferentFactory()`` is an active member of « Chargés d'accompagnement »;
``CaseFactory(communes=[...], needs=[...])`` a case received through the form;
``AssignmentRuleFactory(epcis=[...])`` a rule for some intercommunalities.
"""

from importlib import import_module

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from users.roles import ACCOMPANIMENT_GROUP, ACCOMPANIMENT_MANAGERS_GROUP

from .models import AssignmentRule, Case, CaseSource, CaseState, EntryKind, Interest, TimelineEntry


class ReferentFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"referent{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@departement.example")
    first_name = "Claire"
    last_name = factory.Sequence(lambda n: f"Référente {n}")
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-de-test")
    group = ACCOMPANIMENT_GROUP

    class Params:
        manager = factory.Trait(group=ACCOMPANIMENT_MANAGERS_GROUP)

    @classmethod
    def _create(cls, model_class, *args, group=ACCOMPANIMENT_GROUP, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if not Group.objects.filter(name=group).exists():  # a transactional test's flush removed it
            import_module("accompaniment.migrations.0002_groups").grant(apps, None)
        user.groups.add(Group.objects.get(name=group))
        return user

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    first_name = "Léa"
    last_name = factory.Sequence(lambda n: f"Martin-{n}")
    email = factory.Sequence(lambda n: f"lea.martin{n}@example.org")
    phone = "06 12 34 56 78"
    source = CaseSource.FORM
    consent_at = factory.LazyFunction(timezone.now)
    message = "Je cherche à m'installer en médecine générale dans la Drôme."
    state = CaseState.NEW

    @factory.post_generation
    def communes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.communes.set(extracted)
            obj.save()  # a ParentalManyToManyField is written when its object is saved

    @factory.post_generation
    def listings(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.listings.set(extracted)
            obj.save()  # a ParentalManyToManyField is written when its object is saved


class TimelineEntryFactory(DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    case = factory.SubFactory(CaseFactory)
    kind = EntryKind.NOTE
    text = factory.Sequence(lambda n: f"Note de suivi n° {n}")


class InterestFactory(DjangoModelFactory):
    class Meta:
        model = Interest

    case = factory.SubFactory(CaseFactory)
    message = "Le cabinet m'intéresse."


class AssignmentRuleFactory(DjangoModelFactory):
    class Meta:
        model = AssignmentRule
        skip_postgeneration_save = True

    referent = factory.SubFactory(ReferentFactory)

    @factory.post_generation
    def epcis(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.epcis.set(extracted)
            obj.save()  # a ParentalManyToManyField is written when its object is saved
