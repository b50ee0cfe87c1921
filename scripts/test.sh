#!/usr/bin/env bash
# Runs the whole test suite. DATABASE_URL selects the database (SQLite by default);
# extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh

# Browser tests drive Debian's chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "→ Installation de chromium (paquet Debian) pour les tests dans le navigateur"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "Les tests dans le navigateur ont besoin de chromium : sudo apt-get install chromium" >&2
        exit 1
    fi
fi

# Outside CI the migrated test database is kept between runs (the first run migrates, about
# a minute; later runs start at once). `scripts/test.sh --create-db` starts afresh.
if [ -z "${CI:-}" ]; then
    export TEST_DATABASE_KEEP=1
    set -- --reuse-db "$@"
fi

# One pytest worker per core (pytest-xdist); each worker has its own test database.
# TEST_WORKERS=0 runs in this process (e.g. to use a debugger).
exec .venv/bin/pytest -n "${TEST_WORKERS:-auto}" "$@"
