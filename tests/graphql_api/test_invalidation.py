"""Every change that alters what the public may see invalidates the cached answers at once
(core/content_version.py): nothing waits for a cache lifetime. Each test caches an answer,
makes the change, and asserts the next answer is fresh and right."""

import json

import pytest
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core import content_version
from listings.privacy import erase_contact_data

from .conftest import add_page, make_aid, make_listing

pytestmark = pytest.mark.django_db


def fetch(client, query):
    response = client.get("/graphql/", {"query": query})
    return response["X-Cache"], json.loads(response.content)["data"]


CONTACT = "{ listings { results { slug contact { email } } } }"


def test_erasing_a_contact_is_seen_at_once(client, places):
    listing = make_listing(places["die"], contact="consented")
    email = listing.contacts.get().email
    fetch(client, CONTACT)
    assert fetch(client, CONTACT)[0] == "HIT"
    erase_contact_data(email)
    status, data = fetch(client, CONTACT)
    assert status == "MISS" and data["listings"]["results"][0]["contact"] is None


def test_editing_a_contact_is_seen_at_once(client, places):
    listing = make_listing(places["die"], contact="consented")
    fetch(client, CONTACT)
    contact = listing.contacts.get()
    contact.email = "nouvelle@example.org"
    contact.save()
    assert fetch(client, CONTACT)[1]["listings"]["results"][0]["contact"]["email"] == "nouvelle@example.org"


def test_a_submission_does_not_empty_the_cache(client, places):
    make_listing(places["die"], contact="consented")
    fetch(client, CONTACT)
    make_listing(places["valence"], state="pending", contact="consented")  # contact of a non-public listing
    assert fetch(client, CONTACT)[0] == "HIT"


def test_moving_a_page_under_a_restricted_parent_is_seen_at_once(client, aids_index, site_root):
    from home.models import ContentPage

    aid = make_aid(aids_index, "Prime mobile")
    private = add_page(site_root, ContentPage(title="Espace privé", slug="prive"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    query = "{ aids { results { title } } }"
    assert fetch(client, query)[1]["aids"]["results"] == [{"title": "Prime mobile"}]
    aid.move(private, pos="last-child")
    status, data = fetch(client, query)
    assert status == "MISS" and data["aids"]["results"] == []


def test_a_view_restriction_is_seen_at_once(client, aids_index):
    aid = make_aid(aids_index, "Prime restreinte")
    query = "{ aids { results { title } } }"
    fetch(client, query)
    PageViewRestriction.objects.create(page=aid, restriction_type="password", password="secret")
    assert fetch(client, query)[1]["aids"]["results"] == []


def test_a_collection_restriction_bumps_the_version(db):
    before = content_version.content_version()
    CollectionViewRestriction.objects.create(collection=Collection.get_first_root_node(), restriction_type="login")
    assert content_version.content_version() != before


def test_a_listing_past_its_expiry_date_leaves_the_cached_answers(client, places, monkeypatch):
    from listings.models import Listing

    listing = make_listing(places["die"])
    in_one_hour = timezone.now() + timezone.timedelta(hours=1)
    Listing.objects.filter(pk=listing.pk).update(expire_at=in_one_hour)
    content_version.bump_content_version()  # as any change would: it records the next expiry
    query = "{ listings { totalCount } }"
    assert fetch(client, query)[1]["listings"]["totalCount"] == 1
    assert fetch(client, query)[0] == "HIT"
    # An hour later, with no signal at all (publish_scheduled has not run yet):
    later = in_one_hour + timezone.timedelta(seconds=1)
    Listing.objects.filter(pk=listing.pk).update(expire_at=timezone.now() - timezone.timedelta(seconds=1))
    monkeypatch.setattr(content_version.time, "time", lambda: later.timestamp())
    status, data = fetch(client, query)
    assert status == "MISS" and data["listings"]["totalCount"] == 0


def test_reading_the_version_never_queries_the_database(django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()  # first use after a cache restart
    with django_assert_num_queries(0):
        first = content_version.content_version()
        assert content_version.content_version() == first
