"""Deleted means gone from the bytes: 300 residents /stop while another process holds a
read transaction; nobody waits for the database, and after the scrub delay no deleted chat
id is in the database file or its write-ahead log, in any of SQLite's encodings."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

from bot.storage.database import Database
from tests.auxil.delivery import add_resident, queued_alert
from tests.auxil.running_bot import running_bot

# Large ids, so their bytes are distinctive. 300 of 900 residents leave, spread among those
# who stay, so the tables' and indexes' b-trees keep their inner pages.
RESIDENTS = range(7_000_000_001, 7_000_000_901)
CHATS = RESIDENTS[::3]
SCRUB_DELAY = 1.0


def encodings(chat_id: int) -> list[bytes]:
    """How SQLite may store the id: as a record integer (6 or 8 bytes, big-endian), as a
    b-tree key (a varint), or as text."""
    varint, value = [], chat_id
    varint.append(value & 0x7F)
    value >>= 7
    while value:
        varint.append(0x80 | (value & 0x7F))
        value >>= 7
    return [
        chat_id.to_bytes(6, "big"),
        chat_id.to_bytes(8, "big"),
        bytes(reversed(varint)),
        str(chat_id).encode(),
    ]


def ids_in_files(db_path: Path) -> set[int]:
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    data = b"".join(f.read_bytes() for f in files if f.exists())
    return {c for c in CHATS if any(e in data for e in encodings(c))}


async def subscribed_and_alerted(db_path: Path) -> None:
    """900 residents, each with a delivered alert: ids in tables and in indexes."""
    db = await Database.open(db_path)
    try:
        for chat_id in RESIDENTS:
            await add_resident(db, chat_id, ("winzerla", "neulobeda"))
        await queued_alert(db, ("winzerla",))
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET state = 'sent', message_id = chat_id % 1000, "
                "sent_at = '2026-11-21T11:00:00+00:00'"
            )
    finally:
        await db.close()


@pytest.mark.slow
async def test_300_stops_beside_a_reader_are_quick_and_leave_no_id(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    await subscribed_and_alerted(db_path)
    assert ids_in_files(db_path) == set(CHATS)  # the scan finds them while they are there
    reader = sqlite3.connect(db_path, isolation_level=None)  # a backup, the sqlite3 shell
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM subscribers").fetchone()
    waits = []
    async with running_bot(telegram, db_path, scrub_delay=SCRUB_DELAY) as application:
        for chat_id in CHATS:
            resident = telegram.user(chat_id)
            await resident.ask("/stop")
            started = time.monotonic()
            await resident.press_and_read("Ja, alles löschen", "Sie sind abgemeldet.")
            waits.append(time.monotonic() - started)
        reader.rollback()  # the other process lets go
        reader.close()
        scrubber = application.bot_data["stadtwarn_services"].scrubber
        await telegram.wait_for(lambda _: scrubber.scrubs >= 1, timeout=10 * SCRUB_DELAY)
        await asyncio.sleep(0)
        assert ids_in_files(db_path) == set()
    assert max(waits) < 2.0
    assert ids_in_files(db_path) == set()  # and after a clean shutdown
