"""Reminders of office hours: the resident's switch (column `subscribers.reminders`, deleted
with the row by /stop) and table `hour_reminders`, the office hours (area, start in UTC)
already queued as a reminder, so each is queued once. Functions take a connection."""

from __future__ import annotations

from datetime import datetime

from bot.storage.database import Connection, fetch_one
from bot.storage.utc import to_text


async def is_on(conn: Connection, chat_id: int) -> bool:
    row = await fetch_one(conn, "SELECT reminders FROM subscribers WHERE chat_id = ?", (chat_id,))
    return bool(row and row[0])


async def switch(conn: Connection, chat_id: int, on: bool) -> bool:
    """Set the switch of a stored resident; False if the chat has no row (nothing stored)."""
    cursor = await conn.execute(
        "UPDATE subscribers SET reminders = ? WHERE chat_id = ?", (int(on), chat_id)
    )
    return cursor.rowcount > 0


async def claim(conn: Connection, area_id: str, starts_at: datetime, now: datetime) -> bool:
    """Record the office hour as reminded; False if it already was (by this or an earlier
    run). In the transaction that queues the reminder, so a crash undoes both."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO hour_reminders (area_id, starts_at, queued_at) VALUES (?, ?, ?)",
        (area_id, to_text(starts_at), to_text(now)),
    )
    return cursor.rowcount > 0


async def set_alert(conn: Connection, area_id: str, starts_at: datetime, alert_id: int) -> None:
    await conn.execute(
        "UPDATE hour_reminders SET alert_id = ? WHERE area_id = ? AND starts_at = ?",
        (alert_id, area_id, to_text(starts_at)),
    )


async def was_claimed(conn: Connection, area_id: str, starts_at: datetime) -> bool:
    row = await fetch_one(
        conn,
        "SELECT 1 FROM hour_reminders WHERE area_id = ? AND starts_at = ?",
        (area_id, to_text(starts_at)),
    )
    return row is not None


async def forget_before(conn: Connection, moment: datetime) -> None:
    """Office hours that began before `moment` are never due again: their records can go."""
    await conn.execute("DELETE FROM hour_reminders WHERE starts_at < ?", (to_text(moment),))
