"""City alerts: drafts, approval, queueing to recipients, updates, cancellation, listings."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.alerts.vocabulary import SEVERITIES, AlertAction, QueueOrder, Severity, may
from bot.storage.database import Database
from bot.storage.utc import from_text, to_text

RECENT_DAYS = 30


class AlertStateError(Exception):
    """The alert is not in a state that allows this step (e.g. queueing a cancelled alert)."""


@dataclass(frozen=True)
class Alert:
    id: int
    kind: str
    severity: str
    district_ids: tuple[str, ...]
    all_districts: bool
    body_de: str
    body_en: str
    revision: int
    state: str
    approvals_required: int
    approved_by: tuple[int, ...]
    created_by: int
    admin_text: str
    variables: dict[str, str]
    created_at: datetime
    updated_at: datetime
    queued_at: datetime | None
    finished_at: datetime | None
    cancelled_at: datetime | None

    @property
    def urgent(self) -> bool:
        return self.severity == Severity.URGENT

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_de


@dataclass(frozen=True)
class Approval:
    approvals: int
    required: int

    @property
    def complete(self) -> bool:
        return self.approvals >= self.required


@dataclass(frozen=True)
class DistrictStats:
    active: int
    inactive: int


@dataclass(frozen=True)
class SubscriberStats:
    """Residents per district (a resident counts in every district they chose)."""

    by_district: dict[str, DistrictStats]
    all_districts: DistrictStats
    active: int
    inactive: int


async def create_draft(
    db: Database,
    *,
    kind: str,
    severity: str,
    district_ids: Iterable[str],
    all_districts: bool,
    body_de: str,
    body_en: str,
    created_by: int,
    approvals_required: int,
    now: datetime,
    admin_text: str = "",
    variables: dict[str, str] | None = None,
) -> int:
    """Store a new draft and return its id."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}, got {severity!r}")
    districts = sorted(set(district_ids))
    if not districts and not all_districts:
        raise ValueError("an alert needs at least one district or all_districts")
    stamp = to_text(now)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO alerts (kind, severity, all_districts, body_de, body_en, "
            "approvals_required, created_by, created_at, updated_at, admin_text, variables) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                severity,
                int(all_districts),
                body_de,
                body_en,
                approvals_required,
                created_by,
                stamp,
                stamp,
                admin_text,
                json.dumps(variables or {}, ensure_ascii=False, sort_keys=True),
            ),
        )
        alert_id = cursor.lastrowid
        await conn.executemany(
            "INSERT INTO alert_districts (alert_id, district_id) VALUES (?, ?)",
            [(alert_id, d) for d in districts],
        )
    return int(alert_id)


async def discard_draft(db: Database, alert_id: int) -> None:
    """Delete a draft that was never queued (Abbrechen)."""
    async with db.transaction() as conn:
        state = await _state(conn, alert_id)
        if not may(AlertAction.DISCARD, state):
            raise AlertStateError(f"alert {alert_id} is {state}; use cancel() once queued")
        await conn.execute("DELETE FROM alert_districts WHERE alert_id = ?", (alert_id,))
        await conn.execute("DELETE FROM alert_approvals WHERE alert_id = ?", (alert_id,))
        await conn.execute("DELETE FROM alerts WHERE id = ?", (alert_id,))


async def submit(db: Database, alert_id: int, now: datetime) -> None:
    """Draft -> awaiting_approval."""
    async with db.transaction() as conn:
        state = await _state(conn, alert_id)
        if not may(AlertAction.SUBMIT, state):
            raise AlertStateError(f"alert {alert_id} is {state}, not draft")
        await conn.execute(
            "UPDATE alerts SET state = 'awaiting_approval', updated_at = ? WHERE id = ?",
            (to_text(now), alert_id),
        )


async def approve(db: Database, alert_id: int, admin_id: int, now: datetime) -> Approval:
    """Record one admin's approval (idempotent per admin). Policy on who may approve
    (e.g. not the author) is the caller's."""
    async with db.transaction() as conn:
        state = await _state(conn, alert_id)
        if not may(AlertAction.APPROVE, state):
            raise AlertStateError(f"alert {alert_id} is {state}; nothing to approve")
        await conn.execute(
            "INSERT OR IGNORE INTO alert_approvals (alert_id, admin_id, approved_at) "
            "VALUES (?, ?, ?)",
            (alert_id, admin_id, to_text(now)),
        )
        await conn.execute(
            "UPDATE alerts SET state = 'awaiting_approval', updated_at = ? WHERE id = ?",
            (to_text(now), alert_id),
        )
        async with conn.execute(
            "SELECT (SELECT COUNT(*) FROM alert_approvals WHERE alert_id = a.id), "
            "a.approvals_required FROM alerts a WHERE a.id = ?",
            (alert_id,),
        ) as cursor:
            approvals, required = await cursor.fetchone()
    return Approval(approvals=approvals, required=required)


async def queue(db: Database, alert_id: int, now: datetime) -> int:
    """Write one delivery per recipient in one transaction; return how many.

    Recipients: active residents who chose one of the alert's districts or chose all
    districts (for an all-districts alert: every active resident with any choice).
    Each chat gets exactly one row.
    """
    stamp = to_text(now)
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT state, severity, all_districts, approvals_required, "
            "(SELECT COUNT(*) FROM alert_approvals WHERE alert_id = alerts.id) "
            "FROM alerts WHERE id = ?",
            (alert_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise AlertStateError(f"no alert {alert_id}")
        state, severity, all_districts, required, approvals = row
        if not may(AlertAction.QUEUE, state):
            raise AlertStateError(f"alert {alert_id} is {state}; it cannot be queued")
        if approvals < required:
            raise AlertStateError(
                f"alert {alert_id} has {approvals} of {required} required approvals"
            )
        priority = QueueOrder.of(severity)
        chooses = _chooses(
            bool(all_districts),
            "SELECT district_id FROM alert_districts WHERE alert_id = ?",
        )
        cursor = await conn.execute(
            "INSERT INTO deliveries (alert_id, chat_id, language, priority, next_attempt_at) "  # noqa: S608 -- fixed SQL fragments only
            "SELECT ?, s.chat_id, s.language, ?, ? FROM subscribers s "
            f"WHERE s.active = 1 AND ({chooses}) ORDER BY s.chat_id",
            (alert_id, priority, stamp) if all_districts else (alert_id, priority, stamp, alert_id),
        )
        count = cursor.rowcount
        await conn.execute(
            "UPDATE alerts SET state = ?, queued_at = ?, updated_at = ?, finished_at = ? "
            "WHERE id = ?",
            (
                "queued" if count else "done",
                stamp,
                stamp,
                None if count else stamp,
                alert_id,
            ),
        )
    return count


async def count_recipients(db: Database, district_ids: Iterable[str], all_districts: bool) -> int:
    """How many residents `queue()` would write a delivery for, for an alert to these
    districts (or all of the city). Read-only: for the comms desk's confirmation."""
    districts = sorted(set(district_ids))
    if not districts and not all_districts:
        return 0
    chooses = _chooses(all_districts, ",".join("?" * len(districts)))
    row = await db.fetch_one(
        f"SELECT COUNT(*) FROM subscribers s WHERE s.active = 1 AND ({chooses})",  # noqa: S608 -- fixed SQL fragments and placeholders only
        () if all_districts else tuple(districts),
    )
    return int(row[0])


def _chooses(all_districts: bool, districts_sql: str) -> str:
    """The recipient condition on `subscribers s` shared by queue() and count_recipients():
    residents who chose all districts, or one of the alert's (`districts_sql` selects the
    district ids); for an all-districts alert, every resident with any choice."""
    if all_districts:
        return (
            "s.all_districts = 1 OR EXISTS "
            "(SELECT 1 FROM subscriptions sub WHERE sub.chat_id = s.chat_id)"
        )
    return (
        "s.all_districts = 1 OR EXISTS (SELECT 1 FROM subscriptions sub "  # noqa: S608 -- fixed SQL from this module
        f"WHERE sub.chat_id = s.chat_id AND sub.district_id IN ({districts_sql}))"
    )


async def update(
    db: Database,
    alert_id: int,
    *,
    body_de: str,
    body_en: str,
    now: datetime,
    admin_text: str | None = None,
) -> int:
    """New text for a queued/sent alert: copies not yet sent get it, every delivered copy
    is edited (durable follow-up work). Returns how many delivered copies will be edited."""
    stamp = to_text(now)
    async with db.transaction() as conn:
        state = await _state(conn, alert_id)
        if not may(AlertAction.UPDATE, state):
            raise AlertStateError(f"alert {alert_id} is {state}; it cannot be updated")
        await conn.execute(
            "UPDATE alerts SET body_de = ?, body_en = ?, revision = revision + 1, "
            "updated_at = ?, admin_text = COALESCE(?, admin_text) WHERE id = ?",
            (body_de, body_en, stamp, admin_text, alert_id),
        )
        cursor = await conn.execute(
            "INSERT INTO followups (alert_id, chat_id, kind, revision, priority, "
            "next_attempt_at) "
            "SELECT d.alert_id, d.chat_id, 'edit', a.revision, d.priority, ? "
            "FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
            "WHERE d.alert_id = ? AND d.state = 'sent' "
            "ON CONFLICT (alert_id, chat_id) DO UPDATE SET revision = excluded.revision, "
            "edited = 0, state = 'queued', attempts = 0, reason = NULL, done_at = NULL, "
            "next_attempt_at = excluded.next_attempt_at WHERE followups.kind = 'edit'",
            (stamp, alert_id),
        )
        return cursor.rowcount


async def cancel(
    db: Database,
    alert_id: int,
    *,
    withdrawn_de: str,
    withdrawn_en: str,
    notice_de: str,
    notice_en: str,
    cancelled_by: int,
    now: datetime,
) -> int:
    """Cancel (Entwarnung): unsent copies are never sent; every delivered copy is edited to
    the withdrawn text and followed by the short notice. Returns copies to withdraw."""
    stamp = to_text(now)
    async with db.transaction() as conn:
        state = await _state(conn, alert_id)
        if not may(AlertAction.CANCEL, state):
            raise AlertStateError(f"alert {alert_id} is already cancelled")
        await conn.execute(
            "UPDATE alerts SET state = 'cancelled', withdrawn_de = ?, withdrawn_en = ?, "
            "notice_de = ?, notice_en = ?, cancelled_by = ?, cancelled_at = ?, "
            "updated_at = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ?",
            (
                withdrawn_de,
                withdrawn_en,
                notice_de,
                notice_en,
                cancelled_by,
                stamp,
                stamp,
                stamp,
                alert_id,
            ),
        )
        # Copies in flight ('sending') are left alone: when Telegram accepts them,
        # mark_sent sees the cancellation and adds their withdrawal.
        await conn.execute(
            "UPDATE deliveries SET state = 'withdrawn', reason = 'cancelled before sending' "
            "WHERE alert_id = ? AND state = 'queued'",
            (alert_id,),
        )
        cursor = await conn.execute(
            "INSERT INTO followups (alert_id, chat_id, kind, revision, priority, "
            "next_attempt_at) "
            "SELECT d.alert_id, d.chat_id, 'withdraw', a.revision, d.priority, ? "
            "FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
            "WHERE d.alert_id = ? AND d.state = 'sent' "
            "ON CONFLICT (alert_id, chat_id) DO UPDATE SET kind = 'withdraw', "
            "revision = excluded.revision, edited = 0, state = 'queued', attempts = 0, "
            "reason = NULL, done_at = NULL, next_attempt_at = excluded.next_attempt_at",
            (stamp, alert_id),
        )
        return cursor.rowcount


async def get(db: Database, alert_id: int) -> Alert | None:
    rows = await _select_alerts(db, "WHERE a.id = ?", (alert_id,))
    return rows[0] if rows else None


async def list_alerts(db: Database, *, limit: int = 20, offset: int = 0) -> list[Alert]:
    """Newest first."""
    return await _select_alerts(db, "ORDER BY a.id DESC LIMIT ? OFFSET ?", (limit, offset))


async def recent_for_districts(
    db: Database, district_ids: Iterable[str], now: datetime, *, days: int = RECENT_DAYS
) -> list[Alert]:
    """Alerts queued in the last `days` days for any of these districts or for all
    districts, newest first (cancelled ones included; check `state`)."""
    districts = sorted(set(district_ids))
    since = to_text(now - timedelta(days=days))
    marks = ",".join("?" * len(districts)) or "NULL"
    return await _select_alerts(
        db,
        "WHERE a.queued_at >= ? AND (a.all_districts = 1 OR EXISTS (SELECT 1 FROM "  # noqa: S608
        f"alert_districts ad WHERE ad.alert_id = a.id AND ad.district_id IN ({marks}))) "
        "ORDER BY a.queued_at DESC, a.id DESC",
        (since, *districts),
    )


async def subscriber_stats(db: Database) -> SubscriberStats:
    rows = await db.fetch_all(
        "SELECT sub.district_id, SUM(s.active) AS active, SUM(1 - s.active) AS inactive "
        "FROM subscriptions sub JOIN subscribers s ON s.chat_id = sub.chat_id "
        "GROUP BY sub.district_id"
    )
    totals = await db.fetch_one(
        "SELECT COALESCE(SUM(active), 0) AS active, COALESCE(SUM(1 - active), 0) AS inactive, "
        "COALESCE(SUM(all_districts * active), 0) AS all_active, "
        "COALESCE(SUM(all_districts * (1 - active)), 0) AS all_inactive FROM subscribers"
    )
    return SubscriberStats(
        by_district={r["district_id"]: DistrictStats(r["active"], r["inactive"]) for r in rows},
        all_districts=DistrictStats(totals["all_active"], totals["all_inactive"]),
        active=totals["active"],
        inactive=totals["inactive"],
    )


async def _state(conn, alert_id: int) -> str:
    async with conn.execute("SELECT state FROM alerts WHERE id = ?", (alert_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise AlertStateError(f"no alert {alert_id}")
    return row[0]


async def _select_alerts(db: Database, tail: str, parameters: tuple) -> list[Alert]:
    rows = await db.fetch_all(
        "SELECT a.*, "  # noqa: S608 -- `tail` is fixed SQL from this module
        "(SELECT group_concat(district_id, char(31)) FROM alert_districts "
        " WHERE alert_id = a.id) AS districts, "
        "(SELECT group_concat(admin_id) FROM alert_approvals WHERE alert_id = a.id) "
        " AS approvers "
        f"FROM alerts a {tail}",
        parameters,
    )
    return [_alert(row) for row in rows]


def _alert(row) -> Alert:
    return Alert(
        id=row["id"],
        kind=row["kind"],
        severity=row["severity"],
        district_ids=tuple(sorted(row["districts"].split("\x1f"))) if row["districts"] else (),
        all_districts=bool(row["all_districts"]),
        body_de=row["body_de"],
        body_en=row["body_en"],
        revision=row["revision"],
        state=row["state"],
        approvals_required=row["approvals_required"],
        approved_by=tuple(int(x) for x in row["approvers"].split(",")) if row["approvers"] else (),
        created_by=row["created_by"],
        admin_text=row["admin_text"],
        variables=json.loads(row["variables"]),
        created_at=from_text(row["created_at"]),
        updated_at=from_text(row["updated_at"]),
        queued_at=from_text(row["queued_at"]),
        finished_at=from_text(row["finished_at"]),
        cancelled_at=from_text(row["cancelled_at"]),
    )
