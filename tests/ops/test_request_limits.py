"""Rate limits, the per-request budget and the full-page cache, as a hostile client sees them."""

import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from core.content_version import bump_content_version

pytestmark = pytest.mark.django_db


def slow_many_queries(request):
    """Twenty small queries, 50 ms apart: each is fast, together they are not."""
    with connection.cursor() as cursor:
        for _ in range(20):
            cursor.execute("SELECT 1")
            time.sleep(0.05)
    return HttpResponse("fini")


def endless_query(request):
    """One statement that does not end by itself within the deadline."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(10)")
        else:
            cursor.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
    return HttpResponse("fini")


urlpatterns = [
    path("lent/", slow_many_queries),
    path("sans-fin/", endless_query),
    path("", include("cms.urls")),
]


@pytest.fixture
def budget_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.REQUEST_BUDGET_SECONDS = 0.3


def test_the_deadline_ends_a_slow_request_cleanly(client, budget_urls):
    start = time.monotonic()
    response = client.get("/lent/")
    elapsed = time.monotonic() - start
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "surchargé" in response.content.decode()
    assert elapsed < 0.6, elapsed


def test_a_single_endless_statement_is_interrupted(client, budget_urls):
    """SQLite: the progress handler; PostgreSQL: the watchdog cancels the statement."""
    start = time.monotonic()
    response = client.get("/sans-fin/")
    assert response.status_code == 503
    assert time.monotonic() - start < 1.5


def test_the_query_cap_ends_a_request_with_a_french_json_503(client, settings):
    settings.REQUEST_BUDGET_MAX_QUERIES = 1
    response = client.get("/graphql/", {"query": "{ professions { slug } aidAudiences { code } }"})
    assert response.status_code == 503
    assert "surchargé" in response.json()["errors"][0]["message"]


def test_writes_and_the_admin_are_not_budgeted(client, settings):
    settings.REQUEST_BUDGET_MAX_QUERIES = 0
    assert client.get("/admin/login/").status_code == 200


def test_graphql_answers_429_with_retry_after_and_a_forged_forwarded_for_changes_nothing(client, settings):
    settings.RATE_LIMITS = {"/graphql/": (3, 60)}
    query = {"query": "{ professions { slug } }"}
    for i in range(3):
        assert client.get("/graphql/", query, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code == 200
    response = client.get("/graphql/", query, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Trop de requêtes" in response.json()["errors"][0]["message"]
    # Another address (a real one, not a header) has its own counter.
    assert client.get("/graphql/", query, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, settings):
    settings.RATE_LIMITS = {"/graphql/": (1, 60)}
    settings.PUBLIC_FORM_TRUSTED_PROXIES = 1
    query = {"query": "{ professions { slug } }"}
    assert client.get("/graphql/", query, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get("/graphql/", query, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.get("/graphql/", query, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_costly_pages_are_rate_limited_too(client, settings):
    settings.RATE_LIMITS = {"/communes/": (1, 60)}
    client.get("/communes/")
    response = client.get("/communes/")
    assert response.status_code == 429 and response["Retry-After"]
    assert "Trop de requêtes" in response.content.decode()


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROOT_URLCONF = "tests.ops.test_request_limits"


def cached_page(request):
    from django.contrib.auth.models import User  # noqa: F401  (a view that queries)

    from reference.models import Commune

    return HttpResponse(f"<p>{Commune.objects.count()} communes</p>", content_type="text/html; charset=utf-8")


def form_page(request):
    from django.middleware.csrf import get_token

    return HttpResponse(f"<form>{get_token(request)}</form>", content_type="text/html; charset=utf-8")


urlpatterns[:0] = [path("page/", cached_page), path("formulaire/", form_page)]


def test_a_warm_anonymous_page_runs_no_sql_and_publishing_refreshes_it(client, page_cache):
    from reference.models import Commune

    assert client.get("/page/")["X-Page-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as ctx:
        warm = client.get("/page/", HTTP_ACCEPT_LANGUAGE="de", HTTP_COOKIE="buster=1")
    assert warm["X-Page-Cache"] == "HIT" and len(ctx.captured_queries) == 0
    assert "max-age=60" in warm["Cache-Control"]
    Commune.objects.create(insee_code="26999", name="Nouvelle")
    bump_content_version()  # what publishing does (graphql_api/signals.py)
    fresh = client.get("/page/")
    assert fresh["X-Page-Cache"] == "MISS" and b"1 communes" in fresh.content


def test_pages_with_a_form_and_logged_in_visitors_are_never_shared(client, page_cache, django_user_model):
    client.get("/formulaire/")
    assert "X-Page-Cache" not in client.get("/formulaire/")  # the CSRF token is per visitor
    user = django_user_model.objects.create_user("agent", password="x")
    client.force_login(user)
    assert "X-Page-Cache" not in client.get("/page/")


def test_a_pending_flash_message_bypasses_the_page_cache(client, page_cache):
    client.get("/page/")
    client.cookies["messages"] = "a-pending-message"
    assert "X-Page-Cache" not in client.get("/page/")
