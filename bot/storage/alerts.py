"""Tables `alerts`, `alert_districts`, `alert_approvals` and `alert_texts`: what the city
sends and who approved it. Functions take a connection; the alert lifecycle owns the
transactions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage.database import Connection, fetch_all, fetch_one
from bot.storage.utc import from_text, to_text
from bot.vocabulary import HOURS_REMINDER, AlertState, Severity, TextRole

RECENT_DAYS = 30


@dataclass(frozen=True)
class Alert:
    id: int
    kind: str
    severity: Severity
    district_ids: tuple[str, ...]
    all_districts: bool
    bodies: dict[str, str]  # language -> the message as residents get it
    default_language: str  # for residents whose language the alert has no text in
    revision: int
    state: AlertState
    approvals_required: int
    approved_by: tuple[int, ...]
    created_by: int
    admin_text: str
    variables: dict[str, str]
    translations: dict[str, str]  # the desk's own translations of admin_text, by language
    created_at: datetime
    updated_at: datetime
    queued_at: datetime | None
    finished_at: datetime | None
    cancelled_at: datetime | None

    @property
    def urgent(self) -> bool:
        return self.severity == Severity.URGENT

    def body(self, language: str) -> str:
        return self.bodies.get(language) or self.bodies[self.default_language]


@dataclass(frozen=True)
class NewAlert:
    """A draft as the comms desk made it, with its text rendered in every language; the
    first language of `bodies` is the default."""

    kind: str
    severity: str
    district_ids: tuple[str, ...]
    all_districts: bool
    bodies: dict[str, str]
    created_by: int
    approvals_required: int
    admin_text: str = ""
    variables: dict[str, str] | None = None
    translations: dict[str, str] | None = None


async def insert(conn: Connection, alert: NewAlert, now: datetime) -> int:
    """Store a new draft and return its id."""
    stamp = to_text(now)
    cursor = await conn.execute(
        "INSERT INTO alerts (kind, severity, all_districts, default_language, "
        "approvals_required, created_by, created_at, updated_at, admin_text, variables, "
        "translations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            alert.kind,
            alert.severity,
            int(alert.all_districts),
            next(iter(alert.bodies)),
            alert.approvals_required,
            alert.created_by,
            stamp,
            stamp,
            alert.admin_text,
            _json(alert.variables),
            _json(alert.translations),
        ),
    )
    alert_id = int(cursor.lastrowid)
    await conn.executemany(
        "INSERT INTO alert_districts (alert_id, district_id) VALUES (?, ?)",
        [(alert_id, d) for d in sorted(set(alert.district_ids))],
    )
    await set_texts(conn, alert_id, TextRole.BODY, alert.bodies)
    return alert_id


async def set_texts(conn: Connection, alert_id: int, role: TextRole, texts: dict[str, str]) -> None:
    """The alert's text in each language for one role (body, withdrawn text, notice)."""
    await conn.executemany(
        "INSERT INTO alert_texts (alert_id, language, role, html) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (alert_id, language, role) DO UPDATE SET html = excluded.html",
        [(alert_id, language, role, html) for language, html in texts.items()],
    )


async def delete(conn: Connection, alert_id: int) -> None:
    """Delete an alert; its districts and approvals go with it (ON DELETE CASCADE)."""
    await conn.execute("DELETE FROM alerts WHERE id = ?", (alert_id,))


async def add_approval(conn: Connection, alert_id: int, admin_id: int, now: datetime) -> None:
    """Record one admin's approval (idempotent per admin)."""
    await conn.execute(
        "INSERT OR IGNORE INTO alert_approvals (alert_id, admin_id, approved_at) VALUES (?, ?, ?)",
        (alert_id, admin_id, to_text(now)),
    )
    await set_state(conn, alert_id, AlertState.AWAITING_APPROVAL, now)


async def set_state(conn: Connection, alert_id: int, state: AlertState, now: datetime) -> None:
    await conn.execute(
        "UPDATE alerts SET state = ?, updated_at = ? WHERE id = ?",
        (state, to_text(now), alert_id),
    )


async def set_queued(conn: Connection, alert_id: int, recipients: int, now: datetime) -> None:
    """Queued to `recipients` residents; with none, the alert is done at once."""
    stamp = to_text(now)
    await conn.execute(
        "UPDATE alerts SET state = ?, queued_at = ?, updated_at = ?, finished_at = ? WHERE id = ?",
        (
            AlertState.QUEUED if recipients else AlertState.DONE,
            stamp,
            stamp,
            None if recipients else stamp,
            alert_id,
        ),
    )


async def set_bodies(
    conn: Connection,
    alert_id: int,
    bodies: dict[str, str],
    admin_text: str | None,
    now: datetime,
    translations: dict[str, str] | None = None,
) -> int:
    """A new text revision; returns the revision number. A new `admin_text` comes with its
    translations (none: the old ones, made for the old text, are dropped)."""
    new_translations = None if admin_text is None else _json(translations)
    async with conn.execute(
        "UPDATE alerts SET revision = revision + 1, updated_at = ?, "
        "admin_text = COALESCE(?, admin_text), translations = COALESCE(?, translations) "
        "WHERE id = ? RETURNING revision",
        (to_text(now), admin_text, new_translations, alert_id),
    ) as cursor:
        (revision,) = await cursor.fetchone()
    await set_texts(conn, alert_id, TextRole.BODY, bodies)
    return int(revision)


async def set_cancelled(conn: Connection, alert_id: int, cancelled_by: int, now: datetime) -> None:
    """Withdrawn (Entwarnung); the withdrawn text and the notice are set with set_texts."""
    stamp = to_text(now)
    await conn.execute(
        "UPDATE alerts SET state = ?, cancelled_by = ?, cancelled_at = ?, updated_at = ?, "
        "finished_at = COALESCE(finished_at, ?) WHERE id = ?",
        (AlertState.CANCELLED, cancelled_by, stamp, stamp, stamp, alert_id),
    )


async def mark_sending(conn: Connection, alert_ids: Iterable[int]) -> None:
    """The first copies of these queued alerts are on their way."""
    await conn.executemany(
        "UPDATE alerts SET state = ? WHERE id = ? AND state = ?",
        [(AlertState.SENDING, a, AlertState.QUEUED) for a in set(alert_ids)],
    )


async def finish_delivered(conn: Connection, now: datetime) -> list[int]:
    """Mark queued/sending alerts with no copy left to send as done; returns their ids."""
    stamp = to_text(now)
    async with conn.execute(
        "UPDATE alerts SET state = ?, finished_at = ?, updated_at = ? "
        "WHERE state IN (?, ?) AND NOT EXISTS (SELECT 1 FROM deliveries d "
        "WHERE d.alert_id = alerts.id AND d.state IN ('queued', 'sending')) RETURNING id",
        (AlertState.DONE, stamp, stamp, AlertState.QUEUED, AlertState.SENDING),
    ) as cursor:
        return [row[0] for row in await cursor.fetchall()]


async def get(conn: Connection, alert_id: int) -> Alert | None:
    rows = await _select(conn, "WHERE a.id = ?", (alert_id,))
    return rows[0] if rows else None


async def newest(conn: Connection, *, limit: int = 20, offset: int = 0) -> list[Alert]:
    """Newest first."""
    return await _select(conn, "ORDER BY a.id DESC LIMIT ? OFFSET ?", (limit, offset))


async def recent_for_districts(
    conn: Connection, district_ids: Iterable[str], now: datetime, *, days: int = RECENT_DAYS
) -> list[Alert]:
    """Alerts queued in the last `days` days for any of these districts or for all
    districts, newest first (cancelled ones included; check `state`). Not the reminders of
    office hours: they went only to those who asked."""
    districts = sorted(set(district_ids))
    since = to_text(now - timedelta(days=days))
    marks = ",".join("?" * len(districts)) or "NULL"
    return await _select(
        conn,
        "WHERE a.queued_at >= ? AND a.kind != ? AND (a.all_districts = 1 OR EXISTS ("  # noqa: S608
        "SELECT 1 FROM alert_districts ad WHERE ad.alert_id = a.id "
        f"AND ad.district_id IN ({marks}))) "
        "ORDER BY a.queued_at DESC, a.id DESC",
        (since, HOURS_REMINDER, *districts),
    )


async def _select(conn: Connection, tail: str, parameters: tuple) -> list[Alert]:
    rows = await fetch_all(
        conn,
        "SELECT a.*, "  # noqa: S608 -- `tail` is fixed SQL from this module
        "(SELECT group_concat(district_id, char(31)) FROM alert_districts "
        " WHERE alert_id = a.id) AS districts, "
        "(SELECT group_concat(admin_id) FROM "
        " (SELECT admin_id FROM alert_approvals WHERE alert_id = a.id ORDER BY admin_id)) "
        " AS approvers "
        f"FROM alerts a {tail}",
        parameters,
    )
    bodies = await texts_of(conn, [row["id"] for row in rows], TextRole.BODY)
    return [_alert(row, bodies.get(row["id"], {})) for row in rows]


async def texts_of(
    conn: Connection, alert_ids: list[int], role: TextRole
) -> dict[int, dict[str, str]]:
    """The alerts' texts of one role, by alert and language."""
    marks = ",".join("?" * len(alert_ids)) or "NULL"
    rows = await fetch_all(
        conn,
        "SELECT alert_id, language, html FROM alert_texts "  # noqa: S608 -- placeholders only
        f"WHERE role = ? AND alert_id IN ({marks}) ORDER BY alert_id, language",
        (role, *alert_ids),
    )
    bodies: dict[int, dict[str, str]] = {}
    for row in rows:
        bodies.setdefault(row["alert_id"], {})[row["language"]] = row["html"]
    return bodies


def _alert(row, bodies: dict[str, str]) -> Alert:
    return Alert(
        id=row["id"],
        kind=row["kind"],
        severity=Severity(row["severity"]),
        district_ids=tuple(sorted(row["districts"].split("\x1f"))) if row["districts"] else (),
        all_districts=bool(row["all_districts"]),
        bodies=_default_first(bodies, row["default_language"]),
        default_language=row["default_language"],
        revision=row["revision"],
        state=AlertState(row["state"]),
        approvals_required=row["approvals_required"],
        approved_by=tuple(int(x) for x in row["approvers"].split(",")) if row["approvers"] else (),
        created_by=row["created_by"],
        admin_text=row["admin_text"],
        variables=json.loads(row["variables"]),
        translations=json.loads(row["translations"]),
        created_at=from_text(row["created_at"]),
        updated_at=from_text(row["updated_at"]),
        queued_at=from_text(row["queued_at"]),
        finished_at=from_text(row["finished_at"]),
        cancelled_at=from_text(row["cancelled_at"]),
    )


async def state(conn: Connection, alert_id: int) -> tuple[AlertState, int] | None:
    """The alert's state and text revision, or None if there is no such alert."""
    row = await fetch_one(conn, "SELECT state, revision FROM alerts WHERE id = ?", (alert_id,))
    return None if row is None else (AlertState(row["state"]), row["revision"])


def _json(values: dict[str, str] | None) -> str:
    return json.dumps(values or {}, ensure_ascii=False, sort_keys=True)


def _default_first(bodies: dict[str, str], default: str) -> dict[str, str]:
    """The texts with the default language first, as the comms desk sees them."""
    return dict(sorted(bodies.items(), key=lambda item: item[0] != default))
