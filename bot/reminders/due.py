"""Which office hours are due for a reminder, on plain values: the day before each at 17:00
Europe/Berlin, until the hour begins (a bot that was down at 17:00 catches up). The office
hours are the city file's with the desk's changes and without public holidays
(bot/city/officehours.py): a cancelled hour is not reminded, an extra or moved one is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.city.model import Officer
from bot.city.officehours import Opening, upcoming_openings
from bot.clock import BERLIN
from bot.vocabulary import HourChange

REMIND_AT = time(17, 0)  # local time, the day before the office hour
_LOOKAHEAD = 20  # office hours looked at per area: more than come in two days


@dataclass(frozen=True)
class Due:
    """An office hour of an area whose reminder is due now."""

    officer: Officer
    opening: Opening
    substitute: HourChange | None = None  # who stands in for the officers on that day


@dataclass(frozen=True)
class Plan:
    """What is due now, and when the next reminder falls due (None: none known)."""

    due: tuple[Due, ...]
    next_at: datetime | None


def reminder_moment(opening: Opening) -> datetime:
    """17:00 Berlin time on the day before the office hour."""
    day = opening.start.astimezone(BERLIN).date() - timedelta(days=1)
    return datetime.combine(day, REMIND_AT, tzinfo=BERLIN)


def plan(
    officers: Iterable[Officer],
    now: datetime,
    holiday_subdivision: str,
    changes: Iterable[HourChange] = (),
) -> Plan:
    """The office hours whose reminder moment has come and which have not begun, and the
    next reminder moment after `now`. `now` must be timezone-aware."""
    changes = tuple(changes)
    due: list[Due] = []
    later: list[datetime] = []
    for officer in officers:
        own = [c for c in changes if c.area_id == officer.area_id]
        for opening in upcoming_openings(
            officer.office_hours, now, holiday_subdivision, own, limit=_LOOKAHEAD
        ):
            moment = reminder_moment(opening)
            if moment > now:
                later.append(moment)
            elif now < opening.start:
                due.append(Due(officer, opening, _substitute(own, opening)))
    return Plan(tuple(due), min(later, default=None))


def _substitute(changes: list[HourChange], opening: Opening) -> HourChange | None:
    """The desk's substitute for the officers on the office hour's day, if any."""
    day = opening.start.date()
    return next(
        (c for c in changes if c.kind == HourChange.SUBSTITUTE and c.day <= day <= c.last_day),
        None,
    )
