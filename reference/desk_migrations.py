"""The data step of the migrations that gave every desk-owned row its ``site``
(reference/0006, aides/0006, listings/0011, accompaniment/0003: AddField(null=True) →
this backfill → AlterField(null=False)). Migrations depend on it: keep its behaviour.
"""

NO_DEFAULT_SITE = (
    "Impossible de rattacher les données existantes à un guichet : aucun site n'est marqué "
    "« site par défaut ». Marquez le site du guichet comme site par défaut (table wagtailcore_site, "
    "colonne is_default_site), puis relancez les migrations."
)


def backfill_default_site(apps, schema_editor, labels):
    """Give the rows of ``labels`` ("app.Model") without a site the default site's id.
    Fails with a French message when rows exist and no site is the default one."""
    Site = apps.get_model("wagtailcore", "Site")
    site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    if schema_editor.connection.vendor == "postgresql":
        # The new foreign keys are deferred: checked at commit, they would leave "pending
        # trigger events" that forbid the ALTER TABLE … SET NOT NULL that follows.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for label in labels:
        rows = apps.get_model(label)._base_manager.filter(site__isnull=True)
        if not rows.exists():
            continue
        if site_id is None:
            raise RuntimeError(NO_DEFAULT_SITE)
        rows.update(site_id=site_id)


def noop(apps, schema_editor):
    """Going back drops the column: nothing to undo."""
