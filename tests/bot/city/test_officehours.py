"""Next office hour: local time, current slot, public holidays, daylight-saving changes."""

from datetime import UTC, datetime, time

import pytest

from bot.city.officehours import OfficeHour, next_opening
from bot.clock import BERLIN

WINZERLA = (OfficeHour.parse("Mo 10:00-12:00"), OfficeHour.parse("Do 15:00-17:00"))


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def test_parse():
    assert OfficeHour.parse("Do 15:30-17:30") == OfficeHour(3, time(15, 30), time(17, 30))


@pytest.mark.parametrize("text", ["Thu 15:00-17:00", "Do 17:00-15:00", "Do 25:00-26:00", ""])
def test_parse_rejects(text):
    with pytest.raises(ValueError):
        OfficeHour.parse(text)


def test_next_is_later_this_week():
    # Friday 21 Nov 2026 → Monday 23 Nov 10:00
    opening = next_opening(WINZERLA, berlin(2026, 11, 21, 12, 0), "TH")
    assert opening.start == berlin(2026, 11, 23, 10, 0)
    assert opening.end == berlin(2026, 11, 23, 12, 0)


def test_running_office_hour_counts_until_it_ends():
    opening = next_opening(WINZERLA, berlin(2026, 11, 23, 11, 59), "TH")
    assert opening.start == berlin(2026, 11, 23, 10, 0)
    after = next_opening(WINZERLA, berlin(2026, 11, 23, 12, 0), "TH")
    assert after.start == berlin(2026, 11, 26, 15, 0)


def test_input_in_utc_is_shown_in_berlin_time():
    # 08:30 UTC in winter is 09:30 in Berlin: Monday's slot is still ahead.
    opening = next_opening(WINZERLA, datetime(2026, 11, 23, 8, 30, tzinfo=UTC), "TH")
    assert opening.start.utcoffset().total_seconds() == 3600
    assert opening.start == berlin(2026, 11, 23, 10, 0)


def test_public_holiday_is_skipped():
    # Easter Monday 6 Apr 2026 is a holiday: next after the weekend is Thursday 9 Apr.
    opening = next_opening(WINZERLA, berlin(2026, 4, 4, 9, 0), "TH")
    assert opening.start == berlin(2026, 4, 9, 15, 0)


def test_thuringian_holiday_is_skipped():
    # Weltkindertag, 20 Sep, is a public holiday only in Thuringia (and Berlin); in 2027 a Monday.
    hours = (OfficeHour.parse("Mo 10:00-12:00"),)
    assert next_opening(hours, berlin(2027, 9, 19, 12, 0), "TH").start == berlin(2027, 9, 27, 10)
    assert next_opening(hours, berlin(2027, 9, 19, 12, 0), "SN").start == berlin(2027, 9, 20, 10)


def test_across_the_change_to_summer_time():
    # Clocks go forward on Sunday 29 Mar 2026; Monday's 10:00 is then UTC+2.
    opening = next_opening(WINZERLA, datetime(2026, 3, 28, 12, 0, tzinfo=UTC), "TH")
    assert opening.start == berlin(2026, 3, 30, 10, 0)
    assert opening.start.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_across_the_change_to_winter_time():
    # Clocks go back on Sunday 25 Oct 2026; Monday's 10:00 is then UTC+1.
    opening = next_opening(WINZERLA, datetime(2026, 10, 24, 12, 0, tzinfo=UTC), "TH")
    assert opening.start.astimezone(UTC) == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


def test_no_hours_means_none():
    assert next_opening((), berlin(2026, 11, 21, 12, 0), "TH") is None


def test_naive_time_is_refused():
    with pytest.raises(ValueError):
        next_opening(WINZERLA, datetime(2026, 11, 21, 12, 0), "TH")
