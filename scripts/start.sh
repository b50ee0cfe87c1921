#!/usr/bin/env bash
# One command for a first run: install, create the SQLite database with demo data,
# then start the site on http://127.0.0.1:8000 (PORT and HOST may be set).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cms.settings.dev}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
.venv/bin/python manage.py ensure_admin

cat <<INFO

  Guichet unique santé est prêt.
    Site public        : http://$HOST:$PORT/
    Administration     : http://$HOST:$PORT/admin/
    API GraphQL        : http://$HOST:$PORT/graphql/
  (Ctrl+C pour arrêter ; relancer cette commande ne recrée pas les données.)

INFO
exec .venv/bin/python manage.py runserver "$HOST:$PORT"
