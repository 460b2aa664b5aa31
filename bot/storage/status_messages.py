"""Table `status_messages`: the admins' messages that follow an alert's delivery (and its
"me too" votes), kept so they are still updated after a restart. Functions take a
connection."""

from __future__ import annotations

from bot.storage.database import Connection, fetch_all


async def save_status_message(
    conn: Connection, alert_id: int, chat_id: int, message_id: int, language: str
) -> None:
    await conn.execute(
        "INSERT OR REPLACE INTO status_messages (alert_id, admin_id, message_id, language)"
        " VALUES (?, ?, ?, ?)",
        (alert_id, chat_id, message_id, language),
    )


async def of_alert(conn: Connection, alert_id: int) -> list[tuple[int, int, str]]:
    """(chat, message, language) of each admin's status message of the alert."""
    rows = await fetch_all(
        conn,
        "SELECT admin_id, message_id, language FROM status_messages WHERE alert_id = ?"
        " ORDER BY admin_id, message_id",
        (alert_id,),
    )
    return [(row[0], row[1], row[2]) for row in rows]
