"""Helpers for data migrations of StreamField content.

Renaming a block type in code (``heading`` → ``section_title``) would silently drop every
stored block of the old name: Wagtail skips unknown types when it reads a stream. A data
migration must rename them in the live rows *and* in the revisions (drafts, pending
moderation, history), which keep their own JSON copy:

    from home.migrations_utils import rename_stream_block

    def forwards(apps, schema_editor):
        rename_stream_block(apps, "home.ContentPage", "body", "heading", "section_title")

    def backwards(apps, schema_editor):
        rename_stream_block(apps, "home.ContentPage", "body", "section_title", "heading")

    operations = [migrations.RunPython(forwards, backwards)]

Only top-level blocks of the stream are renamed (a nested StreamBlock needs its own path).
The JSON is rewritten as stored: values and block ids are unchanged.
"""

import json

from django.db import models


def _rename(stream, old, new):
    """(renamed stream, number of blocks renamed) for a list of {"type", "value", "id"}."""
    renamed = 0
    result = []
    for block in stream or []:
        if isinstance(block, dict) and block.get("type") == old:
            block = {**block, "type": new}
            renamed += 1
        result.append(block)
    return result, renamed


def rename_stream_block(apps, model_label, field_name, old, new, *, batch_size=500):
    """Rename block type `old` to `new` in `model_label.field_name`, live rows and revisions.

    Returns (rows changed, revisions changed). Works with the historical models of a
    migration (`apps`) or the real registry, on SQLite and PostgreSQL."""
    model = apps.get_model(model_label)
    rows = 0
    # Read and written as plain JSON, not through StreamField, which drops the types it
    # does not know (the old name once the code has the new one, or the other way round).
    stored = models.ExpressionWrapper(models.F(field_name), output_field=models.JSONField())
    queryset = model._default_manager.annotate(_stream=stored).values_list("pk", "_stream")
    for pk, raw in queryset.iterator(chunk_size=batch_size):
        stream, count = _rename(json.loads(raw) if isinstance(raw, str) else raw, old, new)
        if count:
            model._default_manager.filter(pk=pk).update(
                **{field_name: models.Value(stream, output_field=models.JSONField())}
            )
            rows += 1

    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type = content_type_model.objects.filter(
        app_label=model._meta.app_label, model=model._meta.model_name
    ).first()
    revisions = 0
    if content_type is not None:
        queryset = revision_model.objects.filter(content_type_id=content_type.pk).only("pk", "content")
        for revision in queryset.iterator(chunk_size=batch_size):
            content = revision.content
            value = content.get(field_name)
            if value in (None, ""):
                continue
            as_text = isinstance(value, str)  # revisions keep a stream as a JSON string
            stream, count = _rename(json.loads(value) if as_text else value, old, new)
            if count:
                content[field_name] = json.dumps(stream) if as_text else stream
                revision_model.objects.filter(pk=revision.pk).update(content=content)
                revisions += 1
    return rows, revisions
