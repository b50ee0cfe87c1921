"""Helpers for the operations tests: real PostgreSQL databases, Redis, app servers
(gunicorn with the production settings) on free localhost ports.

The tests that need PostgreSQL run in the PostgreSQL pass of the suite
(DATABASE_URL=postgres://…, as in CI), those that need Redis when it answers on
127.0.0.1:6379 (REDIS_TEST_URL to change it); otherwise they are skipped with the reason.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET_KEY = "ops-tests-" + "k" * 60  # the app servers and the test sign with it
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
PG_ADMIN_DB = "postgres"


def _pg_parts():
    parts = urlsplit(DATABASE_URL)
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or "",
    }


def pg_url(name):
    p = _pg_parts()
    auth = p["user"] + (f":{p['password']}" if p["password"] else "")
    return f"postgres://{auth}@{p['host']}:{p['port']}/{name}"


def _postgres_reason():
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        return "needs PostgreSQL: run the suite with DATABASE_URL=postgres://… (CI's PostgreSQL pass)"
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            return f"needs {tool} (Debian package postgresql-client)"
    try:
        import psycopg

        psycopg.connect(pg_url(PG_ADMIN_DB), connect_timeout=3).close()
    except Exception as error:
        return f"PostgreSQL unreachable: {type(error).__name__}"
    return None


def _redis_reason():
    try:
        import redis

        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except Exception as error:
        return f"needs Redis at {REDIS_TEST_URL}: {type(error).__name__}"
    return None


POSTGRES_SKIP = _postgres_reason()
REDIS_SKIP = _redis_reason()
requires_postgres = pytest.mark.skipif(POSTGRES_SKIP is not None, reason=POSTGRES_SKIP or "")
requires_redis = pytest.mark.skipif(REDIS_SKIP is not None, reason=REDIS_SKIP or "")


# --- PostgreSQL ------------------------------------------------------------------------------


def admin_sql(sql):
    import psycopg

    with psycopg.connect(pg_url(PG_ADMIN_DB), autocommit=True) as connection:
        connection.execute(sql)


def create_database(name, template=None):
    admin_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def drop_database(name):
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def base_env(**extra):
    """Environment of a subprocess with the production settings (tests.ops.prod_like_settings)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.ops.prod_like_settings",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env, timeout=180, check=True):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def run_script(code, *, env, timeout=120):
    """Run Python code with Django set up (manage.py shell -c); return its last stdout line as JSON."""
    result = manage("shell", "-c", code, env=env, timeout=timeout)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return json.loads(lines[-1])


@pytest.fixture(scope="session")
def migrated_template():
    """A PostgreSQL database migrated once per test session; tests clone it (CREATE DATABASE … TEMPLATE)."""
    if POSTGRES_SKIP:
        pytest.skip(POSTGRES_SKIP)
    name = f"gus_ops_tpl_{os.getpid()}"
    drop_database(name)
    create_database(name)
    env = base_env(DATABASE_URL=pg_url(name), DATABASE_STATEMENT_TIMEOUT_MS=0)
    try:
        manage("migrate", "--noinput", env=env, timeout=300)
        manage("createcachetable", env=env)
        yield name
    finally:
        drop_database(name)


@pytest.fixture
def fresh_database(migrated_template):
    """Factory of migrated databases, dropped after the test."""
    created = []

    def make(label="db"):
        name = f"gus_ops_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        create_database(name, template=migrated_template)
        created.append(name)
        return name

    yield make
    for name in created:
        drop_database(name)


# --- Redis ------------------------------------------------------------------------------------


@pytest.fixture
def redis_prefix():
    """A key prefix of our own in the shared test Redis database, deleted afterwards."""
    if REDIS_SKIP:
        pytest.skip(REDIS_SKIP)
    import redis

    prefix = f"gus_ops_{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


# --- App servers ------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """gunicorn (gunicorn.conf.py) with the production settings on a free localhost port."""

    def __init__(self, env, log_path, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = {**env, "PORT": str(self.port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers)}
        self._log = open(log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "cms.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout=45):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError(f"server not ready after {timeout}s:\n{self.log()}")

    def log(self):
        self._log.flush()
        return Path(self.log_path).read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture
def app_server(tmp_path):
    """Factory: app_server(env) starts a server and waits until /healthz/ answers."""
    servers = []

    def start(env, name="app", workers=1):
        server = AppServer(env, tmp_path / f"{name}.log", workers=workers)
        servers.append(server)
        return server.wait_ready()

    yield start
    for server in servers:
        server.stop()
