"""When a change's notice goes out, and the desk's typed extra hour."""

from datetime import date, datetime, time

import pytest

from bot.clock import BERLIN
from bot.hours_notice import announce_at
from bot.office_hours import parse_added_hour
from bot.vocabulary import AlertInputError, HourChange

THURSDAY = date(2026, 11, 26)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def cancelled(start: time | None = time(15)) -> HourChange:
    return HourChange("jena-winzerla", HourChange.CANCELLED, THURSDAY, start, time(17))


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (at(25, 12), at(25, 12)),  # by day: at once
        (at(25, 23, 30), at(26, 7)),  # at night, the hour far: at seven
        (at(26, 3), at(26, 7)),
        (at(26, 6, 59), at(26, 7)),
        (at(26, 7), at(26, 7)),
    ],
)
def test_a_notice_keeps_the_quiet_hours(now, due):
    assert announce_at(cancelled(), now) == due


def test_a_change_two_hours_before_its_hour_goes_out_at_once_even_at_night():
    early = cancelled(start=time(6, 30))
    assert announce_at(early, at(26, 5)) == at(26, 5)
    assert announce_at(early, at(26, 4, 29)) == at(26, 7)  # 2 h 1 min before: the rule holds


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "10.12. 14:00-16:00 Rathaus, Raum 2",
            (date(2026, 12, 10), (time(14), time(16)), "Rathaus, Raum 2"),
        ),
        ("1.2. 9.30 – 11 .00", None),
        ("03.01.2027, 9:30 bis 11:00 Uhr", (date(2027, 1, 3), (time(9, 30), time(11)), "")),
        ("20.11. 10:00-11:00", (date(2027, 11, 20), (time(10), time(11)), "")),  # passed: next year
        ("31.11. 10:00-11:00", None),
        ("morgen nachmittag", None),
        ("10.12. 25:00-26:00", None),
    ],
)
def test_the_desk_types_an_extra_hour(typed, expected):
    if expected is None:
        with pytest.raises(AlertInputError) as raised:
            parse_added_hour(typed, date(2026, 11, 21))
        assert raised.value.code == "bad_added_hour"
    else:
        assert parse_added_hour(typed, date(2026, 11, 21)) == expected
