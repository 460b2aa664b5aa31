"""Table `hour_changes`: the comms desk's one-off changes of a contact area's office hours
(bot/city/officehours.py HourChange). Local dates and times as ISO text, entered_at in UTC.
Functions take a connection."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.storage.database import Connection, fetch_all
from bot.storage.utc import from_text, to_text
from bot.vocabulary import HourChange


async def insert(conn: Connection, change: HourChange, now: datetime) -> int:
    cursor = await conn.execute(
        "INSERT INTO hour_changes (area_id, kind, day, until_day, start_time, end_time, place, "
        "note, substitute, phone, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)",
        (
            change.area_id,
            change.kind,
            change.day.isoformat(),
            change.until.isoformat() if change.until else None,
            _time(change.start),
            _time(change.end),
            change.place,
            change.note,
            change.substitute,
            change.phone,
            change.entered_by,
            to_text(now),
        ),
    )
    return int(cursor.lastrowid)


async def from_day(conn: Connection, day: date) -> list[HourChange]:
    """Every change on `day` or later (a substitute's period: ending then or later), of
    every area, by day."""
    rows = await fetch_all(
        conn,
        "SELECT * FROM hour_changes WHERE day >= ? OR until_day >= ? ORDER BY day, id",
        (day.isoformat(), day.isoformat()),
    )
    return [_change(row) for row in rows]


async def of_area(conn: Connection, area_id: str) -> list[HourChange]:
    """Every change of the area ever entered, the newest day first."""
    rows = await fetch_all(
        conn, "SELECT * FROM hour_changes WHERE area_id = ? ORDER BY day DESC, id DESC", (area_id,)
    )
    return [_change(row) for row in rows]


def _time(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _change(row) -> HourChange:
    def clock(text: str | None) -> time | None:
        return time.fromisoformat(text) if text else None

    return HourChange(
        area_id=row["area_id"],
        kind=row["kind"],
        day=date.fromisoformat(row["day"]),
        start=clock(row["start_time"]),
        end=clock(row["end_time"]),
        place=row["place"],
        note=row["note"],
        entered_by=row["entered_by"],
        entered_at=from_text(row["entered_at"]),
        until=date.fromisoformat(row["until_day"]) if row["until_day"] else None,
        substitute=row["substitute"],
        phone=row["phone"],
    )
