"""Shared test helper: look into the bot's SQLite file the way a data-protection audit would."""

from __future__ import annotations

from pathlib import Path

from bot.storage import Database


async def rows_about(db_path: Path, chat_id: int) -> int:
    """Rows in any table with a chat_id column that mention the chat."""
    db = await Database.open(db_path)
    try:
        tables = await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
        total = 0
        for (table,) in tables:
            columns = await db.fetch_all(f"PRAGMA table_info({table})")
            if any(column["name"] == "chat_id" for column in columns):
                row = await db.fetch_one(
                    f"SELECT COUNT(*) FROM {table} WHERE chat_id = ?", (chat_id,)
                )
                total += row[0]
        return total
    finally:
        await db.close()
