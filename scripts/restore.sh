#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into an EMPTY PostgreSQL database, and its media.
#
#   createdb guichet_restauree
#   scripts/restore.sh backups/gus-20260101-020000 postgres://…/guichet_restauree [MEDIA_ROOT]
#
# Refuses a database that already has tables, and a backup whose checksums do not match.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -lt 2 ]; then
    echo "Usage : scripts/restore.sh DOSSIER_DE_SAUVEGARDE URL_BASE_CIBLE [DOSSIER_MEDIAS]" >&2
    exit 2
fi
BACKUP="$1"
TARGET="$2"
MEDIA_TARGET="${3:-${MEDIA_ROOT:-media}}"

[ -f "$BACKUP/database.dump" ] || { echo "Pas de database.dump dans $BACKUP." >&2; exit 2; }
echo "→ Vérification des sommes de contrôle"
(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS)

tables=$(psql "$TARGET" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "La base cible contient déjà $tables tables : restaurez dans une base vide (createdb)." >&2
    exit 3
fi

echo "→ Base de données"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$TARGET" "$BACKUP/database.dump"

if [ -f "$BACKUP/media.tar.gz" ]; then
    echo "→ Médias vers $MEDIA_TARGET"
    mkdir -p "$MEDIA_TARGET"
    tar -C "$MEDIA_TARGET" -xzf "$BACKUP/media.tar.gz"
fi
if [ -f "$BACKUP/private_media.tar.gz" ]; then
    PRIVATE_TARGET="${PRIVATE_MEDIA_ROOT:-private_media}"
    echo "→ Médias en attente de modération vers $PRIVATE_TARGET"
    mkdir -p "$PRIVATE_TARGET"
    tar -C "$PRIVATE_TARGET" -xzf "$BACKUP/private_media.tar.gz"
fi
echo "Restauration terminée. Vérifiez ensuite : manage.py migrate --check, puis /readyz/ et quelques pages."
