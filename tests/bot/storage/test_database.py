"""Storage: migrations, subscriptions surviving a reopen, and deletion that leaves nothing."""

from datetime import UTC, datetime

from bot.storage import Database
from bot.storage import subscribers as store
from bot.storage.migrations import MIGRATIONS
from tests.auxil.db_probe import rows_about
from tests.auxil.delivery import add_resident

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
        subscriber = await store.get(db.connection, 42)
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
            await store.delete(conn, 42)
        assert await rows_about(path, 42) == 0
        assert await rows_about(path, 7) > 0
    finally:
        await db.close()
