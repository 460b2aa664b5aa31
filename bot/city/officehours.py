"""Office hours of contact officers and the next one, in local time, skipping public holidays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays

from bot.clock import BERLIN

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


def next_opening(
    hours: tuple[OfficeHour, ...] | list[OfficeHour],
    now: datetime,
    holiday_subdivision: str,
) -> Opening | None:
    """The office hour that is running now or comes next, skipping public holidays.

    `now` must be timezone-aware (stored times are UTC); the result is in Europe/Berlin.
    """
    if not hours:
        return None
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local_now = now.astimezone(BERLIN)
    public_holidays = holidays.country_holidays(
        "DE", subdiv=holiday_subdivision, years=range(local_now.year, local_now.year + 2)
    )
    for offset in range(_SEARCH_DAYS):
        day: date = local_now.date() + timedelta(days=offset)
        if day in public_holidays:
            continue
        for slot in sorted(hours, key=lambda h: h.start):
            if slot.weekday != day.weekday():
                continue
            opening = Opening(
                datetime.combine(day, slot.start, tzinfo=BERLIN),
                datetime.combine(day, slot.end, tzinfo=BERLIN),
                offset,
            )
            if opening.end > local_now:
                return opening
    return None
