"""Editorial freshness of aid guides: which published aids are « à revérifier ».

Amounts and conditions of aids change every year (the national ones changed on 1 January
2026), and people act on what the guide says. An aid page records when the desk last
checked it with its funder (``AidPage.last_reviewed_at``); a live aid never checked, or
checked more than ``AID_REVIEW_AFTER_DAYS`` days ago, is due for another check. This is the
single home of that rule: the editors' dashboard panel (``aides/admin_panels.py``) and the
daily reminder (``aides/review_reminders.py``) both read it.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from home.desks import desk_pages

from .models import AidPage


def review_cutoff(today=None):
    """Aids last reviewed before this date are due: exactly AID_REVIEW_AFTER_DAYS days ago
    is still fresh, one day more is not."""
    return (today or timezone.localdate()) - timedelta(days=settings.AID_REVIEW_AFTER_DAYS)


def aids_to_review(today=None, site=None):
    """Live aids never reviewed or reviewed before the cutoff, most overdue first (never
    reviewed first of all); of ``site``'s desk only when given. Drafts and unpublished aids
    are nobody's concern yet: the guide does not show them."""
    aids = AidPage.objects.live()
    if site is not None:
        aids = desk_pages(aids, site)
    return aids.filter(Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=review_cutoff(today))).order_by(
        F("last_reviewed_at").asc(nulls_first=True), "title", "pk"
    )
