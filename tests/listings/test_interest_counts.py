"""The contributor space counts the people interested in each listing (« Je suis
intéressé(e) », accompaniment app): a number, never who, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accompaniment.models import Case, Interest
from listings.factories import ContributorFactory, ListingFactory, OrganisationFactory
from listings.models import ListingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(valence):
    member = ContributorFactory(username="membre-interet")
    organisation = OrganisationFactory(name="Mairie intéressante", communes=[valence], members=[member])
    return member, organisation


def person(number):
    return Case.objects.create(
        first_name="Camille",
        last_name=f"Secrète-{number}",
        email=f"camille.secrete{number}@example.org",
        phone="04 65 71 12 34",
        message="Je voudrais visiter le cabinet.",
    )


def interested(listing, *cases):
    for case in cases:
        Interest.objects.create(case=case, listing=listing, message="Disponible en mars ?", share_contact=True)


def test_the_dashboard_and_the_listing_page_give_a_count_and_no_name(client, structure, valence):
    member, organisation = structure
    wanted = ListingFactory(organisation=organisation, title="Cabinet recherché")
    quiet = ListingFactory(organisation=organisation, title="Cabinet tranquille")
    draft = ListingFactory(organisation=organisation, title="Brouillon", status=ListingStatus.DRAFT)
    first, second = person(1), person(2)
    interested(wanted, first, second)
    interested(ListingFactory(), first)  # another structure's listing
    client.force_login(member)
    dashboard = client.get(reverse("contributions:dashboard")).content.decode()
    assert "Personnes intéressées" in dashboard
    assert dashboard.count("<td>2</td>") == 1 and dashboard.count("<td>0</td>") == 2
    detail = client.get(reverse("contributions:detail", args=[wanted.pk])).content.decode()
    assert "2 personnes intéressées" in detail
    assert "Aucune personne" in client.get(reverse("contributions:detail", args=[quiet.pk])).content.decode()
    assert "intéress" not in client.get(reverse("contributions:detail", args=[draft.pk])).content.decode()
    for page in (dashboard, detail):
        for forbidden in ("Secrète", "camille.secrete", "04 65 71 12 34", "visiter le cabinet", "Disponible en mars"):
            assert forbidden not in page


def test_one_person_interested_is_one(client, structure, valence):
    member, organisation = structure
    listing = ListingFactory(organisation=organisation)
    interested(listing, person(1))
    client.force_login(member)
    detail = client.get(reverse("contributions:detail", args=[listing.pk])).content.decode()
    assert "<strong>1 personne intéressée</strong>" in detail


@pytest.mark.slow  # builds listings and interests at two sizes
def test_the_dashboard_runs_a_constant_number_of_queries(client, structure, valence):
    member, organisation = structure
    client.force_login(member)
    client.get(reverse("contributions:dashboard"))  # once-per-process lookups (site, settings) out of the count

    def queries(listings, people):
        for _ in range(listings):
            listing = ListingFactory(organisation=organisation)
            interested(listing, *[person(n) for n in range(people)])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("contributions:dashboard")).status_code == 200
        return len(captured)

    small, large = queries(2, 1), queries(10, 4)
    print(f"contributor dashboard: {small} queries with 2 listings, {large} with 12")
    assert small == large
