"""Tables `deliveries` and `followups`: one copy of an alert per recipient, and the edits
and withdrawals of copies already delivered. Functions take a connection; the alert
lifecycle and the delivery worklist own the transactions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.storage.database import Connection, fetch_all, fetch_one
from bot.storage.jobs import DeliveryCounts, DeliveryJob, FollowupJob, Job
from bot.storage.subscribers import Recipients
from bot.storage.utc import from_text, to_text
from bot.vocabulary import CopyState, FollowupKind, FollowupState, QueueOrder, Severity


async def add_deliveries(
    conn: Connection,
    alert_id: int,
    order: QueueOrder,
    recipients: Recipients,
    now: datetime,
    due: datetime | None = None,
) -> int:
    """One queued copy per recipient, to go out from `due` (default: now); returns how many."""
    cursor = await conn.execute(
        "INSERT INTO deliveries (alert_id, chat_id, language, priority, next_attempt_at) "  # noqa: S608 -- Recipients is fixed SQL
        f"SELECT ?, r.chat_id, r.language, ?, ? FROM ({recipients.sql}) r",
        (alert_id, int(order), to_text(max(now, due or now)), *recipients.parameters),
    )
    return cursor.rowcount


async def add_followups(
    conn: Connection,
    alert_id: int,
    kind: FollowupKind,
    revision: int,
    now: datetime,
    chat_id: int | None = None,
) -> int:
    """Queue `kind` for every delivered copy of the alert (or only `chat_id`'s). A pending
    withdrawal is never turned back into an edit. Returns how many copies."""
    cursor = await conn.execute(
        "INSERT INTO followups (alert_id, chat_id, kind, revision, priority, next_attempt_at) "
        "SELECT d.alert_id, d.chat_id, ?, ?, d.priority, ? FROM deliveries d "
        "WHERE d.alert_id = ? AND d.state = 'sent' AND (? IS NULL OR d.chat_id = ?) "
        "ON CONFLICT (alert_id, chat_id) DO UPDATE SET kind = excluded.kind, "
        "revision = excluded.revision, edited = 0, state = 'queued', attempts = 0, "
        "reason = NULL, done_at = NULL, next_attempt_at = excluded.next_attempt_at "
        "WHERE NOT (followups.kind = 'withdraw' AND excluded.kind = 'edit')",
        (kind, revision, to_text(now), alert_id, chat_id, chat_id),
    )
    return cursor.rowcount


async def drop_unsent(conn: Connection, alert_id: int) -> None:
    """The alert was withdrawn: copies not yet sent never will be. Copies in flight are
    left alone; when Telegram accepts them, their withdrawal is queued."""
    await conn.execute(
        "UPDATE deliveries SET state = 'withdrawn', reason = 'cancelled before sending' "
        "WHERE alert_id = ? AND state = 'queued'",
        (alert_id,),
    )


async def claim(conn: Connection, order: QueueOrder, now: datetime, limit: int) -> list[Job]:
    """Mark up to `limit` due jobs of this queue order 'sending' and return them:
    follow-ups (edits, withdrawals) first, then new copies."""
    due = (int(order), to_text(now))
    followups = [
        FollowupJob(**{**row, **_typed(row), "edited": bool(row["edited"])})
        for row in await _claim(conn, "followups", _DUE_FOLLOWUPS, (*due, limit))
    ]
    room = limit - len(followups)
    copies = await _claim(conn, "deliveries", _DUE_COPIES, (*due, room)) if room > 0 else []
    return [*followups, *(DeliveryJob(**{**row, **_typed(row)}) for row in copies)]


def _typed(row: dict) -> dict:
    """A claimed row's severity, kind and time as the job carries them."""
    typed = {"severity": Severity(row["severity"]), "queued_at": _at(row)}
    if "kind" in row:
        typed["kind"] = FollowupKind(row["kind"])
    return typed


def _at(row: dict) -> datetime | None:
    return from_text(row["queued_at"]) if row["queued_at"] else None


async def _claim(conn: Connection, table: str, select: str, parameters: tuple) -> list[dict]:
    """The rows `select` finds, each marked 'sending' in `table` (keyed by alert and chat)."""
    rows = [dict(row) for row in await fetch_all(conn, select, parameters)]
    await conn.executemany(
        f"UPDATE {table} SET state = 'sending' WHERE alert_id = ? AND chat_id = ?",  # noqa: S608 -- a table name from this module
        [(r["alert_id"], r["chat_id"]) for r in rows],
    )
    return rows


def _text(role: str, name: str = "") -> str:
    """SQL for the alert's `role` text in the copy's language (`d`, `a`), else in the
    alert's default language."""
    texts = "SELECT t.html FROM alert_texts t WHERE t.alert_id = a.id AND t.role = '{}' AND "
    pick = (
        f"COALESCE(({texts.format(role)} t.language = d.language), "
        f"({texts.format(role)} t.language = a.default_language))"
    )
    return f"{pick} AS {name}" if name else pick


_DUE_COPIES = (
    "SELECT d.alert_id, d.chat_id, d.language, d.attempts, a.severity, a.revision, "  # noqa: S608 -- fixed SQL
    "a.queued_at, a.kind AS alert_kind, "
    f"{_text('body', 'html')} "
    "FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
    "WHERE d.state = 'queued' AND d.priority = ? AND d.next_attempt_at <= ? "
    "ORDER BY d.alert_id LIMIT ?"
)
_DUE_FOLLOWUPS = (
    "SELECT f.alert_id, f.chat_id, f.kind, f.revision, f.edited, f.notice_message_id, "  # noqa: S608 -- fixed SQL
    "f.attempts, d.message_id, d.language, a.severity, a.queued_at, a.kind AS alert_kind, "
    f"CASE WHEN f.kind = 'withdraw' THEN {_text('withdrawn')} "
    f"ELSE {_text('body')} END AS html, "
    f"CASE WHEN f.kind = 'withdraw' THEN {_text('notice')} END AS notice_html "
    "FROM followups f "
    "JOIN deliveries d ON d.alert_id = f.alert_id AND d.chat_id = f.chat_id "
    "JOIN alerts a ON a.id = f.alert_id "
    "WHERE f.state = 'queued' AND f.priority = ? AND f.next_attempt_at <= ? "
    "ORDER BY f.alert_id LIMIT ?"
)


async def mark_sent(
    conn: Connection, alert_id: int, chat_id: int, message_id: int, revision: int, now: datetime
) -> None:
    """Unconditional: Telegram has the message, whatever happened meanwhile."""
    await mark_all_sent(conn, [(alert_id, chat_id, message_id, revision)], now)


async def mark_all_sent(
    conn: Connection, copies: Sequence[tuple[int, int, int, int]], now: datetime
) -> None:
    """mark_sent for many copies (alert id, chat id, message id, revision) in one call: at
    paid speed a call per copy kept the database's thread as busy as the bot's."""
    stamp = to_text(now)
    await conn.executemany(
        "UPDATE deliveries SET state = 'sent', message_id = ?, revision = ?, "
        "attempts = attempts + 1, sent_at = ?, reason = NULL WHERE alert_id = ? AND chat_id = ?",
        [(message, revision, stamp, alert, chat) for alert, chat, message, revision in copies],
    )


async def end_for_chat(conn: Connection, chat_id: int, reason: str, now: datetime) -> None:
    """The chat cannot be reached: its pending copies and follow-ups end with `reason`."""
    await conn.execute(
        "UPDATE deliveries SET state = 'blocked', reason = ? "
        "WHERE chat_id = ? AND state IN ('queued', 'sending')",
        (reason, chat_id),
    )
    await conn.execute(
        "UPDATE followups SET state = 'gone', reason = ?, done_at = ? "
        "WHERE chat_id = ? AND state IN ('queued', 'sending')",
        (reason, to_text(now), chat_id),
    )


async def retry(
    conn: Connection,
    job: Job,
    next_attempt_at: datetime,
    reason: str,
    *,
    counted: bool,
    edited: bool = False,
    notice_id: int | None = None,
) -> None:
    """Back to the queue until `next_attempt_at`; `counted` False does not use an attempt."""
    stamps = (int(counted), to_text(next_attempt_at), reason)
    if isinstance(job, DeliveryJob):
        await conn.execute(
            "UPDATE deliveries SET state = 'queued', attempts = attempts + ?, "
            "next_attempt_at = ?, reason = ? "
            "WHERE alert_id = ? AND chat_id = ? AND state = 'sending'",
            (*stamps, job.alert_id, job.chat_id),
        )
        return
    await conn.execute(
        "UPDATE followups SET state = 'queued', attempts = attempts + ?, next_attempt_at = ?, "  # noqa: S608 -- fixed SQL
        "reason = ?, edited = ?, notice_message_id = ? "
        f"WHERE {_CLAIMED_FOLLOWUP}",
        (*stamps, int(edited), notice_id, *_followup_key(job)),
    )


async def fail(conn: Connection, job: Job, reason: str, now: datetime) -> None:
    """Given up for good, with the reason kept for the comms desk."""
    if isinstance(job, DeliveryJob):
        await conn.execute(
            "UPDATE deliveries SET state = 'failed', attempts = attempts + 1, reason = ? "
            "WHERE alert_id = ? AND chat_id = ? AND state = 'sending'",
            (reason, job.alert_id, job.chat_id),
        )
        return
    await conn.execute(
        "UPDATE followups SET state = 'failed', attempts = attempts + 1, reason = ?, "  # noqa: S608 -- fixed SQL
        f"done_at = ? WHERE {_CLAIMED_FOLLOWUP}",
        (reason, to_text(now), *_followup_key(job)),
    )


async def finish_followup(
    conn: Connection,
    job: FollowupJob,
    notice_message_id: int | None,
    reason: str | None,
    now: datetime,
) -> None:
    """Done; `reason` notes a step that could not be done (e.g. the copy was deleted)."""
    await conn.execute(
        "UPDATE followups SET state = 'done', attempts = attempts + 1, edited = 1, "  # noqa: S608 -- fixed SQL
        f"notice_message_id = ?, done_at = ?, reason = ? WHERE {_CLAIMED_FOLLOWUP}",
        (notice_message_id, to_text(now), reason, *_followup_key(job)),
    )


# A follow-up still claimed by this job: a newer revision or kind queued meanwhile wins.
_CLAIMED_FOLLOWUP = (
    "alert_id = ? AND chat_id = ? AND state = 'sending' AND kind = ? AND revision = ?"
)


def _followup_key(job: FollowupJob) -> tuple:
    return (job.alert_id, job.chat_id, job.kind, job.revision)


async def recover(conn: Connection) -> int:
    """Put work left 'sending' (by a crash or a stop) back in the queue; return how many."""
    cursor = await conn.execute(
        "UPDATE deliveries SET state = CASE WHEN (SELECT state FROM alerts "
        "WHERE id = deliveries.alert_id) = 'cancelled' THEN 'withdrawn' ELSE 'queued' END "
        "WHERE state = 'sending'"
    )
    count = cursor.rowcount
    cursor = await conn.execute("UPDATE followups SET state = 'queued' WHERE state = 'sending'")
    return count + cursor.rowcount


async def counts(conn: Connection, alert_id: int) -> DeliveryCounts:
    """Deliveries per state, (state, reason) pairs for blocked/failed, follow-ups per state."""
    rows = await fetch_all(
        conn,
        "SELECT state, COUNT(*) AS n FROM deliveries WHERE alert_id = ? GROUP BY state",
        (alert_id,),
    )
    reasons = await fetch_all(
        conn,
        "SELECT state, reason, COUNT(*) AS n FROM deliveries "
        "WHERE alert_id = ? AND state IN ('blocked', 'failed') GROUP BY state, reason",
        (alert_id,),
    )
    followups = await fetch_all(
        conn,
        "SELECT state, COUNT(*) AS n FROM followups WHERE alert_id = ? GROUP BY state",
        (alert_id,),
    )
    # Not yet sent, and the last try failed: waiting for Telegram (an outage, a 429).
    waiting = await fetch_one(
        conn,
        "SELECT COUNT(*) FROM deliveries WHERE alert_id = ? AND state IN ('queued', 'sending') "
        "AND reason IS NOT NULL",
        (alert_id,),
    )
    return DeliveryCounts(
        by_state={CopyState(r["state"]): r["n"] for r in rows},
        reasons={(CopyState(r["state"]), r["reason"] or ""): r["n"] for r in reasons},
        followups_by_state={FollowupState(r["state"]): r["n"] for r in followups},
        waiting=waiting[0],
    )
