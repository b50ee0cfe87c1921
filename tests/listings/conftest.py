import io
import time

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from PIL import Image

from listings.forms import STARTED_SALT
from listings.models import Listing, ListingKind, Organisation
from reference.models import Address, Commune, Profession
from users.roles import MODERATORS_GROUP

# Die, drawn as a square around the town centre: enough for framing the map and for
# telling a point inside the commune from one outside.
DIE_OUTLINE = {
    "type": "Polygon",
    "coordinates": [[[5.3, 44.7], [5.45, 44.7], [5.45, 44.8], [5.3, 44.8], [5.3, 44.7]]],
}


def make_die_with_an_address():
    """The commune of Die (square outline) and one BAN address in it: « 12 Place de la
    République 26150 Die », at 44.7534, 5.3701."""
    die = Commune.objects.create(
        insee_code="26113", name="Die", slug="die-26113", departement_code="26", boundary=DIE_OUTLINE
    )
    Address.objects.create(
        ban_id="26113_0180_00012",
        number=12,
        street_name="Place de la République",
        postcode="26150",
        commune=die,
        latitude=44.7534,
        longitude=5.3701,
    )
    return die


def make_listing(commune, **overrides):
    """An unsaved listing in ``commune`` (an office unless ``kind=`` says otherwise)."""
    values = {
        "kind": ListingKind.OFFICE,
        "title": "Cabinet disponible en centre-ville",
        "summary": "Local de 40 m² au rez-de-chaussée.",
        "commune": commune,
        "location": "SRID=4326;POINT(4.8924 44.9334)",
    }
    values.update(overrides)
    return Listing(**values)


def error_messages(listing):
    """The field → messages of the ValidationError full_clean() must raise."""
    with pytest.raises(ValidationError) as caught:
        listing.full_clean()
    return caught.value.message_dict


@pytest.fixture
def valence(db):
    return Commune.objects.create(insee_code="26362", name="Valence")


@pytest.fixture
def generalist(db):
    return Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")


@pytest.fixture
def moderator(django_user_model):
    """A member of the staff group that reviews listings (created by users' migrations)."""
    user = django_user_model.objects.create_user("moderatrice", "moderatrice@example.org", "motdepasse")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def jpeg_bytes(size=(640, 480), exif=None, color=(40, 120, 200)):
    output = io.BytesIO()
    image = Image.new("RGB", size, color)
    if exif is not None:
        image.save(output, format="JPEG", exif=exif)
    else:
        image.save(output, format="JPEG")
    return output.getvalue()


def started_seconds_ago(seconds):
    return signing.Signer(salt=STARTED_SALT).sign(str(int(time.time() - seconds)))


@pytest.fixture
def members(django_user_model, valence):
    """Alice, member of the town of Valence's contributing organisation."""
    town = Organisation.objects.create(name="Mairie de Valence", kind="municipality")
    town.communes.add(valence)
    alice = django_user_model.objects.create_user("alice", "alice@example.org", "motdepasse")
    town.members.add(alice)
    return {"alice": alice, "town": town}


@pytest.fixture
def listing_data(valence, generalist):
    """A complete, valid submission as the browser sends it."""
    return {
        "kind": "office",
        "title": "Local médical en centre-ville",
        "summary": "Local de 45 m² accessible, proche de la pharmacie.",
        "description": "Deux pièces, salle d'attente partagée.",
        "professions": [str(generalist.pk)],
        "commune": str(valence.pk),
        "address": "12 rue Madier-de-Montjau",
        "latitude": "44.9334",
        "longitude": "4.8924",
        "surface_m2": "45",
        "monthly_rent_eur": "450",
        "conditions": "Trois mois de loyer offerts.",
        "contact-name": "Claire Martin",
        "contact-role": "Adjointe à la santé",
        "contact-email": "claire.martin@example.org",
        "contact-phone": "04 75 00 00 00",
    }
