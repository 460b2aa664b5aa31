"""Tables `reports`, `report_counts`, `spikes`, `spike_messages`: what residents reported, without
the chat (see migration 5); the alerts' votes are in votes.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Connection, fetch_all, fetch_one
from bot.storage.utc import from_text, to_text


@dataclass(frozen=True)
class NewReport:
    reported_at: datetime
    kind: str
    district_id: str
    subject: str  # the number (E.164) or the site reported; "" for none
    note: str
    once_key: bytes
    day_key: bytes
    subject_key: bytes


@dataclass(frozen=True)
class StoredSpike:
    id: int
    scope: str
    subject: str
    kind: str
    district_id: str
    started_at: datetime
    count: int


async def insert(
    conn: Connection, report: NewReport, per_day: int, since: datetime
) -> tuple[int, int] | None:
    """Store it, unless this chat reported this subject today already, or `per_day` reports
    today (None then). Stored: the spike check's counts since `since`, this report included:
    (distinct residents reporting its subject, reports of its kind in its district). One
    statement, so a report is one round trip to the database."""
    row = await fetch_one(
        conn,
        "INSERT OR IGNORE INTO reports (reported_at, kind, district_id, subject, note, once_key,"
        " day_key, subject_key) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8"
        " WHERE (SELECT COUNT(*) FROM reports WHERE day_key = ?7) < ?9"
        " RETURNING (SELECT COUNT(DISTINCT subject_key) FROM reports"
        "            WHERE subject = ?4 AND ?4 != '' AND reported_at >= ?10),"
        " (SELECT COUNT(*) FROM reports WHERE district_id = ?3 AND kind = ?2"
        "  AND reported_at >= ?10)",
        (
            to_text(report.reported_at),
            report.kind,
            report.district_id,
            report.subject,
            report.note,
            report.once_key,
            report.day_key,
            report.subject_key,
            per_day,
            to_text(since),
        ),
    )
    return (row[0], row[1]) if row else None


async def count_by_day_key(conn: Connection, day_key: bytes) -> int:
    row = await fetch_one(conn, "SELECT COUNT(*) FROM reports WHERE day_key = ?", (day_key,))
    return row[0]


async def residents_reporting(conn: Connection, subject: str, since: datetime) -> int:
    """Distinct residents who reported `subject` since then."""
    row = await fetch_one(
        conn,
        "SELECT COUNT(DISTINCT subject_key) FROM reports WHERE subject = ? AND reported_at >= ?",
        (subject, to_text(since)),
    )
    return row[0]


async def kinds_of(conn: Connection, subject: str, since: datetime) -> dict[str, int]:
    rows = await fetch_all(
        conn,
        "SELECT kind, COUNT(*) FROM reports WHERE subject = ? AND reported_at >= ?"
        " GROUP BY kind ORDER BY COUNT(*) DESC, kind",
        (subject, to_text(since)),
    )
    return {row[0]: row[1] for row in rows}


async def top_subjects(
    conn: Connection, since: datetime, kind: str, district_id: str, limit: int = 3
) -> list[tuple[str, int]]:
    """The most reported numbers and sites of one kind in one district since then."""
    rows = await fetch_all(
        conn,
        "SELECT subject, COUNT(*) FROM reports WHERE district_id = ? AND kind = ?"
        " AND reported_at >= ? AND subject != ''"
        " GROUP BY subject ORDER BY COUNT(*) DESC, subject LIMIT ?",
        (district_id, kind, to_text(since), limit),
    )
    return [(row[0], row[1]) for row in rows]


async def districts_of(conn: Connection, subject: str, since: datetime) -> list[str]:
    rows = await fetch_all(
        conn,
        "SELECT district_id FROM reports WHERE subject = ? AND reported_at >= ?"
        " GROUP BY district_id ORDER BY COUNT(*) DESC, district_id",
        (subject, to_text(since)),
    )
    return [row[0] for row in rows]


async def counts(
    conn: Connection, since: datetime, until: datetime, district_id: str = ""
) -> list[tuple[str, str, str, int]]:
    """(district, kind, subject, count) of reports in [since, until), recent rows and the
    counts kept of older ones alike; `district_id` "" for all."""
    rows = await fetch_all(
        conn,
        "SELECT district_id, kind, subject, SUM(n) FROM ("
        " SELECT district_id, kind, subject, COUNT(*) AS n FROM reports"
        " WHERE reported_at >= ? AND reported_at < ? AND (? = '' OR district_id = ?)"
        " GROUP BY district_id, kind, subject"
        " UNION ALL SELECT district_id, kind, subject, count FROM report_counts"
        " WHERE day >= ? AND day < ? AND (? = '' OR district_id = ?)"
        ") GROUP BY district_id, kind, subject ORDER BY SUM(n) DESC, district_id, kind, subject",
        (
            to_text(since),
            to_text(until),
            district_id,
            district_id,
            since.date().isoformat(),
            until.date().isoformat(),
            district_id,
            district_id,
        ),
    )
    return [(row[0], row[1], row[2], row[3]) for row in rows]


async def fold_older_than(conn: Connection, before: datetime) -> int:
    """Reports older than `before` become counts per day, district, kind and subject; their
    rows (with their notes and keys) are deleted. Returns how many were folded."""
    cutoff = to_text(before)
    await conn.execute(
        "INSERT INTO report_counts (day, district_id, kind, subject, count)"
        " SELECT substr(reported_at, 1, 10), district_id, kind, subject, COUNT(*) FROM reports"
        " WHERE reported_at < ? GROUP BY 1, 2, 3, 4"
        " ON CONFLICT (day, district_id, kind, subject) DO UPDATE"
        " SET count = count + excluded.count",
        (cutoff,),
    )
    cursor = await conn.execute("DELETE FROM reports WHERE reported_at < ?", (cutoff,))
    return cursor.rowcount


# --- spikes -------------------------------------------------------------------------------------


async def get_spike(conn: Connection, spike_id: int) -> StoredSpike | None:
    row = await fetch_one(
        conn,
        "SELECT id, scope, subject, kind, district_id, started_at, count FROM spikes WHERE id = ?",
        (spike_id,),
    )
    return _spike(row) if row else None


async def add_spike(
    conn: Connection,
    scope: str,
    subject: str,
    kind: str,
    district_id: str,
    now: datetime,
    count: int,
) -> int:
    cursor = await conn.execute(
        "INSERT INTO spikes (scope, subject, kind, district_id, started_at, updated_at, count)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (scope, subject, kind, district_id, to_text(now), to_text(now), count),
    )
    return cursor.lastrowid


async def grow_spike(
    conn: Connection,
    scope: str,
    subject: str,
    kind: str,
    district_id: str,
    since: datetime,
    now: datetime,
    count: int,
) -> StoredSpike | None:
    """The open spike (updated since `since`) with its new count, in one round trip; None
    if there is none."""
    row = await fetch_one(
        conn,
        "UPDATE spikes SET updated_at = ?, count = ? WHERE id = ("
        " SELECT id FROM spikes WHERE scope = ? AND subject = ? AND kind = ? AND district_id = ?"
        " AND updated_at >= ? ORDER BY id DESC LIMIT 1)"
        " RETURNING id, scope, subject, kind, district_id, started_at, count",
        (to_text(now), count, scope, subject, kind, district_id, to_text(since)),
    )
    return _spike(row) if row else None


async def recent_spikes(conn: Connection, since: datetime) -> list[StoredSpike]:
    rows = await fetch_all(
        conn,
        "SELECT id, scope, subject, kind, district_id, started_at, count FROM spikes"
        " WHERE updated_at >= ? ORDER BY count DESC, id",
        (to_text(since),),
    )
    return [_spike(row) for row in rows]


async def spike_messages(conn: Connection, spike_id: int) -> dict[int, int]:
    rows = await fetch_all(
        conn, "SELECT admin_id, message_id FROM spike_messages WHERE spike_id = ?", (spike_id,)
    )
    return {row[0]: row[1] for row in rows}


async def save_spike_message(
    conn: Connection, spike_id: int, admin_id: int, message_id: int
) -> None:
    await conn.execute(
        "INSERT OR REPLACE INTO spike_messages (spike_id, admin_id, message_id) VALUES (?, ?, ?)",
        (spike_id, admin_id, message_id),
    )


def _spike(row) -> StoredSpike:
    return StoredSpike(row[0], row[1], row[2], row[3], row[4], from_text(row[5]), row[6])


async def recent_notes(
    conn: Connection, since: datetime, district_id: str = "", limit: int = 5
) -> list[tuple[datetime, str, str, str, str]]:
    """(reported_at, district, kind, subject, note) of the newest reports with a note."""
    rows = await fetch_all(
        conn,
        "SELECT reported_at, district_id, kind, subject, note FROM reports"
        " WHERE reported_at >= ? AND note != '' AND (? = '' OR district_id = ?)"
        " ORDER BY reported_at DESC, id DESC LIMIT ?",
        (to_text(since), district_id, district_id, limit),
    )
    return [(from_text(r[0]), r[1], r[2], r[3], r[4]) for r in rows]


async def count_notes(conn: Connection, since: datetime, district_id: str = "") -> int:
    """How many reports since then came with a note (the ones recent_notes picks from)."""
    row = await fetch_one(
        conn,
        "SELECT COUNT(*) FROM reports"
        " WHERE reported_at >= ? AND note != '' AND (? = '' OR district_id = ?)",
        (to_text(since), district_id, district_id),
    )
    return row[0]
