"""Which office hours are due for a reminder: the day before at 17:00 Berlin time, until the
hour begins; none on a public holiday or for a cancelled hour, one for an extra hour."""

from datetime import date, datetime, time

from bot.city.data import load_city
from bot.clock import BERLIN
from bot.reminders.due import plan, reminder_moment
from bot.settings import BUNDLED_CITY_PATH
from bot.vocabulary import HourChange

CITY = load_city(BUNDLED_CITY_PATH)
WINZERLA = [o for o in CITY.officers if o.area_id == "jena-winzerla"]  # Mo 10-12, Do 15-17
TH = CITY.holiday_subdivision


def at(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def due_starts(now: datetime, changes=(), officers=WINZERLA) -> list[datetime]:
    return [d.opening.start for d in plan(officers, now, TH, changes).due]


def test_the_moment_is_17_00_the_day_before():
    found = plan(WINZERLA, at(21, 12), TH)  # Saturday: Monday 23.11. 10:00 is next
    assert found.due == ()
    assert found.next_at == at(22, 17)
    assert reminder_moment(plan(WINZERLA, at(22, 17), TH).due[0].opening) == at(22, 17)


def test_due_from_17_00_until_the_hour_begins():
    assert due_starts(at(22, 16, 59)) == []
    assert due_starts(at(22, 17)) == [at(23, 10)]
    assert due_starts(at(23, 9, 59)) == [at(23, 10)]  # a bot down at 17:00 catches up
    assert due_starts(at(23, 10)) == []  # begun: too late


def test_a_catch_up_says_today():
    (due,) = plan(WINZERLA, at(23, 8), TH).due
    assert due.opening.days_ahead == 0
    (due,) = plan(WINZERLA, at(22, 17), TH).due
    assert due.opening.days_ahead == 1


def test_no_reminder_for_an_hour_on_a_public_holiday():
    ascension = at(13, 17, 30, month=5)  # Thursday 14 May 2026 is Ascension Day
    assert due_starts(ascension) == []
    assert plan(WINZERLA, ascension, TH).next_at == at(17, 17, month=5)  # for Monday 18 May


def test_a_cancelled_hour_is_not_reminded_and_an_extra_one_is():
    cancelled = HourChange("jena-winzerla", HourChange.CANCELLED, date(2026, 11, 23), time(10))
    extra = HourChange("jena-winzerla", HourChange.EXTRA, date(2026, 11, 24), time(9), time(11),
                       place="Stadtteilbüro")  # fmt: skip
    assert due_starts(at(22, 18), [cancelled]) == []
    (due,) = plan(WINZERLA, at(23, 17, 5), TH, [cancelled, extra]).due
    assert (due.opening.start, due.opening.place) == (at(24, 9), "Stadtteilbüro")


def test_areas_without_published_hours_have_nothing_due():
    without = [o for o in CITY.officers if not o.office_hours]
    assert without
    found = plan(without, at(22, 17), TH)
    assert found == found.__class__((), None)


def test_a_substitute_on_the_day_goes_with_the_reminder():
    standing_in = HourChange("jena-winzerla", HourChange.SUBSTITUTE, date(2026, 11, 20),
                             until=date(2026, 11, 23), substitute="Ralf Barthel")  # fmt: skip
    (due,) = plan(WINZERLA, at(22, 17), TH, [standing_in]).due
    assert due.substitute == standing_in
    (later,) = plan(WINZERLA, at(25, 17), TH, [standing_in]).due  # Thursday: his own again
    assert later.substitute is None
