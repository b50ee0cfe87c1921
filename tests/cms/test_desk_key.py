"""The desk key (issue 17, increment 1): every desk-owned row belongs to a Wagtail Site,
the default one unless the code says otherwise; names, slugs and codes are unique within a
desk; staff groups are bound to a desk in a role. Nothing reads the key yet: one desk
behaves as before."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.forms import modelform_factory
from wagtail.models import Page, Site

from accompaniment.factories import AssignmentRuleFactory, CaseFactory
from aides.factories import AidAudienceFactory
from aides.models import AidAudience
from home.desks import desk_territory
from home.models import DeskSettings, HomePage
from listings.factories import ListingFactory, OrganisationFactory
from listings.models import AccountRequest, ListingStatus, Organisation, OrganisationKind
from reference.desks import default_site_id
from reference.factories import HealthFacilityFactory, ProfessionFactory
from reference.models import Profession
from reference.territory import Territory, format_bbox, parse_bbox
from users.models import DeskRole, GroupDesk
from users.roles import (
    ACCOMPANIMENT_GROUP,
    ACCOMPANIMENT_MANAGERS_GROUP,
    EDITORS_GROUP,
    MODERATORS_GROUP,
    desks_of,
    users_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def other_site():
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Autre guichet", slug="autre-guichet"))
    return Site.objects.create(hostname="autre.example", port=80, root_page=home, site_name="Autre guichet")


def account_request():
    return AccountRequest.objects.create(
        organisation_name="Mairie de Crest",
        organisation_kind=OrganisationKind.MUNICIPALITY,
        first_name="Camille",
        last_name="Martin",
        role="Adjointe à la santé",
        email="camille.martin@example.org",
    )


@pytest.mark.parametrize(
    "make",
    [
        OrganisationFactory,
        ListingFactory,
        account_request,
        ProfessionFactory,
        HealthFacilityFactory,
        AidAudienceFactory,
        CaseFactory,
        AssignmentRuleFactory,
    ],
    ids=lambda make: getattr(make, "__name__", str(make)),
)
def test_a_row_created_without_a_desk_belongs_to_the_default_site(make, default_site):
    row = make()
    row.refresh_from_db()
    assert row.site_id == default_site.pk


def test_a_row_keeps_the_desk_it_was_created_in(other_site):
    assert ProfessionFactory(site=other_site).site_id == other_site.pk


def test_without_a_default_site_the_error_says_what_to_do():
    Site.objects.update(is_default_site=False)
    with pytest.raises(ImproperlyConfigured, match="Aucun site par défaut"):
        default_site_id()
    with pytest.raises(ImproperlyConfigured, match="Aucun site par défaut"):
        Profession.objects.create(name="Sage-femme", slug="sage-femme")


def test_a_listing_revision_saved_before_the_desk_key_keeps_the_live_rows_desk(other_site):
    listing = ListingFactory(status=ListingStatus.PUBLISHED)
    listing.title = "Nouveau titre"
    revision = listing.save_revision()
    del revision.content["site"]  # what a revision saved before the migration looks like
    revision.save(update_fields=["content"])
    listing.refresh_from_db()
    draft = listing.get_latest_revision_as_object()
    assert draft.title == "Nouveau titre" and draft.site_id == listing.site_id

    # A listing never changes desk, whatever its revisions say.
    type(listing).objects.filter(pk=listing.pk).update(site=other_site)
    listing.refresh_from_db()
    assert listing.get_latest_revision_as_object().site_id == other_site.pk
    assert listing.revisions.order_by("pk").first().as_object().site_id == other_site.pk


def french_errors(error):
    return " ".join(error.value.messages)


def test_profession_names_and_slugs_are_unique_within_a_desk(default_site, other_site):
    ProfessionFactory(name="Médecin généraliste", slug="medecin-generaliste")
    # The same profession in another desk is another row.
    twin = Profession(site=other_site, name="Médecin généraliste", slug="medecin-generaliste")
    twin.full_clean()
    twin.save()

    same_slug = Profession(name="Généraliste", slug="medecin-generaliste")
    with pytest.raises(ValidationError) as error:
        same_slug.full_clean()
    assert french_errors(error) == "Une profession a déjà cet identifiant d'URL dans ce guichet."
    assert same_slug.site_id == default_site.pk
    same_name = Profession(name="Médecin généraliste", slug="mg")
    with pytest.raises(ValidationError) as error:
        same_name.full_clean()
    assert french_errors(error) == "Une profession porte déjà ce nom dans ce guichet."
    with pytest.raises(IntegrityError), transaction.atomic():
        Profession.objects.create(name="Généraliste", slug="medecin-generaliste")


def test_a_form_without_the_desk_still_refuses_a_duplicate_in_french():
    """The desk is never a form field: the constraints naming it must run all the same."""
    ProfessionFactory(name="Pédiatre", slug="pediatre")
    form = modelform_factory(Profession, fields=["name", "slug", "sort_order"])(
        data={"name": "Pédiatre", "slug": "pediatre-bis", "sort_order": 0}
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["Une profession porte déjà ce nom dans ce guichet."]


def test_organisation_names_are_unique_whatever_the_case_within_a_desk(other_site):
    Organisation.objects.create(name="CPTS du Diois", kind=OrganisationKind.CPTS)
    Organisation.objects.create(site=other_site, name="cpts du diois", kind=OrganisationKind.CPTS)
    duplicate = Organisation(name="CPTS DU DIOIS", kind=OrganisationKind.CPTS)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert french_errors(error) == (
        "Une structure porte déjà ce nom dans ce guichet (majuscules et minuscules confondues)."
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_audience_codes_are_unique_within_a_desk(other_site):
    AidAudienceFactory(code="interne", name="Interne")
    AidAudience.objects.create(site=other_site, code="interne", name="Interne")
    duplicate = AidAudience(code="interne", name="Interne (bis)")
    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints(exclude={"site"})
    assert french_errors(error) == "Un public visé a déjà ce code dans ce guichet."


def test_the_four_staff_groups_are_bound_to_the_default_site(default_site):
    roles = {
        MODERATORS_GROUP: DeskRole.MODERATORS,
        EDITORS_GROUP: DeskRole.EDITORS,
        ACCOMPANIMENT_GROUP: DeskRole.ACCOMPANIMENT,
        ACCOMPANIMENT_MANAGERS_GROUP: DeskRole.ACCOMPANIMENT_MANAGERS,
    }
    bindings = {desk.group.name: (desk.site_id, desk.role) for desk in GroupDesk.objects.select_related("group")}
    assert bindings == {name: (default_site.pk, role) for name, role in roles.items()}


def test_desks_of_a_user_follow_their_groups(default_site, other_site, django_user_model):
    moderator = django_user_model.objects.create_user("moderatrice", "moderatrice@example.org", "x")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    other_editors = Group.objects.create(name="Rédacteurs – Autre guichet")
    GroupDesk.objects.create(group=other_editors, site=other_site, role=DeskRole.EDITORS)
    editor = django_user_model.objects.create_user("redacteur", "redacteur@example.org", "x")
    editor.groups.add(other_editors)
    nobody = django_user_model.objects.create_user("contributeur", "contributeur@example.org", "x")
    superuser = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")

    assert list(desks_of(moderator)) == [default_site]
    assert list(desks_of(editor)) == [other_site]
    assert set(desks_of(superuser)) == {default_site, other_site}
    assert not desks_of(nobody).exists()
    assert not desks_of(AnonymousUser()).exists()

    assert list(users_with_role(default_site, DeskRole.MODERATORS)) == [moderator]
    assert list(users_with_role(other_site, DeskRole.EDITORS)) == [editor]
    assert not users_with_role(other_site, DeskRole.MODERATORS).exists()
    assert not users_with_role(default_site, DeskRole.EDITORS).exists()


def test_a_desks_territory_starts_from_the_settings_and_follows_its_settings(default_site, other_site, settings):
    assert desk_territory(None) == Territory.from_settings()
    assert desk_territory(default_site) == Territory.from_settings()
    assert Territory.from_settings().code == settings.TERRITORY["code"]

    desk = DeskSettings.for_site(other_site)
    assert parse_bbox(desk.territory_bbox) == tuple(settings.TERRITORY["bbox"])
    desk.territory_code, desk.territory_name, desk.territory_bbox = "07", "Ardèche", "3.86,44.26,4.89,45.37"
    desk.save()
    territory = desk_territory(other_site)
    assert (territory.code, territory.name, territory.bbox) == ("07", "Ardèche", (3.86, 44.26, 4.89, 45.37))
    assert territory.contains(44.73, 4.6) and not territory.contains(44.73, 5.2)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Ce champ ne peut pas être vide."),
        ("4.6,44.1,5.85", "Saisissez le cadre du territoire en quatre nombres"),
        ("4.6,44.1,5.85,nord", "Saisissez le cadre du territoire en quatre nombres"),
        ("5.85,44.1,4.6,45.4", "Le cadre du territoire est incohérent"),
        ("4,44,5,95", "Le cadre du territoire est incohérent"),
    ],
)
def test_a_wrong_territory_box_is_refused_in_french(text, message, default_site):
    desk = DeskSettings.for_site(default_site)
    desk.territory_bbox = text
    with pytest.raises(ValidationError) as error:
        desk.full_clean()
    assert error.value.message_dict["territory_bbox"][0].startswith(message)


def test_a_box_reads_back_as_written():
    assert parse_bbox(format_bbox((4.6, 44.1, 5.85, 45.4))) == (4.6, 44.1, 5.85, 45.4)
