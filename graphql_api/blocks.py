"""StreamField content as typed GraphQL blocks, rich text with internal links expanded."""

from typing import Annotated

import strawberry
from django.db.models import prefetch_related_objects
from wagtail.rich_text import RichText, expand_db_html

from home.visibility import public_image_ids, public_url

from .images import ImageType, allowed_renditions_prefetch


def rich_text_html(value):
    """HTML of a rich text value with internal page and document links turned into real URLs."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return expand_db_html(source)


@strawberry.type(description="A section heading.")
class HeadingBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    text: str = strawberry.field(description="Heading text.")
    level: str = strawberry.field(description="HTML heading level: h2 or h3.")


@strawberry.type(description="A paragraph of rich text.")
class ParagraphBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    html: str = strawberry.field(description="HTML, with internal links expanded to real URLs.")


@strawberry.type(description="An image with its alternative text.")
class ImageBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    image: ImageType | None = strawberry.field(description="The image.")
    alt: str = strawberry.field(description="Alternative text in this context; empty when decorative.")
    decorative: bool = strawberry.field(description="True when the image is purely decorative.")


@strawberry.type(description="A highlighted link to a page of the site or to a web address.")
class CallToActionBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    text: str = strawberry.field(description="Button text.")
    url: str | None = strawberry.field(description="Target URL; null when the target page is not public.")


@strawberry.type(description="A frequently asked question and its answer.")
class QuestionBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    question: str = strawberry.field(description="The question.")
    answer_html: str = strawberry.field(description="The answer, as HTML with internal links expanded.")


@strawberry.type(description="A step of a journey.")
class StepBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    title: str = strawberry.field(description="Title of the step.")
    body_html: str = strawberry.field(description="Text of the step, as HTML with internal links expanded.")


@strawberry.type(description="A quotation.")
class QuoteBlock:
    id: str = strawberry.field(description="Block identifier, stable across edits.")
    text: str = strawberry.field(description="The quoted text.")


StreamBlock = Annotated[
    HeadingBlock | ParagraphBlock | ImageBlock | CallToActionBlock | QuestionBlock | StepBlock | QuoteBlock,
    strawberry.union("StreamBlock", description="One block of a page's StreamField content."),
]


def stream_blocks(stream_value, info):
    """Typed blocks of a StreamValue (unknown block types are skipped)."""
    if not stream_value:
        return []
    request = getattr(info.context, "request", None)
    images = [child.value for child in stream_value if child.block_type == "image" and child.value is not None]
    public_images = public_image_ids(images)
    if images:
        prefetch_related_objects(images, allowed_renditions_prefetch())
    result = []
    for child in stream_value:
        kind, value, block_id = child.block_type, child.value, child.id or ""
        if kind == "heading":
            result.append(HeadingBlock(id=block_id, text=value["text"], level=value["level"]))
        elif kind == "paragraph":
            result.append(ParagraphBlock(id=block_id, html=rich_text_html(value)))
        elif kind == "image":
            result.append(
                ImageBlock(
                    id=block_id,
                    image=value if value is not None and value.pk in public_images else None,
                    alt=""
                    if getattr(value, "decorative", False)
                    else (getattr(value, "contextual_alt_text", "") or ""),
                    decorative=bool(getattr(value, "decorative", False)),
                )
            )
        elif kind == "call_to_action":
            url = public_url(value.get("page"), request) if value.get("page") else (value.get("url") or None)
            result.append(CallToActionBlock(id=block_id, text=value["text"], url=url))
        elif kind == "question":
            result.append(
                QuestionBlock(id=block_id, question=value["question"], answer_html=rich_text_html(value["answer"]))
            )
        elif kind == "step":
            result.append(StepBlock(id=block_id, title=value["title"], body_html=rich_text_html(value["body"])))
        elif kind == "quote":
            result.append(QuoteBlock(id=block_id, text=str(value)))
    return result
