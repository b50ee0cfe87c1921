"""Security headers of the production middleware: a strict CSP on the public site, an
admin-compatible one on Wagtail's admin, HSTS, referrer and permissions policies."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PRODUCTION_MIDDLEWARE = ["cms.middleware.AccessLogMiddleware", "cms.middleware.SecurityHeadersMiddleware"]


@pytest.fixture
def production_headers(settings):
    index = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:index], *PRODUCTION_MIDDLEWARE, *settings.MIDDLEWARE[index:]]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_the_public_site_allows_only_its_own_assets(client, production_headers):
    response = client.get("/healthz/", secure=True)
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no inline script, no other host
    assert csp["style-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) == 32


def test_the_admin_policy_lets_wagtail_work_but_nothing_from_elsewhere(client, production_headers):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]  # Wagtail's preview is a same-origin frame
    assert csp["connect-src"] == ["'self'"]
    assert not any(source.startswith("http") for sources in csp.values() for source in sources)


def test_the_tile_server_and_the_media_host_are_allowed_for_images(client, production_headers, settings):
    with override_settings(
        MAP_TILE_URL="https://{s}.tuiles.example.org/{z}/{x}/{y}.png", MEDIA_URL="https://medias.example.org/"
    ):
        response = client.get("/healthz/", secure=True)
    csp = directives(response["Content-Security-Policy"])
    assert "https://*.tuiles.example.org" in csp["img-src"]
    assert "https://medias.example.org" in csp["img-src"]
    assert csp["script-src"] == ["'self'"]


def test_report_only_mode(client, production_headers, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = True
    response = client.get("/healthz/")
    assert "Content-Security-Policy-Report-Only" in response
    assert "Content-Security-Policy" not in response


def test_a_forged_request_id_is_replaced(client, production_headers):
    response = client.get("/healthz/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    response = client.get("/healthz/", HTTP_X_REQUEST_ID="lb-1234abcd")
    assert response["X-Request-ID"] == "lb-1234abcd"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/mon-accompagnement/eyJjYXNlIjoxLCJ2IjoxfQ:1vQ2Xy:AbCdEfGhIjKlMnOpQrStUvWxYz/", "/mon-accompagnement/…/"),
        (
            "/mon-accompagnement/eyJjYXNlIjoxLCJ2IjoxfQ:1vQ2Xy:AbCdEfGhIjKlMnOpQrStUvWxYz/mes-donnees.json",
            "/mon-accompagnement/…/mes-donnees.json",
        ),
        ("/mon-accompagnement/nouveau-lien/", "/mon-accompagnement/nouveau-lien/"),
        ("/espace-contributeur/mot-de-passe/nouveau/MQ/cz1a2b-0123456789abcdef0123456789abcdef/", None),
        ("/annonces/cabinet-medical-a-louer-a-die-centre-ville-2026/", None),
    ],
)
def test_the_access_log_keeps_no_token(client, production_headers, caplog, path, logged):
    """A signed link in the log would open a person's case to whoever reads the log."""
    with caplog.at_level("INFO", logger="cms.access"):
        client.get(path, secure=True)
    [record] = [r for r in caplog.records if r.name == "cms.access"]
    if logged is None:  # the reset token is hidden; a listing's long slug is not a token
        assert ("…" in record.path) is path.startswith("/espace-contributeur/")
        assert "0123456789abcdef" not in record.path
    else:
        assert record.path == logged
        assert "AbCdEf" not in record.getMessage()
