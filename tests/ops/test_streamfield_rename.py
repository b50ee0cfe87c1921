"""Schema migrations safety: renaming a StreamField block type keeps the live content and
the pending revisions (home.migrations_utils.rename_stream_block, the data migration a
block rename needs)."""

import json

import pytest
from django.apps import apps
from django.db import models
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from home.migrations_utils import rename_stream_block
from home.models import ContentPage

pytestmark = pytest.mark.django_db


def stream_types(raw):
    return [block["type"] for block in raw]


def stored_stream(pk):
    """The JSON in the database, as stored (the model would hide unknown block types)."""
    stored = models.ExpressionWrapper(models.F("body"), output_field=models.JSONField())
    raw = ContentPage.objects.annotate(_raw=stored).values_list("_raw", flat=True).get(pk=pk)
    return json.loads(raw) if isinstance(raw, str) else raw


@pytest.fixture
def page_with_pending_edit():
    page = ContentPage(
        title="S'installer dans la Drôme",
        slug="s-installer",
        body=[
            ("heading", {"text": "Les étapes", "level": "h2"}),
            ("paragraph", RichText("<p>Contactez le guichet.</p>")),
            ("heading", {"text": "Les aides", "level": "h3"}),
        ],
    )
    Page.get_first_root_node().add_child(instance=page)
    page.save_revision().publish()
    page = ContentPage.objects.get(pk=page.pk)
    page.body = [*page.body.raw_data, {"type": "heading", "value": {"text": "Nouveau titre", "level": "h2"}}]
    page.save_revision()  # a pending edit: not live
    return ContentPage.objects.get(pk=page.pk)


def test_a_block_rename_keeps_live_content_and_pending_revisions(page_with_pending_edit):
    page = page_with_pending_edit
    live_before = [dict(block) for block in page.body.raw_data]
    latest = page.get_latest_revision()
    assert latest.pk != page.live_revision_id

    rows, revisions = rename_stream_block(apps, "home.ContentPage", "body", "heading", "section_title")
    assert (rows, revisions) == (1, 2)  # the live row; the published and the pending revision

    # Live content: same blocks, same ids and values, the new type name.
    raw = stored_stream(page.pk)
    assert stream_types(raw) == ["section_title", "paragraph", "section_title"]
    assert [(b["id"], b["value"]) for b in raw] == [(b["id"], b["value"]) for b in live_before]

    # The pending revision (the moderator has not seen it yet) is renamed too, unpublished.
    pending = json.loads(Revision.objects.get(pk=latest.pk).content["body"])
    assert stream_types(pending) == ["section_title", "paragraph", "section_title", "section_title"]
    assert pending[-1]["value"] == {"text": "Nouveau titre", "level": "h2"}
    assert ContentPage.objects.get(pk=page.pk).live_revision_id != latest.pk

    # Back again (the migration's reverse): everything reads as before through the model.
    rename_stream_block(apps, "home.ContentPage", "body", "section_title", "heading")
    page = ContentPage.objects.get(pk=page.pk)
    assert [dict(block) for block in page.body.raw_data] == live_before
    assert page.body[0].value["text"] == "Les étapes"  # the block is known again, nothing dropped
    assert len(page.get_latest_revision().as_object().body) == 4


def test_without_the_data_migration_the_blocks_would_be_lost(page_with_pending_edit):
    """Why the helper exists: Wagtail drops stored blocks whose type is unknown."""
    rename_stream_block(apps, "home.ContentPage", "body", "heading", "section_title")
    page = ContentPage.objects.get(pk=page_with_pending_edit.pk)
    assert [block.block_type for block in page.body] == ["paragraph"]
