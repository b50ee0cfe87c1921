#!/usr/bin/env bash
# Production start: migrate (unless SKIP_MIGRATE=1), prepare the cache table and the
# static files, then serve with gunicorn (gunicorn.conf.py: WEB_CONCURRENCY workers on
# HOST:PORT). Every setting comes from the environment: see docs/production.md.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cms.settings.production}"
PYTHON=.venv/bin/python

if [ "${SKIP_MIGRATE:-0}" != "1" ]; then
    # Migrations may rewrite large tables: no statement timeout for them.
    DATABASE_STATEMENT_TIMEOUT_MS=0 "$PYTHON" manage.py migrate --noinput
fi
if [ -z "${REDIS_URL:-}" ]; then
    "$PYTHON" manage.py createcachetable  # the cache lives in the database without Redis
fi
if [ "${SKIP_COLLECTSTATIC:-0}" != "1" ]; then
    "$PYTHON" manage.py collectstatic --noinput -v0
fi
exec .venv/bin/gunicorn --config gunicorn.conf.py cms.wsgi:application
