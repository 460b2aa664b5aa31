"""An alert's way through the database: draft, approvals, queueing to every recipient,
new text, withdrawal. Each step is one transaction over the tables it touches."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.storage import alerts, outbox, public, reminders, subscribers
from bot.storage.alerts import Alert, NewAlert
from bot.storage.database import Connection, Database
from bot.vocabulary import (
    HOURS_REMINDER,
    SEVERITIES,
    AlertAction,
    AlertStateError,
    FollowupKind,
    QueueOrder,
    TextRole,
    require,
)


@dataclass(frozen=True)
class Approval:
    """How many admins approved an alert of how many it needs; `recipients` is set when the
    approval that completed them also queued the alert (approve_and_queue)."""

    approvals: int
    required: int
    recipients: int | None = None

    @property
    def complete(self) -> bool:
        """The one approval rule: enough admins approved to queue the alert."""
        return self.approvals >= self.required

    @classmethod
    def of(cls, alert: Alert) -> Approval:
        return cls(len(alert.approved_by), alert.approvals_required)


async def create_draft(db: Database, alert: NewAlert, now: datetime) -> int:
    """Store a new draft and return its id."""
    if alert.severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}, got {alert.severity!r}")
    if not alert.district_ids and not alert.all_districts:
        raise ValueError("an alert needs at least one district or all_districts")
    async with db.transaction() as conn:
        alert_id = await alerts.insert(conn, alert, now)
        await public.keep_revision(conn, alert_id, 1, alert.bodies, now)
        return alert_id


async def discard(db: Database, alert_id: int) -> None:
    """Delete a draft that was never queued (Abbrechen)."""
    async with db.transaction() as conn:
        await _require(conn, AlertAction.DISCARD, alert_id)
        await alerts.delete(conn, alert_id)


async def approve(db: Database, alert_id: int, admin_id: int, now: datetime) -> Approval:
    """Record one admin's approval (idempotent per admin). Policy on who may approve
    (e.g. not the author) is the caller's."""
    async with db.transaction() as conn:
        return Approval.of(await _approve(conn, alert_id, admin_id, now))


async def approve_and_queue(
    db: Database, alert_id: int, admin_id: int, now: datetime, due: datetime | None = None
) -> Approval:
    """'Senden' or another admin's approval: record it and, if that completes the approvals,
    queue the alert (to go out from `due`, default now), all in one transaction. Policy on
    who may approve is the caller's."""
    async with db.transaction() as conn:
        alert = await _approve(conn, alert_id, admin_id, now)
        approval = Approval.of(alert)
        if not approval.complete:
            return approval
        return replace(approval, recipients=await _queue(conn, alert, now, due))


async def queue(db: Database, alert_id: int, now: datetime) -> int:
    """Queue an alert whose approvals are complete; see _queue."""
    async with db.transaction() as conn:
        alert = await alerts.get(conn, alert_id)
        require(AlertAction.QUEUE, alert and alert.state, alert_id)
        return await _queue(conn, alert, now)


async def queue_reminder(
    db: Database, area_id: str, starts_at: datetime, reminder: NewAlert, now: datetime
) -> int | None:
    """The reminder of one office hour, queued once: None if it already was (by this or an
    earlier run); else how many residents get it (0: nobody asked, nothing is stored but the
    record). The record and the queueing are one transaction: a crash undoes both."""
    async with db.transaction() as conn:
        if not await reminders.claim(conn, area_id, starts_at, now):
            return None
        wanted = await subscribers.count_recipients(
            conn, reminder.district_ids, reminder.all_districts, reminders_only=True
        )
        if not wanted:
            return 0
        alert_id = await alerts.insert(conn, reminder, now)
        alert = await _approve(conn, alert_id, reminder.created_by, now)
        await reminders.set_alert(conn, area_id, starts_at, alert_id)
        return await _queue(conn, alert, now)


async def _approve(conn: Connection, alert_id: int, admin_id: int, now: datetime) -> Alert:
    """Record the approval; returns the alert as it stands after it."""
    await _require(conn, AlertAction.APPROVE, alert_id)
    await alerts.add_approval(conn, alert_id, admin_id, now)
    return await alerts.get(conn, alert_id)


async def _queue(conn: Connection, alert: Alert, now: datetime, due: datetime | None = None) -> int:
    """Write one delivery per recipient; return how many. Each chat gets exactly one copy,
    however many of the alert's districts it chose."""
    approval = Approval.of(alert)
    if not approval.complete:
        raise AlertStateError(
            f"alert {alert.id} has {approval.approvals} of {approval.required} approvals",
            code="missing_approvals",
            alert_id=alert.id,
            approvals=approval.approvals,
            required=approval.required,
        )
    only_reminded = alert.kind == HOURS_REMINDER  # only those who asked for reminders
    reach = subscribers.recipients(
        alert.district_ids, alert.all_districts, reminders_only=only_reminded
    )
    order = QueueOrder.of(alert.severity)
    count = await outbox.add_deliveries(conn, alert.id, order, reach, now, due)
    await alerts.set_queued(conn, alert.id, count, now)
    return count


async def update(
    db: Database,
    alert_id: int,
    bodies: dict[str, str],
    now: datetime,
    admin_text: str | None = None,
    translations: dict[str, str] | None = None,
) -> int:
    """New text for a queued/sent alert: copies not yet sent get it, every delivered copy
    is edited. Returns how many delivered copies will be edited."""
    async with db.transaction() as conn:
        await _require(conn, AlertAction.UPDATE, alert_id)
        revision = await alerts.set_bodies(
            conn, alert_id, bodies, admin_text, now, translations=translations
        )
        await public.keep_revision(conn, alert_id, revision, bodies, now)
        return await outbox.add_followups(conn, alert_id, FollowupKind.EDIT, revision, now)


async def cancel(
    db: Database,
    alert_id: int,
    *,
    withdrawn: dict[str, str],
    notices: dict[str, str],
    cancelled_by: int,
    now: datetime,
) -> int:
    """Entwarnung: unsent copies are never sent; every delivered copy is edited to the
    withdrawn text and followed by the short notice. Returns copies to withdraw."""
    async with db.transaction() as conn:
        _, revision = await _require(conn, AlertAction.CANCEL, alert_id)
        await alerts.set_cancelled(conn, alert_id, cancelled_by, now)
        await alerts.set_texts(conn, alert_id, TextRole.WITHDRAWN, withdrawn)
        await alerts.set_texts(conn, alert_id, TextRole.NOTICE, notices)
        await outbox.drop_unsent(conn, alert_id)
        return await outbox.add_followups(conn, alert_id, FollowupKind.WITHDRAW, revision, now)


async def _require(conn: Connection, action: AlertAction, alert_id: int) -> tuple[str, int]:
    found = await alerts.state(conn, alert_id)
    require(action, found and found[0], alert_id)
    return found
