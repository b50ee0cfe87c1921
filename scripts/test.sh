#!/usr/bin/env bash
# Runs the whole test suite. DATABASE_URL selects the database (SQLite by default);
# extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
exec .venv/bin/pytest "$@"
