"""Custom image and document models, in place before the first migration.

They let us add fields (credit, alt text) and change storage rules without swapping
models on a live database later.
"""

from django.db import models
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from .storage import PENDING_PREFIX, is_pending


class CustomImage(AbstractImage):
    alt_text = models.CharField(
        "texte alternatif",
        max_length=255,
        blank=True,
        help_text="Décrit l'image pour les personnes qui ne la voient pas. "
        "Laisser vide si l'image est purement décorative.",
    )
    credit = models.CharField("crédit", max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")
    # `file` is filterable so that the chooser can leave out pending photos when searching too.
    search_fields = [*AbstractImage.search_fields, index.FilterField("file")]

    # Set on an instance before saving to keep its file private until approved (storage.py).
    pending_review = False

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    def get_upload_to(self, filename):
        path = super().get_upload_to(filename)
        return PENDING_PREFIX + path if self.pending_review else path


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        # Renditions of a private image stay private too.
        path = super().get_upload_to(filename)
        return PENDING_PREFIX + path if is_pending(self.image.file.name) else path


class CustomDocument(AbstractDocument):
    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
