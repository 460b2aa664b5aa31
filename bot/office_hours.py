"""The comms desk's one-off changes of the contact officers' office hours: an hour cancelled
(illness, a holiday, a training day) or an extra or moved hour on a date. Each is stored with
its note and who entered it; /kontakt, the answer to subscribing and "next office hour" honour
them. The regular hours stay the city file's, with its sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

import phonenumbers
from rapidfuzz import fuzz, process

from bot.city.model import City, Officer, area_id
from bot.city.officehours import Opening, upcoming_openings
from bot.clock import BERLIN, Clock, utc_now
from bot.storage import Database, hour_changes
from bot.text_hygiene import clean
from bot.vocabulary import AlertInputError, HourChange

NOTE_LIMIT = 300  # characters of the desk's note (the reason) shown to residents
PLACE_LIMIT = 120  # characters of an extra hour's place
NAME_LIMIT = 80  # characters of a substitute's name


@dataclass(frozen=True)
class Announced:
    """A change as stored, and the area's next office hour with it."""

    officer: Officer
    change: HourChange
    next_opening: Opening | None


class OfficeHoursDesk:
    """On plain values: the areas, their changes, and entering a new one."""

    def __init__(self, db: Database, city: City, clock: Clock = utc_now) -> None:
        self._db, self._city, self._clock = db, city, clock

    def area(self, name: str) -> Officer:
        """The contact area an id or name means ("jena-winzerla", "Jena-Winzerla"); else one
        clear error that names the closest."""
        wanted = area_id(name)
        for officer in self._city.officers:
            if officer.area_id == wanted:
                return officer
        ids = [o.area_id for o in self._city.officers]
        near = [
            m[0] for m in process.extract(wanted, ids, scorer=fuzz.WRatio, limit=3) if m[1] >= 70
        ]
        raise AlertInputError(f"unknown area {name!r}", code="unknown_area", area=name, near=near)

    def today(self) -> date:
        return self._clock().astimezone(BERLIN).date()

    async def changes(self, officer: Officer) -> list[HourChange]:
        """The area's changes from today on, by day."""
        found = await hour_changes.from_day(self._db.connection, self.today())
        return [c for c in found if c.area_id == officer.area_id]

    async def history(self, officer: Officer) -> list[HourChange]:
        """Every change ever entered for the area, the newest day first."""
        return await hour_changes.of_area(self._db.connection, officer.area_id)

    async def openings(self, officer: Officer, count: int = 3) -> list[Opening]:
        """The area's next office hours with its changes."""
        return upcoming_openings(
            officer.office_hours,
            self._clock(),
            self._city.holiday_subdivision,
            await self.changes(officer),
            limit=count,
        )

    async def next_with(self, officer: Officer, change: HourChange) -> Opening | None:
        """The area's next office hour once `change` is made: for a cancelled hour, the next
        one after it (what she can go to instead); for an extra one, the next of all."""
        return _following(
            upcoming_openings(
                officer.office_hours,
                self._clock(),
                self._city.holiday_subdivision,
                [*await self.changes(officer), change],
                limit=30,
            ),
            change,
        )

    async def check_cancel(self, officer: Officer, day: date) -> Opening:
        """The office hour a cancellation on `day` would cancel; else a clear error."""
        self._require_future(day)
        for opening in await self.openings(officer, count=20):
            if opening.start.date() == day and not opening.place:
                return opening
        raise AlertInputError(
            f"{officer.area} has no office hour on {day.isoformat()}",
            code="no_office_hour", area=officer.area, day=day.isoformat(),
        )  # fmt: skip

    def check_extra(self, day: date, start: time, end: time) -> None:
        self._require_future(day)
        if end <= start:
            raise AlertInputError("the hour ends before it starts", code="time_order")

    async def cancellation(
        self, officer: Officer, day: date, note: str = "", entered_by: int = 0
    ) -> HourChange:
        """The change that cancels the area's office hour on `day`; else a clear error."""
        cancelled = await self.check_cancel(officer, day)
        return HourChange(
            officer.area_id, HourChange.CANCELLED, day, cancelled.start.time(),
            cancelled.end.time(), note=_limited(note, NOTE_LIMIT, "note_too_long"),
            entered_by=entered_by,
        )  # fmt: skip

    def added_hour(
        self, officer: Officer, day: date, hours: tuple[time, time], place: str = "",
        note: str = "", entered_by: int = 0,
    ) -> HourChange:  # fmt: skip
        """The change that adds an office hour (`hours`: start, end) on `day`."""
        self.check_extra(day, *hours)
        return HourChange(
            officer.area_id, HourChange.EXTRA, day, *hours,
            place=_limited(place, PLACE_LIMIT, "place_too_long"),
            note=_limited(note, NOTE_LIMIT, "note_too_long"), entered_by=entered_by,
        )  # fmt: skip

    async def enter(self, change: HourChange) -> Announced:
        """Store the change (validated before by check_cancel or check_extra)."""
        async with self._db.transaction() as conn:
            await hour_changes.insert(conn, change, self._clock())
        officer = self.area(change.area_id)
        return Announced(officer, change, _following(await self.openings(officer, 30), change))

    def substitution(
        self, officer: Officer, days: tuple[date, date], name: str, phone: str = "",
        note: str = "", entered_by: int = 0,
    ) -> HourChange:  # fmt: skip
        """The change that names a substitute officer from the first to the last of `days`;
        the office hours stay. `phone`: a German number, read and written as Germans do."""
        first, last = days
        self._require_future(last)
        if last < first:
            raise AlertInputError("the period ends before it starts", code="day_order")
        name = _limited(name, NAME_LIMIT, "name_too_long")
        if not name:
            raise AlertInputError("the substitute has no name", code="no_name")
        return HourChange(
            officer.area_id, HourChange.SUBSTITUTE, first, until=last, substitute=name,
            phone=_phone(phone), note=_limited(note, NOTE_LIMIT, "note_too_long"),
            entered_by=entered_by,
        )  # fmt: skip

    def read_substitution(self, text: str) -> tuple[tuple[date, date], str, str]:
        """A substitute as typed in Telegram; see parse_substitution."""
        return parse_substitution(text, self.today())

    @staticmethod
    def note(text: str) -> str:
        """The desk's note (the reason residents read), cleaned; else a clear error."""
        return _limited(text, NOTE_LIMIT, "note_too_long")

    def read_added_hour(self, text: str) -> tuple[date, tuple[time, time], str]:
        """An extra hour as typed in Telegram; see parse_added_hour."""
        return parse_added_hour(text, self.today())

    def _require_future(self, day: date) -> None:
        if day < self.today():
            raise AlertInputError(
                f"{day.isoformat()} is in the past", code="past_day", day=day.isoformat()
            )


def _phone(text: str) -> str:
    """A phone number as the city writes it ("03641 123456"), or a clear error."""
    text = clean(text, one_line=True)
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "DE")
        if not phonenumbers.is_possible_number(number):
            raise phonenumbers.NumberParseException(0, "impossible")
    except phonenumbers.NumberParseException:
        raise AlertInputError(
            f"not a phone number: {text!r}", code="bad_phone", value=text
        ) from None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _limited(text: str, limit: int, code: str) -> str:
    text = clean(text, one_line=True)
    if len(text) > limit:
        raise AlertInputError(f"longer than {limit} characters", code=code, limit=limit)
    return text


def _following(openings: list[Opening], change: HourChange) -> Opening | None:
    if change.kind == HourChange.CANCELLED:
        after = datetime.combine(change.day, change.end or time.max, tzinfo=BERLIN)
        openings = [o for o in openings if o.start >= after]
    return openings[0] if openings else None


_DAY = r"(\d{1,2})\.(\d{1,2})\.(\d{4})?"  # "10.12." or "10.12.2026"
_ADDED_HOUR = re.compile(
    rf"^\s*{_DAY}\s*,?\s+(\d{{1,2}})[:.](\d{{2}})\s*(?:-|–|bis)\s*"
    r"(\d{1,2})[:.](\d{2})(?:\s*Uhr)?\s*[,;]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)


def parse_added_hour(text: str, today: date) -> tuple[date, tuple[time, time], str]:
    """An extra hour as the desk types it: "10.12. 14:00-16:00 Rathaus, Raum 2" (day, then
    the hours, then the place if not the officer's address). Without a year: the next such
    day from `today`. Else a clear error that shows the form."""
    match = _ADDED_HOUR.match(text)
    try:
        if match is None:
            raise ValueError
        g = match.groups()
        day = _next_day(int(g[0]), int(g[1]), g[2], today)
        hours = (time(int(g[3]), int(g[4])), time(int(g[5]), int(g[6])))
        return day, hours, g[7].strip()
    except ValueError:
        raise AlertInputError(f"not an office hour: {text!r}", code="bad_added_hour") from None


_SUBSTITUTE = re.compile(
    rf"^\s*(?:vom\s+)?{_DAY}\s*(?:-|–|bis)\s*{_DAY}\s*[,:]?\s*([^,;]+?)\s*(?:[,;]\s*(.*))?$",
    re.IGNORECASE | re.DOTALL,
)


def parse_substitution(text: str, today: date) -> tuple[tuple[date, date], str, str]:
    """A substitute as the desk types it: "14.12.-18.12. Max Muster, 03641 123456" (the
    first and last day, the name, a phone if any). Without a year: the next such day."""
    match = _SUBSTITUTE.match(text)
    try:
        if match is None:
            raise ValueError
        g = match.groups()
        first = _next_day(int(g[0]), int(g[1]), g[2], today)
        last = _next_day(int(g[3]), int(g[4]), g[5], first)
        return (first, last), g[6].strip(), (g[7] or "").strip()
    except ValueError:
        raise AlertInputError(f"not a substitute: {text!r}", code="bad_substitution") from None


def _next_day(day: int, month: int, year: str | None, earliest: date) -> date:
    """The date typed as day and month (and year): without a year, the next one from
    `earliest`."""
    found = date(int(year) if year else earliest.year, month, day)
    if year is None and found < earliest:
        found = date(earliest.year + 1, month, day)
    return found
