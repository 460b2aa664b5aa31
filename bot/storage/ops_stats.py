"""Counts for the operators' health check and metrics: the outbox's backlog, subscribers by
state, reports by kind. Only counts and kinds: never a chat id or a text. Functions take a
connection."""

from __future__ import annotations

from datetime import datetime

from bot.storage.database import Connection, fetch_all, fetch_one
from bot.storage.utc import from_text

# deliveries.priority and followups.priority: 0 urgent, 1 normal
PRIORITY_NAMES = {0: "urgent", 1: "normal"}


async def backlog(conn: Connection) -> dict[str, int]:
    """Copies and follow-ups not yet sent (queued or being sent), by priority."""
    rows = await fetch_all(
        conn,
        "SELECT priority, COUNT(*) FROM ("
        " SELECT priority FROM deliveries WHERE state IN ('queued', 'sending')"
        " UNION ALL"
        " SELECT priority FROM followups WHERE state IN ('queued', 'sending')"
        ") GROUP BY priority",
    )
    counts = dict.fromkeys(PRIORITY_NAMES.values(), 0)
    for priority, count in rows:
        counts[PRIORITY_NAMES.get(priority, str(priority))] = count
    return counts


async def oldest_queued(conn: Connection) -> datetime | None:
    """When the alert of the oldest copy still waiting was queued; None if none waits."""
    row = await fetch_one(
        conn,
        "SELECT MIN(a.queued_at) FROM alerts a WHERE a.id IN "
        "(SELECT DISTINCT alert_id FROM deliveries WHERE state IN ('queued', 'sending'))",
    )
    return from_text(row[0]) if row else None


async def subscribers_by_state(conn: Connection) -> dict[str, int]:
    """Residents by state: active, or inactive (blocked the bot, or the chat is gone)."""
    rows = await fetch_all(conn, "SELECT active, COUNT(*) FROM subscribers GROUP BY active")
    counts = {"active": 0, "inactive": 0}
    for active, count in rows:
        counts["active" if active else "inactive"] = count
    return counts


async def reports_by_kind(conn: Connection) -> dict[str, int]:
    """Reports by kind: those kept, and those older ones folded into day counts."""
    rows = await fetch_all(
        conn,
        "SELECT kind, SUM(n) FROM ("
        " SELECT kind, COUNT(*) AS n FROM reports GROUP BY kind"
        " UNION ALL"
        " SELECT kind, SUM(count) FROM report_counts GROUP BY kind"
        ") GROUP BY kind",
    )
    return {kind: int(count) for kind, count in rows}
