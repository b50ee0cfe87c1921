"""The remote BAN backend against fake services on 127.0.0.1 (never the internet)."""

import contextlib
import importlib
import json
import logging
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from cms.settings import base
from reference.geocoding import RemoteBanGeocoder, get_geocoder, search_addresses
from reference.models import Address, Commune


def feature(label, lon, lat, citycode="26113", city="Die", kind="housenumber"):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"label": label, "score": 0.9, "type": kind, "citycode": citycode, "city": city},
    }


ANSWER = {
    "type": "FeatureCollection",
    "features": [
        feature("12 Place de la République 26150 Die", 5.3713, 44.7530),
        feature("12 Place de la République 38000 Grenoble", 5.72, 45.19, "38185", "Grenoble"),  # elsewhere
        feature("12 Place de la République 26150 Die (mal placée)", 2.35, 48.85),  # outside the box
    ],
}


class FakeBan(BaseHTTPRequestHandler):
    mode = "ok"
    requests = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).requests.append(parse_qs(urlsplit(self.path).query))
        if self.mode == "slow":
            time.sleep(1.0)
        body = b"<html>Service indisponible</html>" if self.mode == "garbage" else json.dumps(ANSWER).encode()
        status = 502 if self.mode == "error" else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeout)
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_ban(settings):
    """Start a fake api-adresse on 127.0.0.1; yields a function setting its mode."""
    FakeBan.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBan)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GEOCODER_REMOTE_URL = f"http://127.0.0.1:{server.server_address[1]}/search/"
    settings.GEOCODER_TIMEOUT_SECONDS = 0.3

    def set_mode(mode):
        FakeBan.mode = mode

    set_mode("ok")
    yield set_mode
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def local_die():
    die = Commune.objects.create(
        insee_code="26113", name="Die", departement_code="26", centroid_latitude=44.75, centroid_longitude=5.37
    )
    Address.objects.create(
        ban_id="26113_0180_00012",
        number=12,
        street_name="Place de la République",
        postcode="26150",
        commune=die,
        latitude=44.749,
        longitude=5.381,
    )
    return die


def test_remote_backend_is_used_only_when_configured(settings):
    settings.GEOCODER_REMOTE_URL = ""
    assert get_geocoder().name == "local"
    settings.GEOCODER_REMOTE_URL = "http://127.0.0.1:9/search/"
    assert isinstance(get_geocoder(), RemoteBanGeocoder)


@pytest.mark.django_db
def test_remote_answers_are_kept_inside_the_territory(fake_ban, local_die):
    found = search_addresses("12 place de la république", commune="26113", limit=3)

    assert [match.as_json() for match in found] == [
        {
            "label": "12 Place de la République 26150 Die",
            "latitude": 44.753,
            "longitude": 5.3713,
            "commune_code": "26113",
            "commune": "Die",
            "kind": "housenumber",
        }
    ]
    assert FakeBan.requests == [{"q": ["12 place de la république"], "limit": ["3"], "citycode": ["26113"]}]


@pytest.mark.parametrize("mode", ["slow", "garbage", "error"])
@pytest.mark.django_db
def test_remote_failures_fall_back_to_the_local_addresses(fake_ban, local_die, mode, caplog):
    fake_ban(mode)
    started = time.monotonic()

    with caplog.at_level(logging.WARNING, logger="reference.geocoding"):
        found = search_addresses("12 pl rep die")

    assert time.monotonic() - started < 0.9  # the timeout, not the server's delay
    assert [match.label for match in found] == ["12 Place de la République 26150 Die"]
    assert found[0].latitude == 44.749  # the local position
    assert "Remote address search failed" in caplog.text


@pytest.mark.django_db
def test_unreachable_service_falls_back(settings, local_die, caplog):
    settings.GEOCODER_REMOTE_URL = "http://127.0.0.1:9/search/"  # discard port: nothing listens

    with caplog.at_level(logging.WARNING, logger="reference.geocoding"):
        assert search_addresses("12 pl rep die")[0].latitude == 44.749
    assert "Remote address search failed" in caplog.text


@pytest.mark.django_db
def test_only_http_addresses_are_asked(settings, local_die, tmp_path, caplog):
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps(ANSWER))
    settings.GEOCODER_REMOTE_URL = secret.as_uri()

    with caplog.at_level(logging.WARNING, logger="reference.geocoding"):
        assert search_addresses("12 pl rep die")[0].latitude == 44.749
    assert "must be an http(s) address" in caplog.text


@pytest.mark.django_db
def test_endpoint_with_the_remote_backend(client, fake_ban, local_die):
    response = client.get("/referentiels/adresses/", {"q": "12 place republique"})

    assert response.status_code == 200
    assert [result["latitude"] for result in response.json()["results"]] == [44.753]


def test_the_address_search_may_wait_for_the_remote_service_then_answer_locally():
    """With a remote service, the request budget must outlast its timeout, or a slow service
    would turn the local fallback into a 503; without one, the ordinary budget applies.
    The endpoint is also rate-limited."""
    try:
        os.environ["GEOCODER_REMOTE_URL"] = "http://127.0.0.1:9/search/"
        remote = importlib.reload(base)
        queries, seconds = remote.REQUEST_BUDGET_OVERRIDES["/referentiels/adresses/"]
        assert seconds > remote.GEOCODER_TIMEOUT_SECONDS + 1
        assert queries >= 10
    finally:
        del os.environ["GEOCODER_REMOTE_URL"]
        local = importlib.reload(base)
    assert "/referentiels/adresses/" not in local.REQUEST_BUDGET_OVERRIDES
    assert "/referentiels/adresses/" in local.RATE_LIMITS
