"""E-mail notifications: moderators on submission, the submitter on each decision, in
French, through django-tasks after commit, once, without leaking the contact to moderators
and without Wagtail's own workflow e-mails for listings."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import NoReverseMatch, include, path, reverse
from wagtail.models import ModelLogEntry, Site

from home.models import DeskSettings
from listings import notifications
from listings.factories import ContributorFactory, ListingFactory, OrganisationFactory
from listings.models import Listing, ListingContact, ListingStatus
from listings.moderation_access import moderator_users

from .accounts_helpers import make_moderator

pytestmark = pytest.mark.django_db

# The project's URLconf plus the freshness URLs, in case the project does not include them.
urlpatterns = [path("", include("listings.freshness_urls")), path("", include("cms.urls"))]

DESK_EMAIL = "guichet@example.org"
CONTACT_EMAIL = "dr.martin@example.org"


@pytest.fixture(autouse=True)
def freshness_urls(settings):
    try:
        reverse("listings_freshness:confirm", args=["x"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


@pytest.fixture(autouse=True)
def desk():
    desk = DeskSettings.for_site(Site.objects.get(is_default_site=True))
    desk.contact_email = DESK_EMAIL
    desk.save()
    return desk


@pytest.fixture
def member():
    return ContributorFactory(username="mairie", email="mairie@example.org")


@pytest.fixture
def organisation(member):
    return OrganisationFactory(name="Mairie de Die", email="accueil@mairie-die.example.org", members=[member])


def contact(email=CONTACT_EMAIL):
    return ListingContact(name="Docteur Martin", email=email, phone="04 75 00 00 00")


def task_action(listing, user, action, comment=""):
    listing = Listing.objects.get(pk=listing.pk)
    task_state = listing.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def test_submission_notifies_moderators_and_the_desk_in_french_without_contact_data(
    django_capture_on_commit_callbacks, moderator, organisation, member
):
    with django_capture_on_commit_callbacks(execute=True):
        listing = ListingFactory(
            title="Cabinet à Die",
            organisation=organisation,
            contacts=[contact()],
            status=ListingStatus.PENDING,
            status__submitter=member,
        )
    # Only the desk's e-mails: Wagtail's own "submitted" e-mail to moderators is silenced for listings.
    assert recipients(mail.outbox) == [DESK_EMAIL, "moderatrice@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Guichet unique santé] Nouvelle annonce à modérer : Cabinet à Die"
    assert "attend votre modération" in message.body
    assert "Mairie de Die" in message.body
    assert f"/admin/snippets/listings/listing/edit/{listing.pk}/" in message.body
    html = message.alternatives[0][0]
    assert "attend votre modération" in html
    for text in (message.body, html):
        assert CONTACT_EMAIL not in text
        assert "Martin" not in text
        assert "04 75" not in text
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert len(message.to) == 1  # one message per recipient: nobody sees the others


def test_submission_is_notified_once_even_if_asked_again(django_capture_on_commit_callbacks, moderator):
    with django_capture_on_commit_callbacks(execute=True):
        listing = ListingFactory(status=ListingStatus.PENDING)
        # The submission path also asks after commit: same task state, no second e-mail.
        notifications.notify_submission(Listing.objects.get(pk=listing.pk))
    assert len(mail.outbox) == 2
    entries = ModelLogEntry.objects.filter(action="listings.notify", object_id=str(listing.pk))
    assert entries.count() == 1
    assert entries.get().data == {
        "kind": "submission",
        "key": entries.get().data["key"],
        "recipients": 2,
        "desk": listing.site_id,
    }


def test_resubmission_after_changes_notifies_moderators_again(
    django_capture_on_commit_callbacks, moderator, organisation, member
):
    listing = ListingFactory(
        organisation=organisation, status=ListingStatus.CHANGES_REQUESTED, status__moderator=moderator
    )
    with django_capture_on_commit_callbacks(execute=True):
        Listing.objects.get(pk=listing.pk).current_workflow_state.resume(user=member)
    assert recipients(mail.outbox) == [DESK_EMAIL, "moderatrice@example.org"]
    assert "Nouvelle annonce à modérer" in mail.outbox[0].subject


def test_approval_tells_the_organisation_members_with_the_comment(
    django_capture_on_commit_callbacks, moderator, organisation, member
):
    other_member = ContributorFactory(username="secretariat", email="secretariat@example.org")
    organisation.members.add(other_member)
    listing = ListingFactory(organisation=organisation, contacts=[contact()], status=ListingStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        task_action(listing, moderator, "approve", comment="Belle annonce, merci.")
    assert Listing.objects.get(pk=listing.pk).live
    # The members, not the contact; and not Wagtail's own "approved" e-mail.
    assert recipients(mail.outbox) == ["mairie@example.org", "secretariat@example.org"]
    message = mail.outbox[0]
    assert message.subject.startswith("[Guichet unique santé] Votre annonce est publiée")
    assert "Belle annonce, merci." in message.body
    assert "Belle annonce, merci." in message.alternatives[0][0]
    assert message.reply_to == [DESK_EMAIL]


def test_changes_requested_tells_the_submitter_with_the_moderators_comment(
    django_capture_on_commit_callbacks, moderator, organisation
):
    listing = ListingFactory(organisation=organisation, status=ListingStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        task_action(listing, moderator, "reject", comment="Précisez le loyer & la surface <svp>.")
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.CHANGES_REQUESTED
    assert recipients(mail.outbox) == ["mairie@example.org"]
    message = mail.outbox[0]
    assert "Modifications demandées" in message.subject
    assert "Précisez le loyer & la surface <svp>." in message.body  # plain text: not escaped
    assert "Précisez le loyer &amp; la surface &lt;svp&gt;." in message.alternatives[0][0]  # HTML: escaped


def test_occasional_submitter_without_account_is_told_at_the_contact_address(
    django_capture_on_commit_callbacks, moderator
):
    listing = ListingFactory(organisation=None, contacts=[contact()], status=ListingStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        task_action(listing, moderator, "approve")
    assert recipients(mail.outbox) == [CONTACT_EMAIL]


def test_final_refusal_notification_carries_the_reason_and_is_sent_once(django_capture_on_commit_callbacks, moderator):
    listing = ListingFactory(organisation=None, contacts=[contact()], status=ListingStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        listing.reject(user=moderator, reason="Annonce hors du territoire.")
        notifications.notify_decision(listing, "rejected", "Annonce hors du territoire.")
        notifications.notify_decision(listing, "rejected", "Annonce hors du territoire.")  # double click
    assert recipients(mail.outbox) == [CONTACT_EMAIL]
    assert "n'a pas été retenue" in mail.outbox[0].subject
    assert "Annonce hors du territoire." in mail.outbox[0].body


def test_unknown_decision_is_refused():
    with pytest.raises(ValueError):
        notifications.notify_decision(Listing(), "maybe")


def test_headers_are_crlf_safe_and_bad_addresses_dropped(django_capture_on_commit_callbacks, moderator):
    listing = ListingFactory(title="Cabinet\r\nBcc: victime@example.org", status=ListingStatus.PUBLISHED)
    ListingContact.objects.create(listing=listing, name="X", email="contact@example.org")
    assert notifications.clean_addresses(
        ["a@example.org", "A@example.org", "pas-une-adresse", "b@example.org\r\nBcc: c@example.org", ""]
    ) == ["a@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_decision(listing, "approved", key="test")
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.to == ["contact@example.org"]
    assert message.bcc == []
    assert "Bcc" not in message.message().get("Bcc", "")


def test_nobody_to_tell_sends_nothing_and_logs_nothing(django_capture_on_commit_callbacks):
    listing = ListingFactory(organisation=None, status=ListingStatus.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_decision(listing, "approved") is False
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(action="listings.notify").exists()


def test_expiring_notice_has_the_date_and_the_confirmation_link(django_capture_on_commit_callbacks, organisation):
    import datetime

    from django.utils import timezone

    listing = ListingFactory(organisation=organisation, status=ListingStatus.PUBLISHED)
    Listing.objects.filter(pk=listing.pk).update(expire_at=timezone.now() + datetime.timedelta(days=10))
    listing.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_expiring(listing) is True
        assert notifications.notify_expiring(listing) is False  # once per expiry date
    (message,) = mail.outbox
    assert message.to == ["mairie@example.org"]
    assert "Votre annonce expire le" in message.subject
    day = timezone.localtime(listing.expire_at)
    assert f"{day.day} " in message.subject
    assert "http://testserver/annonces/confirmer/" in message.body
    assert "confirmez-la en un clic" in message.body


def test_wagtail_workflow_emails_still_work_for_pages(django_capture_on_commit_callbacks, moderator, member):
    """Only listings are taken over: Wagtail's own e-mails still go out for pages."""
    from wagtail.models import Page

    page = Page.objects.get(depth=2)
    workflow = page.get_workflow()
    assert workflow is not None
    page.save_revision(user=member)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(page, member)
    assert "moderatrice@example.org" in recipients(mail.outbox)
    assert not ModelLogEntry.objects.filter(action="listings.notify").exists()


def test_moderators_are_found_by_permission_whatever_their_group_is_called(
    django_capture_on_commit_callbacks, moderator, django_user_model
):
    """One rule (listings/moderation_access.py): the permission through any group or
    directly, superusers too; never inactive accounts, accounts without an address or
    contributors."""
    renamed_group = make_moderator(django_user_model, username="groupe-renomme")
    direct = django_user_model.objects.create_user("direct", "direct@example.org", "x")
    direct.user_permissions.add(Permission.objects.get(content_type__app_label="listings", codename="publish_listing"))
    django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    django_user_model.objects.create_superuser("ancien-chef", "ancien@example.org", "x", is_active=False)
    django_user_model.objects.create_superuser("sans-adresse", "", "x")
    ContributorFactory(username="contributeur", email="contributeur@example.org")
    expected = ["chef@example.org", "direct@example.org", "groupe-renomme@example.org", "moderatrice@example.org"]
    assert sorted(user.email for user in moderator_users()) == expected
    with django_capture_on_commit_callbacks(execute=True):
        ListingFactory(status=ListingStatus.PENDING)
    assert recipients(mail.outbox) == sorted([DESK_EMAIL, *expected])
    assert renamed_group.email in recipients(mail.outbox)
