"""Office hours of contact officers and the next one, in local time, skipping public holidays
and the office hours the city announced as cancelled, and taking the extra ones it announced
(`HourChange`: the comms desk's word, stored in bot/storage/hour_changes.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays

from bot.clock import BERLIN
from bot.vocabulary import HourChange

WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_SHAPE = re.compile(r"^(Mo|Di|Mi|Do|Fr|Sa|So) (\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_SEARCH_DAYS = 62


@dataclass(frozen=True)
class OfficeHour:
    """A weekly slot: weekday (0 = Monday) and local start and end time."""

    weekday: int
    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> OfficeHour:
        """Parse 'Do 15:30-17:30'. Raises ValueError with what is expected."""
        match = _SHAPE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not like 'Do 15:30-17:30'")
        day, h1, m1, h2, m2 = match.groups()
        try:
            start, end = time(int(h1), int(m1)), time(int(h2), int(m2))
        except ValueError as error:
            raise ValueError(f"{text!r} has an impossible time") from error
        if end <= start:
            raise ValueError(f"{text!r} ends before it starts")
        return cls(WEEKDAYS_DE.index(day), start, end)


@dataclass(frozen=True)
class Opening:
    """One concrete office hour, as local (Europe/Berlin) datetimes."""

    start: datetime
    end: datetime
    days_ahead: int = 0  # 0: today, 1: tomorrow (in Berlin), ...
    place: str = ""  # an extra hour's place, if not the officer's address


def next_opening(
    hours: tuple[OfficeHour, ...] | list[OfficeHour],
    now: datetime,
    holiday_subdivision: str,
    changes: tuple[HourChange, ...] | list[HourChange] = (),
) -> Opening | None:
    """The office hour that is running now or comes next, skipping public holidays and the
    hours `changes` cancel, taking the extra ones they add.

    `now` must be timezone-aware (stored times are UTC); the result is in Europe/Berlin.
    """
    openings = upcoming_openings(hours, now, holiday_subdivision, changes, limit=1)
    return openings[0] if openings else None


def upcoming_openings(
    hours: tuple[OfficeHour, ...] | list[OfficeHour],
    now: datetime,
    holiday_subdivision: str,
    changes: tuple[HourChange, ...] | list[HourChange] = (),
    *,
    limit: int = 1,
) -> list[Opening]:
    """The next `limit` office hours (running now or later), in order: the weekly ones
    but on public holidays and cancelled days, and the extra ones."""
    if not hours and not changes:
        return []
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local_now = now.astimezone(BERLIN)
    public_holidays = holidays.country_holidays(
        "DE", subdiv=holiday_subdivision, years=range(local_now.year, local_now.year + 2)
    )
    cancelled = {(c.day, c.start) for c in changes if c.kind == HourChange.CANCELLED}
    extra = [c for c in changes if c.kind == HourChange.EXTRA and c.start and c.end]
    found: list[Opening] = []
    for offset in range(_SEARCH_DAYS):
        day: date = local_now.date() + timedelta(days=offset)
        slots = [] if day in public_holidays else [
            (s.start, s.end, "") for s in hours
            if s.weekday == day.weekday()
            and (day, None) not in cancelled and (day, s.start) not in cancelled
        ]  # fmt: skip
        slots += [(c.start, c.end, c.place) for c in extra if c.day == day]
        for start, end, place in sorted(set(slots)):
            opening = Opening(
                datetime.combine(day, start, tzinfo=BERLIN),
                datetime.combine(day, end, tzinfo=BERLIN),
                offset,
                place,
            )
            if opening.end > local_now:
                found.append(opening)
                if len(found) >= limit:
                    return found
    return found
