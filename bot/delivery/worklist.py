"""The outbox as the delivery engine uses it: claim due work, record what Telegram answered,
put work left in flight back. Each call is one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.storage import alerts, outbox, subscribers
from bot.storage.database import Connection, Database
from bot.storage.jobs import FollowupJob, Job
from bot.vocabulary import AlertState, FollowupKind, QueueOrder


@dataclass(frozen=True)
class Sent:
    """Telegram accepted the copy: it is in the chat as `message_id`, at `revision`."""

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
    """Given up for good; `reason` is kept for the comms desk."""

    job: Job
    reason: str


@dataclass(frozen=True)
class FollowupDone:
    """Finished; `reason` notes a step that could not be done (e.g. copy deleted)."""

    job: FollowupJob
    notice_message_id: int | None
    reason: str | None = None


Outcome = Sent | Gone | Retry | Failed | FollowupDone


async def claim(db: Database, now: datetime, limit: int) -> list[Job]:
    """Mark up to `limit` due work items 'sending' and return them: urgent alerts first,
    follow-ups (edits, withdrawals) before new sends of the same order, then by alert."""
    jobs: list[Job] = []
    async with db.transaction() as conn:
        for order in QueueOrder:
            if len(jobs) < limit:
                claimed = await outbox.claim(conn, order, now, limit - len(jobs))
                await alerts.mark_sending(conn, (j.alert_id for j in claimed))
                jobs += claimed
    return jobs


async def record(db: Database, outcomes: Iterable[Outcome], now: datetime) -> list[int]:
    """Store what happened to a batch of jobs and mark alerts with nothing left to send as
    done, in one transaction; returns the ids of the alerts that just finished."""
    outcomes = list(outcomes)
    async with db.transaction() as conn:
        # every copy sent, in one call (each stands alone: no other outcome of the batch
        # changes a copy once it is 'sent')
        sent = [
            (o.alert_id, o.chat_id, o.message_id, o.revision)
            for o in outcomes
            if isinstance(o, Sent)
        ]
        await outbox.mark_all_sent(conn, sent, now)
        states: dict[int, tuple[AlertState, int]] = {}  # alert id -> (state, revision)
        for outcome in outcomes:
            await _record_one(conn, outcome, now, states)
        return await alerts.finish_delivered(conn, now)


async def mark_gone(db: Database, chat_id: int, reason: str, now: datetime) -> None:
    """The resident blocked the bot (Telegram told us outside a delivery)."""
    await record(db, [Gone(chat_id, reason)], now)


async def recover(db: Database) -> int:
    """Put work left 'sending' (by a crash or a stop) back in the queue; return how many.
    Only the one process that runs the engine may call this."""
    async with db.transaction() as conn:
        return await outbox.recover(conn)


async def _record_one(
    conn: Connection, outcome: Outcome, now: datetime, states: dict[int, tuple[AlertState, int]]
) -> None:
    match outcome:
        case Sent():
            await _sent(conn, outcome, now, states)
        case Gone(chat_id, reason):
            await subscribers.mark_unreachable(conn, chat_id, reason, now)
            await outbox.end_for_chat(conn, chat_id, reason, now)
        case Retry(job, next_at, reason, counted, edited, notice_id):
            await outbox.retry(
                conn,
                job,
                next_at,
                reason,
                counted=counted,
                edited=edited,
                notice_id=notice_id,
            )
        case Failed(job, reason):
            await outbox.fail(conn, job, reason, now)
        case FollowupDone(job, notice_id, reason):
            await outbox.finish_followup(conn, job, notice_id, reason, now)
        case _:
            raise TypeError(f"unknown outcome {outcome!r}")


async def _sent(
    conn: Connection, sent: Sent, now: datetime, states: dict[int, tuple[AlertState, int]]
) -> None:
    # Marked sent by `record`. Withdrawn or updated while in flight: queue its follow-up.
    if sent.alert_id not in states:
        states[sent.alert_id] = await alerts.state(conn, sent.alert_id)
    state, revision = states[sent.alert_id]
    if state == AlertState.CANCELLED:
        kind = FollowupKind.WITHDRAW
    elif revision > sent.revision:
        kind = FollowupKind.EDIT
    else:
        return
    await outbox.add_followups(conn, sent.alert_id, kind, revision, now, chat_id=sent.chat_id)
