"""The admin shows the desk's groups, workflows and tasks in French (issue 15)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow

from users.roles import EDITORS_GROUP, MODERATORS_GROUP

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
