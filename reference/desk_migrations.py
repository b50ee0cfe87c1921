"""The data steps of the desk migrations. Migrations depend on them: keep their behaviour.

- ``backfill_default_site``: every desk-owned row gets its ``site`` (reference/0006, aides/0006,
  listings/0011, accompaniment/0003: AddField(null=True) → this backfill → AlterField(null=False));
- ``stamp_log_entries``: the audit log entries of those rows get their desk (reference/0009,
  aides/0008, listings/0013, accompaniment/0004).
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


def stamp_log_entries(apps, schema_editor, site_fields):
    """Give the audit log entries of the rows of ``site_fields`` ({"app.Model": lookup from the
    model to its Site}) the desk of their row (``data["desk"]``, reference.desk_history), or
    the default site's when the row is gone (or when it says no site). Entries already stamped
    are left as they are. Without a default site, an entry of a deleted row stays unstamped
    (the desk history reads it as the default desk's)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Site = apps.get_model("wagtailcore", "Site")
    default_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    for label, site_field in site_fields.items():
        model = apps.get_model(label)
        content_type = ContentType.objects.filter(app_label=model._meta.app_label, model=model._meta.model_name).first()
        if content_type is None:
            continue
        desks = {str(pk): site_id for pk, site_id in model._base_manager.values_list("pk", site_field)}
        entries = ModelLogEntry.objects.filter(content_type=content_type).exclude(data__has_key="desk")
        batch = []
        for entry in entries.only("pk", "object_id", "data").iterator(chunk_size=1000):
            desk = desks.get(entry.object_id) or default_id
            if desk is None:
                continue
            entry.data = {**(entry.data or {}), "desk": desk}
            batch.append(entry)
            if len(batch) == 1000:
                ModelLogEntry.objects.bulk_update(batch, ["data"])
                batch = []
        ModelLogEntry.objects.bulk_update(batch, ["data"])
