"""Table `alert_votes`: the alerts' "Ich hatte auch so einen Anruf", one per chat and alert,
by a keyed hash instead of the chat (see migration 5)."""

from __future__ import annotations

from bot.storage.database import Connection, fetch_all, fetch_one
from bot.vocabulary import QUIET_KINDS


async def received(conn: Connection, alert_id: int, chat_id: int) -> bool:
    """Whether the chat holds a delivered copy of the alert, still out (sent, not withdrawn)
    and not an office hours' notice or reminder (no button): the only "me too" that counts."""
    quiet = ", ".join("?" for _ in QUIET_KINDS)
    row = await fetch_one(
        conn,
        "SELECT 1 FROM deliveries d JOIN alerts a ON a.id = d.alert_id"  # noqa: S608 -- placeholders
        " WHERE d.alert_id = ? AND d.chat_id = ? AND d.state = 'sent'"
        f" AND a.state IN ('queued', 'sending', 'done') AND a.kind NOT IN ({quiet})",
        (alert_id, chat_id, *sorted(QUIET_KINDS)),
    )
    return row is not None


async def vote(conn: Connection, alert_id: int, voter_key: bytes, district_id: str) -> bool:
    """One vote per chat and alert; False if this chat voted already."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO alert_votes (alert_id, voter_key, district_id) VALUES (?, ?, ?)",
        (alert_id, voter_key, district_id),
    )
    return cursor.rowcount == 1


async def votes(conn: Connection, alert_id: int) -> dict[str, int]:
    rows = await fetch_all(
        conn,
        "SELECT district_id, COUNT(*) FROM alert_votes WHERE alert_id = ?"
        " GROUP BY district_id ORDER BY COUNT(*) DESC, district_id",
        (alert_id,),
    )
    return {row[0]: row[1] for row in rows}
