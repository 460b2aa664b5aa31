"""Rows about residents: who subscribed, in which language, to which districts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database
from bot.storage.utc import from_text, to_text


@dataclass(frozen=True)
class Subscriber:
    chat_id: int
    language: str
    all_districts: bool
    district_ids: frozenset[str]
    subscribed_at: datetime


async def get(db: Database, chat_id: int) -> Subscriber | None:
    row = await db.fetch_one(
        "SELECT chat_id, language, all_districts, subscribed_at FROM subscribers WHERE chat_id = ?",
        (chat_id,),
    )
    if row is None:
        return None
    districts = await db.fetch_all(
        "SELECT district_id FROM subscriptions WHERE chat_id = ?", (chat_id,)
    )
    return Subscriber(
        chat_id=row["chat_id"],
        language=row["language"],
        all_districts=bool(row["all_districts"]),
        district_ids=frozenset(r["district_id"] for r in districts),
        subscribed_at=from_text(row["subscribed_at"]),
    )


async def language(db: Database, chat_id: int) -> str | None:
    """The chat's stored language, or None if nothing is stored about the chat."""
    row = await db.fetch_one("SELECT language FROM subscribers WHERE chat_id = ?", (chat_id,))
    return row["language"] if row else None


async def set_language(db: Database, chat_id: int, language: str, now: datetime) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO subscribers (chat_id, language, subscribed_at) VALUES (?, ?, ?) "
            "ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
            (chat_id, language, to_text(now)),
        )


async def add_district(
    db: Database, chat_id: int, district_id: str, language: str, now: datetime
) -> None:
    async with db.transaction() as conn:
        await _insert_subscriber(conn, chat_id, language, now)
        await conn.execute(
            "INSERT OR IGNORE INTO subscriptions (chat_id, district_id) VALUES (?, ?)",
            (chat_id, district_id),
        )


async def remove_district(db: Database, chat_id: int, district_id: str) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND district_id = ?",
            (chat_id, district_id),
        )


async def set_all_districts(
    db: Database, chat_id: int, value: bool, language: str, now: datetime
) -> None:
    async with db.transaction() as conn:
        await _insert_subscriber(conn, chat_id, language, now)
        await conn.execute(
            "UPDATE subscribers SET all_districts = ? WHERE chat_id = ?", (int(value), chat_id)
        )


async def delete(db: Database, chat_id: int) -> bool:
    """Delete every row about the chat: the subscriber row cascades to all tables.
    Returns whether there was anything to delete."""
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (chat_id,))
        deleted = cursor.rowcount > 0
    # Move the deleted pages out of the write-ahead log into the (secure-deleted) file.
    await db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return deleted


async def _insert_subscriber(conn, chat_id: int, language: str, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO subscribers (chat_id, language, subscribed_at) VALUES (?, ?, ?) "
        "ON CONFLICT (chat_id) DO NOTHING",
        (chat_id, language, to_text(now)),
    )
