"""Photos awaiting moderation never appear in the editors' image chooser."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file

from media_library.models import CustomImage

pytestmark = pytest.mark.django_db


def test_pending_photos_are_not_choosable(client):
    pending = CustomImage(title="photo-en-attente", file=get_test_image_file(filename="attente.png"))
    pending.pending_review = True
    pending.save()
    assert pending.file.name.startswith("pending/")
    public = CustomImage.objects.create(title="photo-publique", file=get_test_image_file(filename="publique.png"))
    editor = get_user_model().objects.create_superuser("redactrice", "redactrice@example.org", "motdepasse")
    client.force_login(editor)
    for url in (reverse("wagtailimages_chooser:choose"), reverse("wagtailimages_chooser:choose_results")):
        html = client.get(url).content.decode()
        assert public.title in html, url
        assert pending.title not in html, url
    search = client.get(reverse("wagtailimages_chooser:choose_results"), {"q": "attente"}).content.decode()
    assert pending.title not in search
