"""Freshness: one-click confirmation (signed, expiring token; GET never confirms), expiry
reminders once, stale listings notified then withdrawn after the grace period, logged."""

import datetime
import html
import time
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from home.models import DeskSettings
from listings import confirmation_tokens, freshness_rules
from listings.admin_dashboard import annotate_dashboard
from listings.factories import ContributorFactory, ListingFactory, OrganisationFactory
from listings.models import Listing, ListingStatus

pytestmark = pytest.mark.django_db

urlpatterns = [path("", include("listings.freshness_urls")), path("", include("cms.urls"))]

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def freshness_urls(settings):
    try:
        reverse("listings_freshness:confirm", args=["x"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


@pytest.fixture(autouse=True)
def desk():
    desk = DeskSettings.for_site(Site.objects.get(is_default_site=True))
    desk.contact_email = "guichet@example.org"
    desk.listing_confirmation_months = 6
    desk.save()
    return desk


@pytest.fixture
def organisation():
    member = ContributorFactory(username="cpts", email="cpts@example.org")
    return OrganisationFactory(name="CPTS du Diois", members=[member])


def published(organisation=None, *, age_days=0, **fields):
    listing = ListingFactory(organisation=organisation, status=ListingStatus.PUBLISHED)
    if age_days:
        old = timezone.now() - datetime.timedelta(days=age_days)
        fields = {"first_published_at": old, "last_published_at": old, "created_at": old, **fields}
    if fields:
        Listing.objects.filter(pk=listing.pk).update(**fields)
    listing.refresh_from_db()
    return listing


def text(response):
    return html.unescape(response.content.decode())


def confirm_url(listing):
    return reverse("listings_freshness:confirm", args=[confirmation_tokens.make_confirmation_token(listing)])


def logs(listing, action):
    return ModelLogEntry.objects.filter(object_id=str(listing.pk), action=action)


def run(*args):
    out = StringIO()
    call_command("check_listing_freshness", *args, stdout=out)
    return out.getvalue()


# --- One-click confirmation ----------------------------------------------------------------------


def test_get_shows_a_button_and_changes_nothing(client, organisation):
    listing = published(organisation, age_days=200)
    response = client.get(confirm_url(listing))
    assert response.status_code == 200
    content = text(response)
    assert "Oui, je confirme que l'annonce est toujours valable" in content
    assert 'method="post"' in content
    assert response["Cache-Control"].startswith("max-age=0")
    listing.refresh_from_db()
    assert listing.last_confirmed_at is None
    assert not logs(listing, "listings.confirm").exists()


def test_post_confirms_without_login_extends_expiry_logs_and_is_idempotent(client, organisation):
    soon = timezone.now() + 5 * DAY
    listing = published(organisation, age_days=200, expire_at=soon)
    url = confirm_url(listing)
    response = client.post(url)
    assert response.status_code == 200
    assert "est confirmée" in text(response)
    listing.refresh_from_db()
    assert timezone.now() - listing.last_confirmed_at < datetime.timedelta(minutes=1)
    assert listing.expire_at > timezone.now() + 170 * DAY  # pushed six months ahead
    # The revisions carry the new dates, so that a later publication does not undo them.
    assert listing.live_revision.content["expire_at"][:10] == listing.expire_at.isoformat()[:10]
    (entry,) = logs(listing, "listings.confirm")
    assert entry.user is None
    assert entry.data["expire_at_before"][:10] == soon.isoformat()[:10]

    second = client.post(url)  # double click, or the link used again
    assert second.status_code == 200
    assert "déjà été confirmée" in text(second)
    assert logs(listing, "listings.confirm").count() == 1
    assert listing not in freshness_rules.stale_listings()


def test_tampered_token_is_refused_in_french(client, organisation):
    listing = published(organisation)
    token = confirmation_tokens.make_confirmation_token(listing)
    other = published(organisation)
    forged = token.replace(signing.b64_encode(f'{{"listing":{listing.pk}}}'.encode()).decode(), "x", 1)
    # Signed for the other listing, but with a key the server does not have.
    wrong_key = signing.TimestampSigner(key="pas-la-cle-du-serveur", salt=confirmation_tokens.CONFIRM_SALT).sign_object(
        {"listing": other.pk}
    )
    for bad in (token[:-2] + "zz", forged, "n-importe-quoi", wrong_key):
        response = client.post(reverse("listings_freshness:confirm", args=[bad]))
        assert response.status_code == 400
        assert "Ce lien de confirmation n'est pas valide" in text(response)
    # A token for another purpose (another salt) does not confirm either.
    foreign = signing.TimestampSigner(salt="autre-usage").sign_object({"listing": listing.pk})
    assert client.post(reverse("listings_freshness:confirm", args=[foreign])).status_code == 400
    listing.refresh_from_db()
    assert listing.last_confirmed_at is None


def test_expired_token_is_refused_in_french(client, organisation, monkeypatch, settings):
    settings.LISTING_CONFIRMATION_LINK_DAYS = 60
    listing = published(organisation)
    long_ago = int(time.time()) - 61 * 86400
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(long_ago))
    token = confirmation_tokens.make_confirmation_token(listing)
    monkeypatch.undo()
    for method in (client.get, client.post):
        response = method(reverse("listings_freshness:confirm", args=[token]))
        assert response.status_code == 400
        assert "Ce lien de confirmation a expiré" in text(response)
    listing.refresh_from_db()
    assert listing.last_confirmed_at is None


def test_an_offline_listing_cannot_be_confirmed(client, organisation):
    listing = ListingFactory(organisation=organisation, status=ListingStatus.WITHDRAWN)
    response = client.post(confirm_url(listing))
    assert response.status_code == 400
    assert "n'est plus en ligne" in text(response)
    listing.refresh_from_db()
    assert listing.last_confirmed_at is None
    assert not listing.live


# --- Daily command ---------------------------------------------------------------------------------


def test_expiring_listing_is_reminded_once(django_capture_on_commit_callbacks, organisation):
    listing = published(organisation, expire_at=timezone.now() + 10 * DAY)
    published(organisation, expire_at=timezone.now() + 40 * DAY)  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
        run()  # the next day: no second reminder
    assert "Rappels d'expiration envoyés : 1" in output
    (message,) = mail.outbox
    assert message.to == ["cpts@example.org"]
    assert "/annonces/confirmer/" in message.body
    assert logs(listing, "listings.notify").count() == 1


def test_stale_listing_is_notified_then_withdrawn_after_grace_and_logged(
    django_capture_on_commit_callbacks, organisation, settings
):
    settings.LISTING_WITHDRAW_GRACE_DAYS = 30
    stale = published(organisation, age_days=200)
    fresh = published(organisation, age_days=20)
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Demandes de confirmation envoyées : 1" in output
    (message,) = mail.outbox
    assert "toujours d'actualité" in message.subject
    assert "30 jours" in message.body
    assert "/annonces/confirmer/" in message.body

    with django_capture_on_commit_callbacks(execute=True):
        output = run()  # the next day: nothing new, still online
    assert len(mail.outbox) == 1
    assert "délai de grâce en cours) : 1" in output
    assert Listing.objects.get(pk=stale.pk).live

    logs(stale, "listings.notify").update(timestamp=timezone.now() - 31 * DAY)
    output = run()
    assert "Annonces retirées faute de confirmation : 1" in output
    stale.refresh_from_db()
    assert not stale.live
    assert stale.status == ListingStatus.WITHDRAWN
    assert not Listing.objects.public().filter(pk=stale.pk).exists()
    assert Listing.objects.filter(pk=stale.pk).exists()  # withdrawn, not deleted
    (entry,) = logs(stale, "listings.withdraw_stale")
    assert entry.data["months"] == 6
    assert Listing.objects.get(pk=fresh.pk).live
    run()
    assert logs(stale, "listings.withdraw_stale").count() == 1  # idempotent


def test_confirming_after_the_notice_prevents_the_withdrawal(client, organisation):
    listing = published(organisation, age_days=200)
    run()
    logs(listing, "listings.notify").update(timestamp=timezone.now() - 31 * DAY)
    assert client.post(confirm_url(listing)).status_code == 200
    output = run()
    assert "Annonces retirées faute de confirmation : 0" in output
    assert Listing.objects.get(pk=listing.pk).live


def test_pending_listings_are_not_stale(organisation):
    listing = published(organisation, age_days=200)
    listing.title = "Nouvelle version"
    listing.save_revision()
    listing.get_workflow().start(listing, None)
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.PENDING
    assert listing not in freshness_rules.stale_listings()


def test_dry_run_sends_and_changes_nothing(django_capture_on_commit_callbacks, organisation):
    stale = published(organisation, age_days=200)
    published(organisation, expire_at=timezone.now() + 3 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--dry-run")
    assert "[simulation] Demandes de confirmation envoyées : 1" in output
    assert "[simulation] Rappels d'expiration envoyés : 1" in output
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(action__startswith="listings.").exists()
    assert Listing.objects.get(pk=stale.pk).live


def test_add_months_clamps_to_the_end_of_month():
    moment = datetime.datetime(2025, 8, 31, 12, tzinfo=datetime.UTC)
    assert freshness_rules.add_months(moment, -6) == datetime.datetime(2025, 2, 28, 12, tzinfo=datetime.UTC)
    assert freshness_rules.add_months(moment, 6) == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)


# --- Several desks: each listing by its own desk's period ----------------------------------------------


@pytest.fixture
def second_desk():
    """A second desk (site) of the instance that gives its listings twelve months."""
    default = Site.objects.get(is_default_site=True)
    site = Site.objects.create(hostname="veto.example", port=80, root_page=default.root_page, site_name="Vétos")
    DeskSettings.objects.create(site=site, desk_name="Guichet vétérinaire", listing_confirmation_months=12)
    return site


def test_each_listing_is_judged_by_its_own_desks_period(organisation, second_desk):
    """Eight months without confirmation: stale on the default desk (six), fresh on one that
    gives twelve; the daily run, the dashboard's rule and the confirmation all agree."""
    here = published(organisation, age_days=240)
    there = published(OrganisationFactory(site=second_desk, name="Clinique"), age_days=240)
    Listing.objects.filter(pk=there.pk).update(site=second_desk)
    there.refresh_from_db()
    stale = set(freshness_rules.stale_listings())
    assert here in stale and there not in stale
    flags = dict(annotate_dashboard(Listing.objects.filter(pk__in=[here.pk, there.pk])).values_list("pk", "is_stale"))
    assert flags == {here.pk: True, there.pk: False}
    assert freshness_rules.stale_cutoff_months(second_desk) == 12
    assert freshness_rules.stale_cutoff_months() == 6
    # A desk without settings yet: the model's default period, like desk_settings() gives it.
    DeskSettings.objects.filter(site=second_desk).delete()
    assert there in set(freshness_rules.stale_listings())
    assert not DeskSettings.objects.filter(site=second_desk).exists()  # read, never written


def test_the_daily_run_says_each_desks_period(organisation, second_desk):
    output = run("--dry-run")
    assert "Délai de confirmation : 6 mois (Guichet unique santé), 12 mois (Guichet vétérinaire)" in output


def test_a_confirmation_pushes_the_expiry_by_the_listings_own_desk(client, second_desk):
    listing = published(OrganisationFactory(site=second_desk, name="Clinique"), age_days=400)
    Listing.objects.filter(pk=listing.pk).update(site=second_desk, expire_at=timezone.now() + 5 * DAY)
    assert client.post(confirm_url(listing)).status_code == 200
    listing.refresh_from_db()
    assert listing.expire_at > timezone.now() + 360 * DAY  # twelve months, not the default desk's six
