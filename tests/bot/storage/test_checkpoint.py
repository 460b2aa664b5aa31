"""WAL checkpoints on their own connection: commits never copy the log themselves, the file
still gets everything, and trouble is one line in the log until it passes."""

import logging
import resource

from bot.storage import Database
from bot.storage.checkpoint import Checkpointer
from tests.auxil.delivery import wait_for

PAGES = 1_500  # more than SQLite's 1,000-page threshold for a checkpoint inside a commit


async def _write_pages(db: Database, pages: int) -> None:
    await _write_pages_from(db, 1, pages)


async def _write_pages_from(db: Database, first: int, pages: int) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO disk_probe (id, filler) VALUES (?, zeroblob(4000))",
            [(n,) for n in range(first, first + pages)],
        )


async def _autocheckpoint(db: Database) -> int:
    return (await db.fetch_one("PRAGMA wal_autocheckpoint"))[0]


async def test_the_log_reaches_the_file_off_the_commit(tmp_path):
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    # First with no periodic run in between (a slow machine's commit may outlast a short
    # period): the commit alone leaves everything in the log.
    idle = Checkpointer(db, every=3600)
    await idle.start()
    try:
        before = path.stat().st_size
        assert await _autocheckpoint(db) == 0  # no commit waits for a checkpoint
        await _write_pages(db, PAGES)
        assert path.stat().st_size == before  # the commit left it all in the log
    finally:
        await idle.close()  # its last checkpoint copies the log into the file
    assert path.stat().st_size > PAGES * 4000
    # Then the periodic runs copy new pages on their own.
    checkpointer = Checkpointer(db, every=0.05)
    await checkpointer.start()
    try:
        grown = path.stat().st_size
        await _write_pages_from(db, PAGES + 1, PAGES)
        await wait_for(
            lambda: path.stat().st_size > grown + PAGES * 3000 and checkpointer.checkpoints,
            what="the file to grow",
        )
    finally:
        await checkpointer.close()
    assert await _autocheckpoint(db) == 1000  # on its own again (CLI, shutdown)
    await db.close()


async def test_a_full_disk_is_one_line_in_the_log_then_it_works_again(tmp_path, caplog):
    """The file may not grow (the disk is full, here a file size limit), yet the log has
    room: the checkpoint fails, which is logged once, and succeeds once there is room."""
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    await _write_pages(db, 500)  # a 2 MB file ...
    await db.close()
    db = await Database.open(path)
    checkpointer = Checkpointer(db, every=0.05)
    await checkpointer.start()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 100_000, hard))
        with caplog.at_level(logging.INFO, logger="bot.storage.checkpoint"):
            await _write_pages_from(db, 1_000, 300)  # ... and 1.2 MB more, in the log
            await wait_for(lambda: "checkpoint failed" in caplog.text, what="a failed checkpoint")
            assert not await checkpointer.checkpoint()
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # room again
            await wait_for(lambda: "work again" in caplog.text, what="a checkpoint")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        await checkpointer.close()
        await db.close()
    lines = [r.getMessage() for r in caplog.records]
    assert len([line for line in lines if "checkpoint failed" in line]) == 1
    assert "database checkpoints work again" in lines
    assert all(r.exc_info is None for r in caplog.records)  # no traceback


async def test_an_in_memory_database_needs_none():
    db = await Database.open(":memory:")
    checkpointer = Checkpointer(db)
    await checkpointer.start()
    await checkpointer.close()
    assert await _autocheckpoint(db) == 1000
    await db.close()
