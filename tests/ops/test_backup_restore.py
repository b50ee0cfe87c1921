"""Restore drill: scripts/backup.sh of a database with content and media, then
scripts/restore.sh into a fresh database → same counts, same API answers, the same
media files, drafts still private."""

import hashlib
import os
import subprocess

from .conftest import ROOT, base_env, create_database, pg_url, requires_postgres, run_script

pytestmark = requires_postgres

SEED = """
import json
from listings.factories import ListingFactory, ListingPhotoFactory
from listings.models import ListingStatus
from reference.factories import CommuneFactory, ProfessionFactory
commune = CommuneFactory(insee_code="26113", name="Die")
gp = ProfessionFactory(name="Médecin généraliste", slug="medecin-generaliste")
published = [ListingFactory(commune=commune, professions=[gp], title=f"Cabinet publié {n}") for n in range(3)]
ListingPhotoFactory(listing=published[0])
draft = ListingFactory(commune=commune, status=ListingStatus.DRAFT, title="Brouillon privé")
pending = ListingFactory(commune=commune, status=ListingStatus.PENDING, title="En attente privée")
print(json.dumps({"draft": draft.slug, "pending": pending.slug, "published": published[0].slug}))
"""

# Counts and API answers of a database, read with the test settings (no shared cache).
SNAPSHOT = """
import json
from django.apps import apps
from django.test import Client
slugs = json.loads(%r)
models = ["listings.Listing", "listings.ListingPhoto", "listings.ListingContact", "reference.Commune",
          "reference.Profession", "wagtailcore.Revision", "wagtailcore.WorkflowState", "wagtailcore.Page",
          "media_library.CustomImage", "media_library.Rendition", "users.User", "auth.Group"]
counts = {label: apps.get_model(label).objects.count() for label in models}
counts["listings.Listing (not live)"] = apps.get_model("listings.Listing").objects.filter(live=False).count()
client = Client()
def ask(query):
    response = client.post("/graphql/", {"query": query}, content_type="application/json")
    return response.status_code, response.json()
answers = {
    "list": ask("{ listings { totalCount results { title slug commune { name } } } }"),
    "map": ask("{ listingMap }"),
    "communes": ask("{ communes { totalCount results { name slug } } }"),
}
for name, slug in slugs.items():
    answers[name] = ask('{ listing(slug: "%%s") { title } }' %% slug)
print(json.dumps({"counts": counts, "answers": answers}, sort_keys=True))
"""


def snapshot(database, slugs_json):
    env = base_env(DATABASE_URL=pg_url(database), DJANGO_SETTINGS_MODULE="cms.settings.test")
    return run_script(SNAPSHOT % slugs_json, env=env)


def tree_digest(folder):
    digests = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as handle:
                digests[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def run(script, *args, env):
    result = subprocess.run(  # noqa: S603
        [str(ROOT / "scripts" / script), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_backup_then_restore_into_a_fresh_database(fresh_database, tmp_path):
    source = fresh_database("src")
    media = tmp_path / "media"
    private_media = tmp_path / "private_media"
    env = base_env(
        DATABASE_URL=pg_url(source),
        MEDIA_ROOT=media,
        PRIVATE_MEDIA_ROOT=private_media,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
    )
    import json

    slugs = run_script(SEED, env=env)
    before = snapshot(source, json.dumps(slugs))
    assert before["counts"]["listings.Listing"] == 5
    assert before["counts"]["listings.Listing (not live)"] == 2  # the drafts are in the dump …
    assert tree_digest(media), "the seed wrote media files"

    run("backup.sh", str(tmp_path / "backups"), env=env)
    (backup,) = (tmp_path / "backups").iterdir()
    assert {p.name for p in backup.iterdir()} >= {"database.dump", "media.tar.gz", "SHA256SUMS", "MANIFEST"}

    target = fresh_database("dst")  # a clone of the migrated template: refused, it has tables
    refused = subprocess.run(  # noqa: S603
        [str(ROOT / "scripts/restore.sh"), str(backup), pg_url(target), str(tmp_path / "x")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 3
    assert "base vide" in refused.stderr

    empty = target + "_e"
    create_database(empty)
    try:
        restored_media = tmp_path / "restored-media"
        run("restore.sh", str(backup), pg_url(empty), str(restored_media), env=env)
        after = snapshot(empty, json.dumps(slugs))
    finally:
        from .conftest import drop_database

        drop_database(empty)

    assert after == before
    answers = after["answers"]
    assert answers["list"][1]["data"]["listings"]["totalCount"] == 3
    assert answers["published"][1]["data"]["listing"] == {"title": "Cabinet publié 0"}
    # … and still private once restored.
    assert answers["draft"][1]["data"]["listing"] is None
    assert answers["pending"][1]["data"]["listing"] is None
    assert tree_digest(restored_media) == tree_digest(media)
