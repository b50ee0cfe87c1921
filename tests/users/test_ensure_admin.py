from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_creates_the_admin_once_and_prints_a_working_password(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().rsplit("mot de passe : ", 1)[1].strip()
    # Logging in always comes with a request (django-axes counts failures per address).
    assert authenticate(RequestFactory().post("/admin/login/"), username="admin", password=password) is not None
    assert (tmp_path / ".admin-password").stat().st_mode & 0o077 == 0

    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert again.getvalue().strip().endswith(password)
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
