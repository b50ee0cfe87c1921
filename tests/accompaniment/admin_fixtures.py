"""Fixtures of the tests of the desk's admin side: the people who may and may not see
cases, and a case full of personal data. Test modules take them with
``from .admin_fixtures import *`` (no conftest: other test modules of this folder are
written apart)."""

import pytest
from django.contrib.auth.models import Group

from accompaniment.factories import CaseFactory, ReferentFactory
from listings.factories import ContributorFactory, OrganisationFactory
from users.roles import EDITORS_GROUP, MODERATORS_GROUP

from .admin_helpers import PERSON

__all__ = ["case", "charge", "contributor", "editor", "manager", "moderator", "other_charge"]


def staff(username, group_name):
    user = ContributorFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def charge(db):
    return ReferentFactory(username="charge", first_name="Claire", last_name="Chargée")


@pytest.fixture
def other_charge(db):
    return ReferentFactory(username="autre-charge", first_name="Paul", last_name="Collègue")


@pytest.fixture
def manager(db):
    return ReferentFactory(username="responsable", manager=True, first_name="Rita", last_name="Responsable")


@pytest.fixture
def contributor(db):
    user = ContributorFactory(username="contributrice")
    OrganisationFactory(members=[user])
    return user


@pytest.fixture
def editor(db):
    return staff("redactrice", EDITORS_GROUP)


@pytest.fixture
def moderator(db):
    return staff("moderatrice", MODERATORS_GROUP)


@pytest.fixture
def case(charge):
    return CaseFactory(referent=charge, state="assigned", **PERSON)
