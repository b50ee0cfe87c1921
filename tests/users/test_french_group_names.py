"""The admin shows the desk's groups, workflows and tasks in French (issue 15)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow

from users.roles import ACCOMPANIMENT_GROUP, ACCOMPANIMENT_MANAGERS_GROUP, EDITORS_GROUP, MODERATORS_GROUP

pytestmark = pytest.mark.django_db


def test_staff_groups_have_french_names_and_keep_their_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert {MODERATORS_GROUP, EDITORS_GROUP} <= names
    assert not names & {"Moderators", "Editors"}
    assert Group.objects.get(name=MODERATORS_GROUP).permissions.filter(codename="publish_listing").exists()
    assert Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="change_healthfacility").exists()


def test_workflows_and_tasks_have_french_names():
    workflow_names = set(Workflow.objects.values_list("name", flat=True))
    task_names = set(Task.objects.values_list("name", flat=True))
    assert "Moderators approval" not in workflow_names | task_names
    assert "Validation des pages" in workflow_names
    assert "Validation par les modérateurs" in task_names


def test_the_test_helper_that_restores_migration_data_gives_back_french_groups():
    """Transactional tests flush the database; tests/frontend/conftest.py puts back what the
    data migrations made, names and admin access included."""
    from ..frontend.conftest import restore_migration_data

    restore_migration_data()  # groups still there: nothing duplicated
    Group.objects.all().delete()
    restore_migration_data()  # groups flushed: recreated in French
    for _ in range(2):
        names = sorted(Group.objects.values_list("name", flat=True))
        assert names == sorted([MODERATORS_GROUP, EDITORS_GROUP, ACCOMPANIMENT_GROUP, ACCOMPANIMENT_MANAGERS_GROUP])
        moderators = Group.objects.get(name=MODERATORS_GROUP)
        assert moderators.permissions.filter(codename="access_admin").exists()
        assert moderators.permissions.filter(codename="publish_listing").exists()
        restore_migration_data()
