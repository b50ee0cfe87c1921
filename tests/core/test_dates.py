"""French long dates: « 1er » on the first of the month, local time for datetimes."""

import datetime

from django.utils import timezone

from core.dates import long_date


def test_the_first_of_the_month_is_1er():
    assert long_date(datetime.date(2026, 1, 1)) == "1er janvier 2026"
    assert long_date(datetime.date(2026, 12, 2)) == "2 décembre 2026"
    assert long_date(None) == ""


def test_a_datetime_is_read_in_local_time():
    # 23:30 UTC on 31 December is already 1 January in Paris.
    instant = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert long_date(instant) == "1er janvier 2026"
    assert long_date(instant, with_time=True) == "1er janvier 2026 à 00:30"
    assert timezone.is_aware(instant)
