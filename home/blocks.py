"""StreamField blocks shared by every editorial page.

Each block has a template for the public site and a preview value for the editor's block
picker; the API exposes them as typed blocks (graphql_api).
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .visibility import public_url

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Titre", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau", choices=[("h2", "Titre de section (h2)"), ("h3", "Sous-titre (h3)")], default="h2"
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "blocks/heading_block.html"
        preview_value = {"text": "De l'internat à la première installation", "level": "h2"}
        description = "Un titre de section."


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texte du bouton", max_length=80)
    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.URLBlock(label="Ou adresse web", required=False)

    class Meta:
        icon = "link"
        label = "Bouton d'action"
        template = "blocks/call_to_action_block.html"
        preview_value = {"text": "Trouver les aides qui me concernent", "url": "https://example.org"}
        description = "Un lien mis en avant vers une page du site ou une adresse web."

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choisissez une page du site ou saisissez une adresse web.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        """`href`: the chosen page's URL only while the public may see it, else the web
        address; none at all for a page that is not public (the button is not shown)."""
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["href"] = public_url(value["page"], request) if value.get("page") else (value.get("url") or None)
        return context


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Question", max_length=255)
    answer = blocks.RichTextBlock(label="Réponse", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Question fréquente"
        template = "blocks/question_answer_block.html"
        preview_value = {
            "question": "Qui peut m'accompagner dans mon projet d'installation ?",
            "answer": "<p>Le guichet unique santé du Département vous met en relation avec les partenaires.</p>",
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Étape", max_length=120)
    body = blocks.RichTextBlock(label="Texte", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = "Étape de parcours"
        template = "blocks/step_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Paragraphe", features=RICH_TEXT_FEATURES, icon="pilcrow", template="blocks/paragraph_block.html"
    )
    image = ImageBlock(label="Image", template="blocks/image_block.html")
    call_to_action = CallToActionBlock()
    question = QuestionAnswerBlock()
    step = StepBlock()
    quote = blocks.BlockQuoteBlock(label="Citation", template="blocks/quote_block.html")
