#!/usr/bin/env bash
# Installs everything the project needs into ./.venv and ./node_modules.
# Safe to run again: it only installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "→ Création de l'environnement Python (.venv)"
    "$PYTHON" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.installed-pyproject
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    echo "→ Installation des paquets Python"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[dev]"
    cp pyproject.toml "$stamp"
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm est introuvable : installez Node.js (paquet Debian 'nodejs' et 'npm')." >&2
    exit 1
fi
if [ ! -d node_modules/leaflet ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "→ Installation des ressources front-end (npm ci)"
    npm ci --no-audit --no-fund --silent
fi
