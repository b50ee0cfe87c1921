"""Editorial freshness of aids: the rule (aides/review.py) and the editors' panel."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from aides.admin_panels import PANEL_LIMIT, can_review_aids
from aides.factories import AidPageFactory
from aides.review import aids_to_review
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's "Editors" group (page permissions on the whole tree)."""
    user = django_user_model.objects.create_user("editrice", "editrice@example.org", "motdepasse")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    return user


def test_review_rule_boundary_never_reviewed_and_drafts(settings):
    settings.AID_REVIEW_AFTER_DAYS = 180
    AidPageFactory(title="Vérifiée il y a 179 jours", last_reviewed_at=days_ago(179))
    AidPageFactory(title="Vérifiée il y a 180 jours", last_reviewed_at=days_ago(180))
    overdue = AidPageFactory(title="Vérifiée il y a 181 jours", last_reviewed_at=days_ago(181))
    never = AidPageFactory(title="Jamais vérifiée", last_reviewed_at=None)
    AidPageFactory(title="Brouillon jamais vérifié", last_reviewed_at=None, publish=False)
    AidPageFactory(title="Brouillon ancien", last_reviewed_at=days_ago(400), publish=False)

    assert list(aids_to_review()) == [never, overdue]  # never reviewed first, then most overdue


def test_review_period_comes_from_the_setting(settings):
    aid = AidPageFactory(last_reviewed_at=days_ago(31))
    settings.AID_REVIEW_AFTER_DAYS = 30
    assert list(aids_to_review()) == [aid]
    settings.AID_REVIEW_AFTER_DAYS = 31
    assert list(aids_to_review()) == []


def test_panel_lists_overdue_aids_for_an_editor(client, editor):
    funder = PartnerPageFactory(title="CPAM de la Drôme")
    old = AidPageFactory(title="Aide ancienne", funder=funder, last_reviewed_at=days_ago(400))
    never = AidPageFactory(title="Aide jamais vérifiée", last_reviewed_at=None)
    AidPageFactory(title="Aide à jour", last_reviewed_at=days_ago(10))

    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Fiches aides à revérifier" in html
    assert reverse("wagtailadmin_pages:edit", args=[old.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[never.pk]) in html
    assert "jamais vérifiée" in html
    assert "CPAM de la Drôme" in html
    assert "Aide à jour" not in html
    assert html.index("Aide jamais vérifiée") < html.index("Aide ancienne")  # most overdue first


def test_panel_shows_at_most_ten_aids_and_counts_the_rest(client, editor):
    for n in range(PANEL_LIMIT + 3):
        AidPageFactory(title=f"Aide n° {n:02d}", last_reviewed_at=days_ago(200 + n))

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    shown = [n for n in range(PANEL_LIMIT + 3) if f"Aide n° {n:02d}" in html]
    assert shown == list(range(3, PANEL_LIMIT + 3))  # the ten most overdue
    assert "et 3 autres fiches à revérifier" in html


def test_panel_is_only_for_users_who_can_edit_aid_pages(client, django_user_model, editor):
    AidPageFactory(title="Aide jamais vérifiée", last_reviewed_at=None)
    admin_only = django_user_model.objects.create_user("lectrice", "lectrice@example.org", "motdepasse")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))

    client.force_login(admin_only)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Fiches aides à revérifier" not in response.content.decode()
    assert not can_review_aids(admin_only)

    assert can_review_aids(editor)
    editor.is_active = False
    assert not can_review_aids(editor)
