"""The content version changes when public content may have changed, and again at the commit."""

import pytest
from django.db import transaction

from core.content_version import bump_content_version, content_version


@pytest.mark.django_db
def test_a_change_inside_a_transaction_renews_the_version_again_at_the_commit(django_capture_on_commit_callbacks):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        during = bump_content_version()
        assert content_version() == during != before
    # What another worker cached between the change and the commit, under « during », is
    # forgotten: the version changed again once the rows were visible.
    assert len(callbacks) == 1
    assert content_version() not in (before, during)
