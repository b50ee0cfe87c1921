#!/usr/bin/env bash
# Backup: the PostgreSQL database (pg_dump, custom format) and the media files (tar.gz)
# into DEST/gus-YYYYmmdd-HHMMSS/, with SHA256SUMS; keeps the BACKUP_KEEP latest (14).
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/guichet/media scripts/backup.sh /srv/backups
#
# With S3 media (AWS_STORAGE_BUCKET_NAME), the bucket is not copied: enable its
# versioning or replicate it (docs/production.md). Restore with scripts/restore.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

DEST="${1:-backups}"
KEEP="${BACKUP_KEEP:-14}"
MEDIA_ROOT="${MEDIA_ROOT:-media}"
PRIVATE_MEDIA_ROOT="${PRIVATE_MEDIA_ROOT:-private_media}"  # photos awaiting moderation
case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*) ;;
    *) echo "DATABASE_URL doit désigner la base PostgreSQL à sauvegarder (postgres://…)." >&2; exit 2 ;;
esac

umask 077  # a dump holds personal data: readable by its owner only
target="$DEST/gus-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$target"

echo "→ Base de données"
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"

if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
    echo "→ Médias sur S3 ($AWS_STORAGE_BUCKET_NAME) : non copiés (versionnement du bucket)"
elif [ -d "$MEDIA_ROOT" ]; then
    echo "→ Médias ($MEDIA_ROOT)"
    tar -C "$MEDIA_ROOT" -czf "$target/media.tar.gz" .
else
    echo "→ Pas de dossier de médias ($MEDIA_ROOT)"
fi
if [ -d "$PRIVATE_MEDIA_ROOT" ]; then
    echo "→ Médias en attente de modération ($PRIVATE_MEDIA_ROOT)"
    tar -C "$PRIVATE_MEDIA_ROOT" -czf "$target/private_media.tar.gz" .
fi

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "pg_dump: $(pg_dump --version)"
    echo "git: $(git rev-parse HEAD 2>/dev/null || echo inconnu)"
} >"$target/MANIFEST"
(cd "$target" && sha256sum database.dump MANIFEST $(ls media.tar.gz private_media.tar.gz 2>/dev/null) >SHA256SUMS)

# Retention: the KEEP most recent backups.
ls -1d "$DEST"/gus-* 2>/dev/null | sort | head -n "-$KEEP" | xargs -r rm -rf
echo "Sauvegarde terminée : $target"
