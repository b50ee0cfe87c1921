"""factory_boy factories for pages and images.

Pages are added to the tree with ``parent.add_child()`` and, unless ``publish=False``,
published through a revision as an editor would; pass ``parent=`` to choose where. Images
are small placeholder pictures drawn with Pillow (see home.placeholder_images).
"""

import factory
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import ContentPage, HomePage
from .placeholder_images import DEMO_CREDIT, placeholder_image_file


class ImageFactory(DjangoModelFactory):
    """An image of the project's image model; ``kind`` is facade, interior, landscape or logo."""

    class Meta:
        model = get_image_model()

    class Params:
        kind = "interior"

    title = factory.Sequence(lambda n: f"Image de démonstration {n}")
    file = factory.LazyAttribute(lambda o: placeholder_image_file(o.kind, seed=o.title))
    alt_text = factory.LazyAttribute(lambda o: o.title)
    credit = DEMO_CREDIT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        image = model_class(*args, **kwargs)
        image._set_image_file_metadata()
        image.save()
        return image


class PageFactory(DjangoModelFactory):
    """Base for page factories: ``parent`` (a page) and ``publish`` (default True)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def default_parent(cls):
        return Page.get_first_root_node()

    @classmethod
    def _build(cls, model_class, *args, parent=None, publish=True, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or cls.default_parent()).add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            page.save(update_fields=["live"])
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Accueil {n}")
    introduction = "Le guichet unique santé accompagne les médecins de l'internat à l'installation."


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Page de contenu {n}")
    introduction = "Une page éditoriale de démonstration."
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Données de démonstration – à vérifier.</p>"}]
    )

    @classmethod
    def default_parent(cls):
        return HomePage.objects.first() or HomePageFactory()
