"""The outbox: claiming due work, recording what Telegram answered, counting progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.alerts.vocabulary import QueueOrder, Severity
from bot.storage.database import Database
from bot.storage.utc import to_text


@dataclass(frozen=True)
class DeliveryJob:
    """Send the alert to one chat."""

    alert_id: int
    chat_id: int
    severity: str
    language: str
    html: str
    revision: int
    attempts: int

    @property
    def urgent(self) -> bool:
        return self.severity == Severity.URGENT


@dataclass(frozen=True)
class FollowupJob:
    """Edit one delivered copy (`kind` 'edit'), or edit it to the withdrawn text and send
    the notice (`kind` 'withdraw'). `edited`/`notice_message_id` record steps done."""

    alert_id: int
    chat_id: int
    kind: str
    severity: str
    language: str
    message_id: int
    html: str
    notice_html: str | None
    revision: int
    edited: bool
    notice_message_id: int | None
    attempts: int

    @property
    def urgent(self) -> bool:
        return self.severity == Severity.URGENT


Job = DeliveryJob | FollowupJob


@dataclass(frozen=True)
class Sent:
    alert_id: int
    chat_id: int
    message_id: int
    revision: int


@dataclass(frozen=True)
class Gone:
    """The chat cannot be reached: the resident turns inactive and is never tried again."""

    chat_id: int
    reason: str


@dataclass(frozen=True)
class Retry:
    """Try again at `next_attempt_at`; `counted` False for flood control (not a failure)."""

    job: Job
    next_attempt_at: datetime
    reason: str
    counted: bool = True
    edited: bool = False
    notice_message_id: int | None = None


@dataclass(frozen=True)
class Failed:
    job: Job
    reason: str


@dataclass(frozen=True)
class FollowupDone:
    """Finished; `reason` notes a step that could not be done (e.g. copy deleted)."""

    job: FollowupJob
    notice_message_id: int | None
    reason: str | None = None


Outcome = Sent | Gone | Retry | Failed | FollowupDone


@dataclass(frozen=True)
class DeliveryCounts:
    """Per-state counts of one alert's deliveries and follow-ups, and failure reasons."""

    by_state: dict[str, int]
    reasons: dict[tuple[str, str], int]
    followups_by_state: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_state.values())

    def __getitem__(self, state: str) -> int:
        return self.by_state.get(state, 0)


async def claim(db: Database, now: datetime, limit: int) -> list[Job]:
    """Mark up to `limit` due work items 'sending' and return them: urgent alerts first,
    follow-ups (edits, withdrawals) before new sends of the same priority, then by alert."""
    stamp = to_text(now)
    jobs: list[Job] = []
    async with db.transaction() as conn:
        for priority in QueueOrder:
            if len(jobs) < limit:
                jobs += await _claim_followups(conn, priority, stamp, limit - len(jobs))
            if len(jobs) < limit:
                jobs += await _claim_deliveries(conn, priority, stamp, limit - len(jobs))
    return jobs


async def _claim_deliveries(conn, priority: int, stamp: str, limit: int) -> list[DeliveryJob]:
    async with conn.execute(
        "SELECT d.alert_id, d.chat_id, d.language, d.attempts, a.severity, a.revision, "
        "CASE d.language WHEN 'en' THEN a.body_en ELSE a.body_de END AS html "
        "FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
        "WHERE d.state = 'queued' AND d.priority = ? AND d.next_attempt_at <= ? "
        "ORDER BY d.alert_id LIMIT ?",
        (priority, stamp, limit),
    ) as cursor:
        rows = await cursor.fetchall()
    if not rows:
        return []
    await conn.executemany(
        "UPDATE deliveries SET state = 'sending' WHERE alert_id = ? AND chat_id = ?",
        [(r["alert_id"], r["chat_id"]) for r in rows],
    )
    await conn.executemany(
        "UPDATE alerts SET state = 'sending' WHERE id = ? AND state = 'queued'",
        [(a,) for a in {r["alert_id"] for r in rows}],
    )
    return [
        DeliveryJob(
            alert_id=r["alert_id"],
            chat_id=r["chat_id"],
            severity=r["severity"],
            language=r["language"],
            html=r["html"],
            revision=r["revision"],
            attempts=r["attempts"],
        )
        for r in rows
    ]


async def _claim_followups(conn, priority: int, stamp: str, limit: int) -> list[FollowupJob]:
    async with conn.execute(
        "SELECT f.alert_id, f.chat_id, f.kind, f.revision, f.edited, f.notice_message_id, "
        "f.attempts, d.message_id, d.language, a.severity, "
        "CASE WHEN f.kind = 'withdraw' THEN "
        "  CASE d.language WHEN 'en' THEN a.withdrawn_en ELSE a.withdrawn_de END "
        "ELSE CASE d.language WHEN 'en' THEN a.body_en ELSE a.body_de END END AS html, "
        "CASE WHEN f.kind = 'withdraw' THEN "
        "  CASE d.language WHEN 'en' THEN a.notice_en ELSE a.notice_de END END AS notice "
        "FROM followups f "
        "JOIN deliveries d ON d.alert_id = f.alert_id AND d.chat_id = f.chat_id "
        "JOIN alerts a ON a.id = f.alert_id "
        "WHERE f.state = 'queued' AND f.priority = ? AND f.next_attempt_at <= ? "
        "ORDER BY f.alert_id LIMIT ?",
        (priority, stamp, limit),
    ) as cursor:
        rows = await cursor.fetchall()
    if not rows:
        return []
    await conn.executemany(
        "UPDATE followups SET state = 'sending' WHERE alert_id = ? AND chat_id = ?",
        [(r["alert_id"], r["chat_id"]) for r in rows],
    )
    return [
        FollowupJob(
            alert_id=r["alert_id"],
            chat_id=r["chat_id"],
            kind=r["kind"],
            severity=r["severity"],
            language=r["language"],
            message_id=r["message_id"],
            html=r["html"],
            notice_html=r["notice"],
            revision=r["revision"],
            edited=bool(r["edited"]),
            notice_message_id=r["notice_message_id"],
            attempts=r["attempts"],
        )
        for r in rows
    ]


async def record(db: Database, outcomes: Iterable[Outcome], now: datetime) -> list[int]:
    """Store what happened to a batch of jobs and mark alerts with nothing left to send as
    done, in one transaction; returns the ids of the alerts that just finished."""
    stamp = to_text(now)
    async with db.transaction() as conn:
        for outcome in outcomes:
            await _record_one(conn, outcome, stamp)
        return await _finish_alerts(conn, stamp)


async def mark_gone(db: Database, chat_id: int, reason: str, now: datetime) -> None:
    await record(db, [Gone(chat_id, reason)], now)


async def _record_one(conn, outcome: Outcome, stamp: str) -> None:
    match outcome:
        case Sent(alert_id, chat_id, message_id, revision):
            # Unconditional: Telegram has the message, whatever happened meanwhile.
            await conn.execute(
                "UPDATE deliveries SET state = 'sent', message_id = ?, revision = ?, "
                "attempts = attempts + 1, sent_at = ?, reason = NULL "
                "WHERE alert_id = ? AND chat_id = ?",
                (message_id, revision, stamp, alert_id, chat_id),
            )
            # Cancelled or updated while this copy was in flight: queue its follow-up.
            await conn.execute(
                "INSERT INTO followups (alert_id, chat_id, kind, revision, priority, "
                "next_attempt_at) "
                "SELECT a.id, ?, CASE WHEN a.state = 'cancelled' THEN 'withdraw' "
                "ELSE 'edit' END, a.revision, CASE a.severity WHEN 'urgent' THEN 0 ELSE 1 END, "
                "? FROM alerts a WHERE a.id = ? AND (a.state = 'cancelled' OR a.revision > ?) "
                "ON CONFLICT (alert_id, chat_id) DO UPDATE SET kind = excluded.kind, "
                "revision = excluded.revision, edited = 0, state = 'queued', attempts = 0, "
                "reason = NULL, done_at = NULL, next_attempt_at = excluded.next_attempt_at",
                (chat_id, stamp, alert_id, revision),
            )
        case Gone(chat_id, reason):
            await conn.execute(
                "UPDATE subscribers SET active = 0, inactive_reason = ?, inactive_since = ? "
                "WHERE chat_id = ?",
                (reason, stamp, chat_id),
            )
            await conn.execute(
                "UPDATE deliveries SET state = 'blocked', reason = ? "
                "WHERE chat_id = ? AND state IN ('queued', 'sending')",
                (reason, chat_id),
            )
            await conn.execute(
                "UPDATE followups SET state = 'gone', reason = ?, done_at = ? "
                "WHERE chat_id = ? AND state IN ('queued', 'sending')",
                (reason, stamp, chat_id),
            )
        case Retry(DeliveryJob() as job, next_at, reason, counted):
            await conn.execute(
                "UPDATE deliveries SET state = 'queued', attempts = attempts + ?, "
                "next_attempt_at = ?, reason = ? "
                "WHERE alert_id = ? AND chat_id = ? AND state = 'sending'",
                (int(counted), to_text(next_at), reason, job.alert_id, job.chat_id),
            )
        case Failed(DeliveryJob() as job, reason):
            await conn.execute(
                "UPDATE deliveries SET state = 'failed', attempts = attempts + 1, reason = ? "
                "WHERE alert_id = ? AND chat_id = ? AND state = 'sending'",
                (reason, job.alert_id, job.chat_id),
            )
        case Retry(FollowupJob() as job, next_at, reason, counted, edited, notice_id):
            await conn.execute(
                "UPDATE followups SET state = 'queued', attempts = attempts + ?, "
                "next_attempt_at = ?, reason = ?, edited = ?, notice_message_id = ? "
                "WHERE alert_id = ? AND chat_id = ? AND state = 'sending' "
                "AND kind = ? AND revision = ?",
                (
                    int(counted),
                    to_text(next_at),
                    reason,
                    int(edited),
                    notice_id,
                    job.alert_id,
                    job.chat_id,
                    job.kind,
                    job.revision,
                ),
            )
        case Failed(FollowupJob() as job, reason):
            await conn.execute(
                "UPDATE followups SET state = 'failed', attempts = attempts + 1, reason = ?, "
                "done_at = ? WHERE alert_id = ? AND chat_id = ? AND state = 'sending' "
                "AND kind = ? AND revision = ?",
                (reason, stamp, job.alert_id, job.chat_id, job.kind, job.revision),
            )
        case FollowupDone(job, notice_id, reason):
            await conn.execute(
                "UPDATE followups SET state = 'done', attempts = attempts + 1, edited = 1, "
                "notice_message_id = ?, done_at = ?, reason = ? "
                "WHERE alert_id = ? AND chat_id = ? AND state = 'sending' "
                "AND kind = ? AND revision = ?",
                (notice_id, stamp, reason, job.alert_id, job.chat_id, job.kind, job.revision),
            )
        case _:
            raise TypeError(f"unknown outcome {outcome!r}")


async def recover(db: Database) -> int:
    """Put work left 'sending' (by a crash or a stop) back in the queue; return how many.
    Only the one process that runs the engine may call this."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET state = CASE WHEN (SELECT state FROM alerts "
            "WHERE id = deliveries.alert_id) = 'cancelled' THEN 'withdrawn' ELSE 'queued' END "
            "WHERE state = 'sending'"
        )
        count = cursor.rowcount
        cursor = await conn.execute("UPDATE followups SET state = 'queued' WHERE state = 'sending'")
        return count + cursor.rowcount


async def _finish_alerts(conn, stamp: str) -> list[int]:
    async with conn.execute(
        "UPDATE alerts SET state = 'done', finished_at = ?, updated_at = ? "
        "WHERE state IN ('queued', 'sending') AND NOT EXISTS (SELECT 1 FROM deliveries d "
        "WHERE d.alert_id = alerts.id AND d.state IN ('queued', 'sending')) RETURNING id",
        (stamp, stamp),
    ) as cursor:
        return [row[0] for row in await cursor.fetchall()]


async def counts(db: Database, alert_id: int) -> DeliveryCounts:
    """Deliveries per state, (state, reason) pairs for blocked/failed, follow-ups per state."""
    rows = await db.fetch_all(
        "SELECT state, COUNT(*) AS n FROM deliveries WHERE alert_id = ? GROUP BY state",
        (alert_id,),
    )
    reasons = await db.fetch_all(
        "SELECT state, reason, COUNT(*) AS n FROM deliveries "
        "WHERE alert_id = ? AND state IN ('blocked', 'failed') GROUP BY state, reason",
        (alert_id,),
    )
    followups = await db.fetch_all(
        "SELECT state, COUNT(*) AS n FROM followups WHERE alert_id = ? GROUP BY state",
        (alert_id,),
    )
    return DeliveryCounts(
        by_state={r["state"]: r["n"] for r in rows},
        reasons={(r["state"], r["reason"] or ""): r["n"] for r in reasons},
        followups_by_state={r["state"]: r["n"] for r in followups},
    )


async def reactivate(db: Database, chat_id: int) -> None:
    """The resident is reachable again (e.g. pressed /start after blocking the bot)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE subscribers SET active = 1, inactive_reason = NULL, inactive_since = NULL "
            "WHERE chat_id = ?",
            (chat_id,),
        )
