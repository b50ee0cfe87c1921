"""factory_boy factories for contributors, organisations and listings.

``ListingFactory(status=...)`` brings the listing to a moderation status through Wagtail's
real APIs (listings.moderation_states.apply_status): revisions, workflow and task states are
genuine. Pass ``status__submitter=`` / ``status__moderator=`` to choose who acts.
"""

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from home.factories import ImageFactory
from reference.factories import CommuneFactory, location_near

from .models import Listing, ListingContact, ListingKind, ListingPhoto, ListingStatus, Organisation, OrganisationKind
from .moderation_states import apply_status


class ContributorFactory(DjangoModelFactory):
    """A user account, member of an organisation once added to ``Organisation.members``."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"contributeur{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Contributrice {n}")
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-de-test")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class OrganisationFactory(DjangoModelFactory):
    """``OrganisationFactory(communes=[...], members=[...])`` sets the many-to-many fields."""

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Structure de démonstration {n}")
    kind = OrganisationKind.MUNICIPALITY
    email = factory.Sequence(lambda n: f"structure{n}@example.org")

    @factory.post_generation
    def communes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.communes.set(extracted)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class ListingFactory(DjangoModelFactory):
    """A listing, published by default; ``status=`` any ListingStatus value.

    Professions, photos and contacts can be passed as lists (ClusterableModel):
    ``ListingFactory(professions=[gp], photos=[ListingPhoto(image=image)])``.
    """

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    kind = ListingKind.OFFICE
    title = factory.Sequence(lambda n: f"Local professionnel de démonstration {n}")
    summary = "Local disponible pour un médecin généraliste (données de démonstration)."
    commune = factory.SubFactory(CommuneFactory)
    location = factory.LazyAttribute(lambda o: location_near(o.commune))
    live = False

    @factory.post_generation
    def status(obj, create, extracted, submitter=None, moderator=None, **kwargs):
        if not create:
            return
        apply_status(obj, extracted or ListingStatus.PUBLISHED, submitter=submitter, moderator=moderator)


class ListingPhotoFactory(DjangoModelFactory):
    class Meta:
        model = ListingPhoto

    listing = factory.SubFactory(ListingFactory)
    image = factory.SubFactory(ImageFactory)
    caption = "Photo de démonstration"


class ListingContactFactory(DjangoModelFactory):
    class Meta:
        model = ListingContact

    listing = factory.SubFactory(ListingFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "Secrétariat"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    consent_to_publish = False
