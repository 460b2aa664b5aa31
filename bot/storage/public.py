"""What the public site may read of the alerts, and the alerts' text revisions it shows.

Only what residents already see in an alert: its kind, severity, districts, texts per
language, times, revisions and whether it was withdrawn. Never a chat, a count per chat, an
admin or a report. Functions take a connection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.alerts import texts_of
from bot.storage.database import Connection, fetch_all, fetch_one
from bot.storage.utc import from_text, to_text
from bot.vocabulary import QUIET_KINDS, AlertState, TextRole

_QUIET = tuple(sorted(QUIET_KINDS))  # the office hours' notices and reminders: no warnings


@dataclass(frozen=True)
class RevisionRecord:
    revision: int
    made_at: datetime
    bodies: dict[str, str]  # language -> the message as residents got it (Telegram HTML)


@dataclass(frozen=True)
class PublicRecord:
    """One sent alert as the public may see it."""

    id: int
    kind: str
    severity: str
    district_ids: tuple[str, ...]
    all_districts: bool
    default_language: str
    queued_at: datetime
    cancelled_at: datetime | None
    revisions: tuple[RevisionRecord, ...]  # oldest first
    withdrawn: dict[str, str]  # language -> the withdrawn text; empty unless cancelled


async def keep_revision(
    conn: Connection, alert_id: int, revision: int, bodies: dict[str, str], now: datetime
) -> None:
    """Remember an alert's text of one revision (its first, or an update's)."""
    await conn.executemany(
        "INSERT OR REPLACE INTO alert_revisions (alert_id, revision, language, html, made_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(alert_id, revision, lang, html, to_text(now)) for lang, html in bodies.items()],
    )


async def last_change(conn: Connection) -> tuple:
    """A cheap value that changes whenever anything the site shows may have changed."""
    row = await fetch_one(
        conn,
        "SELECT max(updated_at) AS changed, count(*) AS sent FROM alerts "
        "WHERE queued_at IS NOT NULL AND kind NOT IN (?, ?)",
        _QUIET,
    )
    return (row["changed"], row["sent"])


async def sent_since(conn: Connection, since: datetime) -> list[PublicRecord]:
    """Every alert sent (queued) since `since`, newest first; not the office hours' notices
    and reminders, which are no warnings."""
    rows = await fetch_all(
        conn,
        "SELECT a.id, a.kind, a.severity, a.all_districts, a.default_language, a.queued_at, "
        "a.cancelled_at, a.state, (SELECT group_concat(district_id, char(31)) FROM "
        "alert_districts WHERE alert_id = a.id) AS districts FROM alerts a "
        "WHERE a.queued_at >= ? AND a.kind NOT IN (?, ?) ORDER BY a.queued_at DESC, a.id DESC",
        (to_text(since), *_QUIET),
    )
    ids = [row["id"] for row in rows]
    revisions = await _revisions(conn, ids)
    withdrawn = await texts_of(conn, ids, TextRole.WITHDRAWN)
    return [
        PublicRecord(
            id=row["id"],
            kind=row["kind"],
            severity=row["severity"],
            district_ids=tuple(sorted(row["districts"].split("\x1f"))) if row["districts"] else (),
            all_districts=bool(row["all_districts"]),
            default_language=row["default_language"],
            queued_at=from_text(row["queued_at"]),
            cancelled_at=from_text(row["cancelled_at"]),
            revisions=revisions.get(row["id"], ()),
            withdrawn=withdrawn.get(row["id"], {}) if row["state"] == AlertState.CANCELLED else {},
        )
        for row in rows
    ]


async def _revisions(conn: Connection, ids: list[int]) -> dict[int, tuple[RevisionRecord, ...]]:
    marks = ",".join("?" * len(ids)) or "NULL"
    rows = await fetch_all(
        conn,
        "SELECT alert_id, revision, language, html, made_at FROM alert_revisions "  # noqa: S608
        f"WHERE alert_id IN ({marks}) ORDER BY alert_id, revision, language",
        tuple(ids),
    )
    found: dict[int, dict[int, RevisionRecord]] = {}
    for row in rows:
        by_revision = found.setdefault(row["alert_id"], {})
        record = by_revision.setdefault(
            row["revision"], RevisionRecord(row["revision"], from_text(row["made_at"]), {})
        )
        record.bodies[row["language"]] = row["html"]
    return {alert_id: tuple(revs.values()) for alert_id, revs in found.items()}
