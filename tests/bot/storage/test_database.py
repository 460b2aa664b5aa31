"""Storage: migrations, subscriptions surviving a reopen, deletion that leaves nothing, and a
database the bot may not write found at opening."""

import asyncio
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

from bot.storage import Database, subscribers
from bot.storage.migrations import MIGRATIONS
from tests.auxil.cli import cli_environment
from tests.auxil.db_probe import rows_about
from tests.auxil.delivery import add_resident, residents_in_file
from tests.auxil.unprivileged import unprivileged

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


async def test_new_database_is_at_newest_schema(tmp_path):
    db = await Database.open(tmp_path / "sub" / "db.sqlite3")
    try:
        assert await db.schema_version() == len(MIGRATIONS)
    finally:
        await db.close()


async def test_subscriptions_survive_reopening(tmp_path):
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    await add_resident(db, 42, ("winzerla", "neulobeda"), now=NOW)
    await db.close()
    db = await Database.open(path)
    try:
        subscriber = await subscribers.get(db.connection, 42)
        assert subscriber.district_ids == {"winzerla", "neulobeda"}
        assert subscriber.subscribed_at == NOW
        assert subscriber.language == "de"
    finally:
        await db.close()


async def test_delete_leaves_no_row_about_the_chat(tmp_path):
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    try:
        await add_resident(db, 42, ("winzerla",), language="en", all_districts=True)
        await add_resident(db, 7, ("winzerla",))
        async with db.transaction() as conn:
            await subscribers.delete(conn, 42)
        assert await rows_about(path, 42) == 0
        assert await rows_about(path, 7) > 0
    finally:
        await db.close()


async def test_migration_4_keeps_alert_texts_and_frees_the_language_columns(tmp_path):
    """A database written by the two-language schema (version 3) keeps every text."""
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as old:
        for version, script in enumerate(MIGRATIONS[:3], start=1):
            old.executescript(f"{script}\nPRAGMA user_version = {version};")
        old.executescript(
            "INSERT INTO subscribers (chat_id, language, subscribed_at)"
            " VALUES (42, 'en', '2026-05-04T10:00:00.000000+00:00');"
            "INSERT INTO subscriptions VALUES (42, 'winzerla');"
            "INSERT INTO alerts (kind, severity, body_de, body_en, withdrawn_de, withdrawn_en,"
            " notice_de, notice_en, state, created_by, created_at, updated_at) VALUES"
            " ('fraud', 'warning', 'Achtung', 'Caution', 'weg', 'gone', 'Entwarnung',"
            " 'All clear', 'cancelled', 1, 'x', 'x');"
            "INSERT INTO deliveries (alert_id, chat_id, language, priority, state,"
            " next_attempt_at, message_id) VALUES (1, 42, 'en', 1, 'sent', 'x', 500);"
        )
    db = await Database.open(path)
    try:
        texts = await db.fetch_all(
            "SELECT language, role, html FROM alert_texts ORDER BY role, language"
        )
        assert [tuple(r) for r in texts] == [
            ("de", "body", "Achtung"),
            ("en", "body", "Caution"),
            ("de", "notice", "Entwarnung"),
            ("en", "notice", "All clear"),
            ("de", "withdrawn", "weg"),
            ("en", "withdrawn", "gone"),
        ]
        delivery = await db.fetch_one("SELECT chat_id, language, message_id FROM deliveries")
        assert tuple(delivery) == (42, "en", 500)
        assert (await subscribers.get(db.connection, 42)).district_ids == {"winzerla"}
        await add_resident(db, 7, ("winzerla",), language="xx")  # no check names languages
        assert await db.fetch_all("PRAGMA foreign_key_check") == []
        # Deleting the resident still cascades through the rebuilt tables.
        async with db.transaction() as conn:
            await subscribers.delete(conn, 42)
        assert await rows_about(path, 42) == 0
    finally:
        await db.close()


OPEN = """
import asyncio, sys
from bot.storage.database import Database, DatabaseUnusable
async def main():
    try:
        await (await Database.open(sys.argv[1])).close()
    except DatabaseUnusable as error:
        print(error)
asyncio.run(main())
"""


def open_unprivileged(path) -> str:
    """What Database.open says in a process that file permissions bind (also as root)."""
    result = subprocess.run(
        unprivileged([sys.executable, "-c", OPEN, str(path)]),
        env=cli_environment({}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


async def test_a_read_only_file_is_found_at_opening_though_sqlite_opens_it_silently(tmp_path):
    """A restored backup with the wrong owner: migrated and in WAL mode, so SQLite opens it
    read-only without a word, and only the first write would fail."""
    path = tmp_path / "db.sqlite3"
    await residents_in_file(path, [42])
    path.chmod(0o444)
    said = await asyncio.to_thread(open_unprivileged, path)
    assert said == (
        f"the database {path} is read-only: give the bot's user write access to it (chown or "
        f"chmod; also its -wal and -shm files if there), or set STADTWARN_DB to another file"
    )


async def test_a_read_only_folder_is_named(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    await residents_in_file(folder / "db.sqlite3", [42])
    folder.chmod(0o555)
    try:
        said = await asyncio.to_thread(open_unprivileged, folder / "db.sqlite3")
    finally:
        folder.chmod(0o755)
    assert said.startswith(f"the database folder {folder} is read-only: give the bot's user")
