"""Liveness and readiness endpoints."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_liveness_needs_nothing(client):
    with mock.patch("cms.health.check_database", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readiness_checks_the_database_and_the_cache(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert "no-store" in response["Cache-Control"]


def test_readiness_is_503_when_the_database_is_down(client):
    with mock.patch("cms.health.check_database", side_effect=OperationalError("password=secret host=db")):
        response = client.get("/readyz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
        "message": "Base de données injoignable",
    }
    assert "secret" not in response.content.decode()  # the error's detail stays in the logs


def test_only_get(client):
    assert client.post("/readyz/").status_code == 405
