"""manage.py seed_demo builds a realistic, idempotent demo; every page and admin view renders.

The demo is built once for the class (setUpTestData) and each test runs in a transaction
rolled back afterwards, so that tests may run the command again without side effects.
"""

import shutil
import tempfile
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, Site, TaskState, WorkflowState
from wagtail.snippets.models import get_snippet_models

from aides.conditions import AmountPeriod, PracticeMode, SectorCondition
from aides.eligibility import Amount, Situation, Verdict, answer
from aides.factories import AidAudienceFactory, AidPageFactory
from aides.models import AidAudience, AidPage, AidsIndexPage
from home.factories import ContentPageFactory, ImageFactory
from home.models import ContentPage, DeskSettings, HomePage
from listings.factories import ContributorFactory, ListingFactory, ListingPhotoFactory, OrganisationFactory
from listings.models import Listing, ListingKind, ListingStatus, Organisation
from partners.factories import PartnerPageFactory
from partners.models import PartnerPage, PartnersIndexPage
from provisioning.demo.content.aids import AIDS, FIRST_INSTALLATION_GROUP
from provisioning.demo.content.common import DEMO_NOTICE
from reference.factories import HealthFacilityFactory
from reference.models import (
    Commune,
    Epci,
    HealthFacility,
    HealthFacilityKind,
    Profession,
    ProfessionZoning,
    ZonageCategory,
)

# Builds the whole demonstration site (about 30 s in all): in CI, not in the fast set.
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _media_and_cache_isolation():
    """Replaces conftest's fixture of the same name: the demo images are written once for
    the whole class (see SeedDemoTests.setUpClass) and must stay readable by every test."""
    cache.clear()
    yield
    cache.clear()


def model_counts():
    models = [
        Commune,
        Epci,
        Profession,
        ProfessionZoning,
        HealthFacility,
        Organisation,
        get_user_model(),
        Listing,
        Page,
        get_image_model(),
        Revision,
        WorkflowState,
        TaskState,
        ModelLogEntry,
        PageLogEntry,
        Site,
        DeskSettings,
    ]
    return {model.__name__: model.objects.count() for model in models}


def selection(graphql_type, depth):
    """Every field of an object type, `depth` levels down (required arguments given)."""
    from graphql import get_named_type, is_leaf_type, is_union_type

    if is_union_type(graphql_type):
        members = " ".join(f"... on {member.name} {{ {selection(member, depth)} }}" for member in graphql_type.types)
        return f"__typename {members}"
    parts = []
    for name, field in graphql_type.fields.items():
        arguments = ", ".join(
            f"{arg_name}: {next(iter(get_named_type(arg.type).values))}"
            for arg_name, arg in field.args.items()
            if arg.type.__class__.__name__ == "GraphQLNonNull"
        )
        call = f"{name}({arguments})" if arguments else name
        target = get_named_type(field.type)
        if is_leaf_type(target):
            parts.append(call)
        elif depth > 0:
            parts.append(f"{call} {{ {selection(target, depth - 1)} }}")
    return " ".join(parts) or "__typename"


class SeedDemoTests(TestCase):
    @classmethod
    def setUpClass(cls):
        media_root = tempfile.mkdtemp(prefix="gus-seed-demo-media-")
        cls.addClassCleanup(shutil.rmtree, media_root, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media_root))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        output = StringIO()
        call_command("seed_demo", stdout=output)
        cls.output = output.getvalue()

    def login_as_superuser(self):
        user = get_user_model().objects.create_superuser("admin-test", "admin-test@example.org", "motdepasse")
        self.client.force_login(user)
        return user

    # --- Content ----------------------------------------------------------------------------

    def test_listings_cover_every_kind_status_and_many_communes(self):
        listings = Listing.objects.all()
        self.assertGreaterEqual(listings.count(), 40)
        self.assertEqual(set(listings.values_list("kind", flat=True)), set(ListingKind.values))
        self.assertGreaterEqual(Commune.objects.filter(listings__isnull=False).distinct().count(), 25)
        for status in ListingStatus:
            with self.subTest(status=status):
                self.assertGreaterEqual(listings.with_status(status).count(), 2)
        self.assertGreaterEqual(listings.with_status(ListingStatus.PUBLISHED).count(), 25)
        self.assertGreaterEqual(listings.public().count(), 25)

    def test_every_commune_count_equals_the_list_it_counts(self):
        """listingCount and healthFacilityCount, for every commune of the demo (non-public
        listings included in the data), equal the length of the lists they count."""
        query = """query ($offset: Int!) { communes(pagination: {offset: $offset, limit: 20}) { totalCount
            results { name listingCount healthFacilityCount
                listings(pagination: {limit: 100}) { id } healthFacilities(pagination: {limit: 100}) { id } } } }"""
        offset, checked, with_both = 0, 0, 0
        while True:
            response = self.client.post(
                "/graphql/", {"query": query, "variables": {"offset": offset}}, content_type="application/json"
            )
            page = response.json()["data"]["communes"]
            for commune in page["results"]:
                with self.subTest(commune=commune["name"]):
                    self.assertEqual(commune["listingCount"], len(commune["listings"]))
                    self.assertEqual(commune["healthFacilityCount"], len(commune["healthFacilities"]))
                checked += 1
                with_both += bool(commune["listings"] and commune["healthFacilities"])
            offset += 20
            if offset >= page["totalCount"]:
                break
        self.assertEqual(checked, Commune.objects.count())
        self.assertGreater(with_both, 3)  # the case where two joined counts multiplied each other
        self.assertGreater(Listing.objects.exclude(pk__in=Listing.objects.public()).count(), 5)

    def test_every_live_page_answers_page_by_path_with_every_field(self):
        """`page(path:)` for every live page of the demo, selecting every field of every page
        type and the leaves of the objects it links to: no error, and the type the site serves."""
        from graphql_api.schema import schema

        def query_for(type_name):
            fields = selection(schema._schema.get_type(type_name), depth=1)
            return f"query ($path: String!) {{ page(path: $path) {{ __typename ... on {type_name} {{ {fields} }} }} }}"

        site = Site.objects.get(is_default_site=True)
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific()
        self.assertGreaterEqual(len(pages), 10)
        for page in pages:
            path = page.get_url(current_site=site) or "/"
            with self.subTest(path=path):
                query = query_for(type(page).__name__)
                response = self.client.post(
                    "/graphql/", {"query": query, "variables": {"path": path}}, content_type="application/json"
                )
                body = response.json()
                self.assertNotIn("errors", body, body.get("errors"))
                self.assertEqual(body["data"]["page"]["__typename"], type(page).__name__)

    def test_listings_are_complete_and_consistent(self):
        min_lon, min_lat, max_lon, max_lat = settings.TERRITORY["bbox"]
        for listing in Listing.objects.prefetch_related("photos", "contacts", "organisation__communes"):
            with self.subTest(listing=listing.slug):
                self.assertTrue(min_lat <= listing.latitude <= max_lat and min_lon <= listing.longitude <= max_lon)
                self.assertLess(abs(listing.latitude - listing.commune.centroid_latitude), 0.05)
                self.assertIn(len(listing.photos.all()), (1, 2, 3))
                self.assertEqual(len(listing.contacts.all()), 1)
                self.assertIsNotNone(listing.last_confirmed_at)
                if listing.organisation:
                    self.assertIn(listing.commune, listing.organisation.communes.all())
        contacts = [listing.contacts.get() for listing in Listing.objects.all()]
        consenting = sum(contact.consent_to_publish for contact in contacts)
        self.assertTrue(0 < consenting < len(contacts) / 2)
        self.assertTrue(Listing.objects.filter(organisation__isnull=True).exists())
        self.assertTrue(Listing.objects.filter(expire_at__isnull=False).public().exists())

    def test_moderation_states_come_from_wagtail(self):
        for listing in Listing.objects.with_status(ListingStatus.PENDING):
            self.assertEqual(listing.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
            self.assertEqual(listing.current_workflow_task_state.status, TaskState.STATUS_IN_PROGRESS)
        for listing in Listing.objects.with_status(ListingStatus.CHANGES_REQUESTED):
            task_state = TaskState.objects.filter(workflow_state=listing.current_workflow_state).get()
            self.assertEqual(task_state.status, TaskState.STATUS_REJECTED)
            self.assertTrue(task_state.comment)
        for listing in Listing.objects.with_status(ListingStatus.REJECTED):
            self.assertFalse(listing.live)
            self.assertTrue(listing.rejection_reason)
        for listing in Listing.objects.with_status(ListingStatus.PUBLISHED):
            self.assertIsNotNone(listing.live_revision_id)
        for listing in Listing.objects.with_status(ListingStatus.EXPIRED):
            self.assertTrue(listing.expired)
            self.assertFalse(listing.live)
        for listing in Listing.objects.with_status(ListingStatus.WITHDRAWN):
            self.assertFalse(listing.live)
            self.assertIsNotNone(listing.first_published_at)
        # A published listing with an edit awaiting moderation keeps its approved version.
        edited = Listing.objects.filter(live=True, has_unpublished_changes=True).get()
        self.assertTrue(edited.workflow_in_progress)
        self.assertNotEqual(edited.summary, edited.get_latest_revision_as_object().summary)

    def test_pages_and_site(self):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        self.assertIsInstance(home, HomePage)
        self.assertTrue(home.live and home.hero_image and home.body and home.introduction)
        self.assertEqual(Page.objects.filter(depth=2).count(), 1, "Wagtail's welcome page is replaced")
        self.assertGreaterEqual(ContentPage.objects.live().child_of(home).count(), 3)
        journey = ContentPage.objects.get(slug="parcours")
        self.assertGreaterEqual(sum(block.block_type == "step" for block in journey.body), 3)
        faq = ContentPage.objects.get(slug="questions-frequentes")
        self.assertGreaterEqual(sum(block.block_type == "question" for block in faq.body), 3)
        self.assertTrue(AidsIndexPage.objects.live().child_of(home).exists())
        self.assertTrue(PartnersIndexPage.objects.live().child_of(home).exists())
        self.assertEqual(DeskSettings.for_site(site).contact_email, "guichet-sante@example.org")

    def test_aids_are_complete_and_marked_as_demo(self):
        aids = AidPage.objects.live()
        self.assertGreaterEqual(aids.count(), 12)
        self.assertTrue(aids.filter(scope="local", communes__isnull=False, epcis__isnull=False).exists())
        for aid in aids:
            with self.subTest(aid=aid.slug):
                self.assertIsNotNone(aid.funder)
                self.assertIsNotNone(aid.last_reviewed_at)
                self.assertTrue(aid.audiences.exists())
                self.assertIn(DEMO_NOTICE, aid.summary)
                self.assertIn(DEMO_NOTICE, str(aid.body))
                self.assertTrue(aid.application_url.startswith("https://"))

    def test_the_2016_contracts_are_history_and_the_2026_aids_are_there(self):
        closed = AidPage.objects.live().filter(valid_until=date(2025, 12, 31))
        contracts = {slug.split("-")[-1] for slug in closed.values_list("slug", flat=True)}
        self.assertEqual(contracts, {"caim", "coscom", "cotram", "cstm"})
        for aid in closed:
            with self.subTest(aid=aid.slug):
                self.assertIn("fermé aux nouvelles signatures", aid.summary)
        self.assertEqual(
            AidPage.objects.get(slug="aide-docteurs-juniors-medecine-generale").valid_from, date(2026, 11, 1)
        )
        self.assertTrue(AidPage.objects.filter(valid_from=date(2026, 1, 1), amount_max_eur=10000).exists())

    def test_aids_carry_their_eligibility_conditions_as_written(self):
        aids = {aid.slug: aid for aid in AidPage.objects.live()}
        self.assertEqual(set(aids), {spec["slug"] for spec in AIDS})
        for spec in AIDS:
            aid = aids[spec["slug"]]
            with self.subTest(aid=aid.slug):
                self.assertEqual(aid.first_installation_only, spec.get("first_installation_only", False))
                self.assertEqual(aid.practice_modes, spec.get("practice_modes", []))
                self.assertLessEqual(set(aid.practice_modes), set(PracticeMode.values))
                self.assertIn(aid.sector_condition, SectorCondition.values)
                self.assertEqual(aid.commitment, spec.get("commitment", ""))
                self.assertEqual(aid.exclusion_group, spec.get("exclusion_group", ""))
                self.assertEqual(aid.exclusion_years, spec.get("exclusion_years"))
                self.assertIn(aid.amount_period, AmountPeriod.values)
                self.assertEqual(aid.amount_periods, spec.get("amount_periods"))
                if aid.amount_periods:
                    self.assertNotEqual(aid.amount_period, AmountPeriod.ONCE)
                aid.full_clean()
        grouped = {slug for slug, aid in aids.items() if aid.exclusion_group == FIRST_INSTALLATION_GROUP}
        self.assertEqual(
            grouped,
            {
                "aide-premiere-installation-zip",
                "aide-premiere-installation-zac",
                "aide-departementale-premiere-installation",
            },
        )
        self.assertEqual(
            list(aids["aide-docteurs-juniors-medecine-generale"].audiences.values_list("code", flat=True)),
            ["docteur-junior"],
        )
        for slug in ("exoneration-remuneration-permanence-des-soins", "exoneration-france-ruralites-revitalisation"):
            self.assertIsNone(aids[slug].amount_max_eur, slug)

    def test_the_finder_gives_sensible_answers_on_the_demo(self):
        """The demo aids judged by the engine (aides.eligibility) for a few people, on a fixed day."""
        audiences = {audience.code: audience for audience in AidAudience.objects.all()}
        gp = Profession.objects.get(slug="medecin-generaliste")
        zip_commune = Commune.objects.filter(zonage=ZonageCategory.ZIP).order_by("insee_code").first()
        zac_commune = Commune.objects.filter(zonage=ZonageCategory.ZAC).order_by("insee_code").first()
        day = date(2026, 12, 1)

        def judge(audience, commune, **answers):
            situation = Situation(audience=audiences[audience], profession=gp, commune=commune, day=day, **answers)
            result = answer(AidPage.objects.live(), situation)
            judged = result.eligible + result.to_check + result.not_applicable
            return result, {assessment.aid.slug: assessment for assessment in judged}

        # An installed GP, first liberal installation, in a ZIP commune of the demo.
        result, by_slug = judge("installe", zip_commune, first_installation=True, practice_mode=PracticeMode.LIBERAL)
        first = by_slug["aide-premiere-installation-zip"]
        self.assertEqual(first.verdict, Verdict.TO_CHECK)
        self.assertIn("Secteur 1 ou adhésion à l'OPTAM.", first.conditions)
        self.assertEqual(first.amount, Amount(10000, 10000))
        drome = by_slug["aide-departementale-premiere-installation"]
        self.assertEqual(drome.verdict, Verdict.TO_CHECK)
        self.assertIn("Engagement : devenir maître de stage et exercer 3 ans dans la Drôme.", drome.conditions)
        caim = by_slug["contrat-aide-installation-caim"]
        self.assertEqual(caim.verdict, Verdict.NOT_APPLICABLE)
        self.assertTrue(any("Fermée aux nouvelles demandes" in reason for reason in caim.reasons))
        self.assertEqual(by_slug["bourse-internes-zac"].verdict, Verdict.NOT_APPLICABLE)  # not an intern
        # One first-installation aid counted in the total (the largest: 10,000 €), not three.
        others = sum(
            (a.amount.high for a in result.eligible + result.to_check if a.amount and not a.exclusion_group), 0
        )
        self.assertEqual(result.total.high, others + 10000)
        self.assertEqual(result.missing, [])

        # Not a first installation, or salaried: no first-installation aid.
        _, by_slug = judge("installe", zip_commune, first_installation=False, practice_mode=PracticeMode.LIBERAL)
        self.assertEqual(by_slug["aide-premiere-installation-zip"].verdict, Verdict.NOT_APPLICABLE)
        self.assertIn("Réservée à une première installation.", by_slug["aide-premiere-installation-zip"].reasons)
        self.assertEqual(by_slug["aide-departementale-premiere-installation"].verdict, Verdict.NOT_APPLICABLE)
        self.assertNotEqual(by_slug["majoration-forfait-medecin-traitant-zip"].verdict, Verdict.NOT_APPLICABLE)
        _, by_slug = judge("installe", zip_commune, first_installation=True, practice_mode=PracticeMode.SALARIED)
        self.assertEqual(by_slug["aide-premiere-installation-zip"].verdict, Verdict.NOT_APPLICABLE)
        self.assertNotEqual(by_slug["aide-departementale-premiere-installation"].verdict, Verdict.NOT_APPLICABLE)

        # A docteur junior in the ZIP commune: 1,000 € a month for 12 months; the CESP too.
        _, by_slug = judge("docteur-junior", zip_commune)
        junior = by_slug["aide-docteurs-juniors-medecine-generale"]
        self.assertEqual(junior.verdict, Verdict.TO_CHECK)  # the demo zoning is to be checked
        self.assertEqual(junior.amount, Amount(12000, 12000))
        cesp = by_slug["contrat-engagement-service-public"]
        self.assertEqual(cesp.verdict, Verdict.TO_CHECK)
        self.assertEqual(cesp.amount, Amount(1200 * 48, 1200 * 48))
        self.assertEqual(by_slug["aide-premiere-installation-zip"].verdict, Verdict.NOT_APPLICABLE)

        # An intern in a ZAC commune: the Département's grant, 500 € a month for a semester.
        _, by_slug = judge("interne", zac_commune)
        grant = by_slug["bourse-internes-zac"]
        self.assertEqual(grant.verdict, Verdict.TO_CHECK)
        self.assertEqual(grant.amount, Amount(3000, 3000))
        self.assertEqual(by_slug["aide-docteurs-juniors-medecine-generale"].verdict, Verdict.NOT_APPLICABLE)
        self.assertIsNone(by_slug["maisons-des-internes"].amount)  # a rent paid, not a sum received

    def test_partners_are_complete(self):
        partners = PartnerPage.objects.live()
        self.assertGreaterEqual(partners.count(), 8)
        for partner in partners:
            with self.subTest(partner=partner.slug):
                self.assertTrue(partner.email.endswith("@example.org"))
                self.assertIsNotNone(partner.logo)
                self.assertIsNotNone(partner.latitude)
                self.assertTrue(partner.mission and partner.services)

    def test_reference_data_and_care_offer(self):
        self.assertGreaterEqual(Commune.objects.count(), 360)
        self.assertFalse(Commune.objects.filter(zonage="").exists())
        self.assertFalse(Commune.objects.filter(zonage_is_fictitious=False).exists())
        self.assertGreaterEqual(Commune.objects.filter(epci__isnull=False, population__isnull=False).count(), 350)
        self.assertEqual(Profession.objects.get(slug="medecin-generaliste").rpps_code, "10")
        facilities = HealthFacility.objects.all()
        self.assertGreaterEqual(facilities.count(), 30)
        self.assertEqual(set(facilities.values_list("kind", flat=True)), set(HealthFacilityKind.values))
        self.assertTrue(facilities.filter(hosts_interns=True).exists())
        self.assertFalse(facilities.filter(finess_number__isnull=False).exists())
        organisations = Organisation.objects.all()
        self.assertGreaterEqual(organisations.count(), 6)
        for organisation in organisations:
            self.assertTrue(organisation.members.exists() and organisation.communes.exists())
            # Its demo account manages it: the demo shows « Membres de la structure ».
            self.assertTrue(set(organisation.managers.all()) <= set(organisation.members.all()))
            self.assertTrue(organisation.managers.exists())

    def test_fictitious_zonings_per_profession(self):
        zonings = ProfessionZoning.objects.select_related("commune", "profession")
        slugs = set(zonings.values_list("profession__slug", flat=True))
        self.assertGreaterEqual(len(slugs), 3)
        self.assertTrue({"medecin-generaliste", "infirmier", "masseur-kinesitherapeute"} <= slugs)
        self.assertFalse(zonings.filter(fictitious=False).exists())
        self.assertEqual(set(zonings.values_list("source", flat=True)), {"Données de démonstration – à vérifier"})
        for slug in slugs:
            with self.subTest(profession=slug):
                self.assertEqual(zonings.filter(profession__slug=slug).count(), Commune.objects.count())
        for zoning in zonings.filter(profession__slug="medecin-generaliste"):
            self.assertEqual(zoning.zone_class, zoning.commune.zonage)
        nurses = zonings.filter(profession__slug="infirmier")
        self.assertTrue(nurses.underserved().exists() and nurses.exclude(pk__in=nurses.underserved()).exists())

    def test_summary_is_printed_in_french(self):
        self.assertIn("Données de démonstration", self.output)
        self.assertIn("annonces : ", self.output)
        self.assertIn("demo-mairie-die", self.output)

    # --- Idempotency ------------------------------------------------------------------------

    def test_second_run_changes_nothing(self):
        before = model_counts()
        output = StringIO()
        call_command("seed_demo", stdout=output)
        self.assertEqual(model_counts(), before)
        self.assertIn("Rien à créer", output.getvalue())

    def test_reset_rebuilds_the_same_demo(self):
        before = model_counts()
        old_ids = set(Listing.objects.values_list("pk", flat=True))
        call_command("seed_demo", "--reset", stdout=StringIO())
        after = model_counts()
        for name in ["Listing", "Page", "HealthFacility", "Organisation", "CustomImage", "Site", "DeskSettings"]:
            self.assertEqual(after[name], before[name], name)
        self.assertFalse(old_ids & set(Listing.objects.values_list("pk", flat=True)))
        self.assertIsInstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)

    # --- Rendering --------------------------------------------------------------------------

    def test_every_live_page_renders(self):
        for page in Page.objects.live().filter(depth__gt=1).specific():
            with self.subTest(page=page.url_path):
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_admin_views_render(self):
        self.login_as_superuser()
        snippet_models = get_snippet_models()
        for model in (Listing, Organisation, Commune, Epci, Profession, HealthFacility):
            self.assertIn(model, snippet_models)
        urls = [reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root")]
        urls += [reverse(model.snippet_viewset.get_url_name("list")) for model in snippet_models]
        listing_list = reverse(Listing.snippet_viewset.get_url_name("list"))
        urls += [f"{listing_list}?status={status.value}" for status in ListingStatus]
        for model in (HomePage, AidsIndexPage, PartnersIndexPage):
            urls.append(reverse("wagtailadmin_explore", args=[model.objects.get().pk]))
        finder = AdminURLFinder()
        for page in (HomePage, AidPage, PartnerPage, ContentPage):
            urls.append(finder.get_edit_url(page.objects.first()))
        for status in ListingStatus:
            urls.append(finder.get_edit_url(Listing.objects.with_status(status).first()))
        urls.append(reverse(Listing.snippet_viewset.get_url_name("inspect"), args=[Listing.objects.first().pk]))
        site = Site.objects.get(is_default_site=True)
        urls += [
            reverse("wagtailimages:index"),
            reverse("wagtaildocs:index"),
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_groups:index"),
            reverse("wagtailsites:index"),
            reverse("wagtailadmin_workflows:index"),
            reverse("wagtailadmin_workflows:task_index"),
            reverse("wagtailadmin_reports:workflow"),
            reverse("wagtailadmin_reports:workflow_tasks"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailsettings:edit", args=["home", "desksettings", site.pk]),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)


# --- Factories ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_factories_build_valid_objects(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    aid = AidPageFactory(audiences=[AidAudienceFactory(code="interne")])
    partner = PartnerPageFactory()
    assert aid.live and partner.live and aid.get_parent().get_parent().specific_class is HomePage
    assert HealthFacilityFactory().latitude is not None
    member = ContributorFactory()
    assert get_user_model().objects.get(pk=member.pk).check_password("motdepasse-de-test")
    organisation = OrganisationFactory(members=[member])
    for status in ListingStatus:
        listing = ListingFactory(organisation=organisation, status=status, status__submitter=member)
        ListingPhotoFactory(listing=listing)
        assert Listing.objects.with_status(status).filter(pk=listing.pk).exists(), status
    assert ListingFactory().status == ListingStatus.PUBLISHED
    assert ContentPageFactory(publish=False).live is False
    assert ImageFactory(kind="logo").width == 800


@pytest.mark.django_db
def test_production_settings_refuse_the_demo_and_its_shared_password(settings):
    from django.core.management.base import CommandError

    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="bootstrap_desk"):
        call_command("seed_demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
