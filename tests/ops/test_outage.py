"""Faults: database or Redis down → a bounded 503 (database) or a site without cache
(Redis), in French, without traceback, and recovery by itself; a slow query is cut by
the statement timeout."""

import shutil
import socket
import subprocess
import time

import pytest
import requests
from django.db import IntegrityError, OperationalError
from django.urls import path

from cms.middleware import UNAVAILABLE_MESSAGE, ServiceUnavailableMiddleware

from .conftest import _pg_parts, base_env, free_port, manage, pg_url, requires_postgres
from .tcp_proxy import TcpProxy

# --- In process: the middleware ----------------------------------------------------------------


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def integrity_bug(request):
    raise IntegrityError("duplicate key value violates unique constraint")


urlpatterns = [
    path("db-down/", database_down),
    path("graphql/", database_down),
    path("bug/", integrity_bug),
]


@pytest.fixture
def outage_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = ["cms.middleware.ServiceUnavailableMiddleware", *settings.MIDDLEWARE]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False


def test_a_database_outage_is_a_french_503_without_traceback(client, outage_urls):
    response = client.get("/db-down/")
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert UNAVAILABLE_MESSAGE in body
    assert '<html lang="fr">' in body
    assert "Traceback" not in body and "5432" not in body and "OperationalError" not in body


def test_the_api_answers_the_outage_in_json(client, outage_urls):
    response = client.post("/graphql/", {"query": "{ listings { totalCount } }"}, content_type="application/json")
    assert response.status_code == 503
    assert response.json() == {"errors": [{"message": UNAVAILABLE_MESSAGE}]}


def test_a_bug_is_not_disguised_as_an_outage(client, outage_urls):
    client.raise_request_exception = False
    assert client.get("/bug/").status_code == 500


def test_an_outage_in_another_middleware_becomes_a_503(rf):
    """The database fails in a middleware (e.g. the session saved on the way out)."""
    from django.core.handlers.exception import convert_exception_to_response

    def failing_middleware(request):
        raise OperationalError("server closed the connection unexpectedly")

    handler = ServiceUnavailableMiddleware(convert_exception_to_response(failing_middleware))
    response = handler(rf.get("/"))
    assert response.status_code == 503
    assert UNAVAILABLE_MESSAGE in response.content.decode()


# --- Redis stopped and restarted: the site serves without cache, then with it again ------------


def _redis_server(port):
    return subprocess.Popen(  # noqa: S603
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_port(port, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server (Debian package redis-server)")
def test_redis_stopped_then_restarted_degrades_then_recovers(caplog):
    """A private redis-server is stopped and started again on the same port."""
    from cms.cache import ResilientRedisCache

    port = free_port()
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, "CACHE_RETRY_SECONDS": 0.2}},
    )
    server = _redis_server(port)
    try:
        _wait_port(port)
        cache.set("clé", "valeur")
        assert cache.get("clé") == "valeur"
        cache.check()

        server.terminate()
        server.wait(timeout=10)
        start = time.monotonic()
        assert cache.get("clé", "défaut") == "défaut"  # a miss, not an exception
        assert cache.set("clé", "autre") is None
        assert cache.add("compteur", 0) is False
        with pytest.raises(ValueError):  # the rate limit's "no such key": it counts from 1
            cache.incr("compteur")
        assert cache.get_or_set("calcul", lambda: 42) == 42
        assert time.monotonic() - start < 2, "an outage must fail fast"
        with pytest.raises(Exception):  # noqa: B017 - readiness sees the outage
            cache.check()
        assert "Cache Redis injoignable" in caplog.text

        server = _redis_server(port)
        _wait_port(port)
        time.sleep(0.3)  # the circuit breaker's window
        cache.set("clé", "revenu")
        assert cache.get("clé") == "revenu"
        cache.check()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db
def test_the_readiness_endpoint_reports_a_cache_outage_as_degraded(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["message"].startswith("Cache injoignable")
    assert body["checks"]["database"]["ok"] is True


# --- The real thing: an app server whose database goes away and comes back --------------------


@requires_postgres
def test_database_down_then_back_with_a_real_server(fresh_database, app_server):
    database = fresh_database("outage")
    pg = _pg_parts()
    proxy = TcpProxy(pg["host"], pg["port"]).start()
    url = pg_url(database).replace(f":{pg['port']}/", f":{proxy.port}/")
    server = app_server(base_env(DATABASE_URL=url, DATABASE_CONNECT_TIMEOUT=2), name="outage")
    query = {"query": "{ listings { totalCount } }"}
    try:
        assert requests.get(server.url + "/readyz/", timeout=10).json()["status"] == "ok"
        assert requests.post(server.url + "/graphql/", json=query, timeout=10).status_code == 200

        proxy.stop()
        for path in ("/", "/communes/"):
            start = time.monotonic()
            response = requests.get(server.url + path, timeout=15)
            assert response.status_code == 503, (path, response.status_code, response.text[:500])
            assert time.monotonic() - start < 5, "bounded by the connect timeout"
            assert "momentanément indisponible" in response.text
            assert "Traceback" not in response.text
        response = requests.post(server.url + "/graphql/", json=query, timeout=15)
        assert response.status_code == 503
        assert response.json()["errors"][0]["message"] == UNAVAILABLE_MESSAGE
        ready = requests.get(server.url + "/readyz/", timeout=15)
        assert (ready.status_code, ready.json()["status"]) == (503, "unavailable")
        assert requests.get(server.url + "/healthz/", timeout=5).status_code == 200  # alive, not ready

        TcpProxy(pg["host"], pg["port"], port=proxy.port).start()  # the database is back
        response = requests.post(server.url + "/graphql/", json=query, timeout=10)
        assert response.status_code == 200
        assert response.json()["data"]["listings"]["totalCount"] == 0
        assert requests.get(server.url + "/readyz/", timeout=10).json()["status"] == "ok"
    finally:
        proxy.stop()
    log = server.log()
    assert "Base de données indisponible" in log
    assert "Traceback" not in log


@requires_postgres
def test_a_slow_query_is_cut_by_the_statement_timeout():
    env = base_env(DATABASE_URL=pg_url("postgres"), DATABASE_STATEMENT_TIMEOUT_MS=300)
    code = (
        "import json, time\n"
        "from django.db import connection, OperationalError\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(5)')\n"
        "    outcome = 'finished'\n"
        "except OperationalError as error:\n"
        "    outcome = type(error.__cause__).__name__\n"
        "print(json.dumps({'outcome': outcome, 'seconds': time.monotonic() - start}))\n"
    )
    result = manage("shell", "-c", code, env=env)
    import json

    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["outcome"] == "QueryCanceled"
    assert report["seconds"] < 2
