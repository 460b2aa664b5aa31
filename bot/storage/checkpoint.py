"""Write-ahead-log checkpoints off the request path. SQLite by default copies the WAL into
the database file (and syncs it) inside whichever commit passes 1,000 pages: that commit,
a resident's report say, waits for the disk. While the bot runs, its own connection never
checkpoints; a second connection, on its own thread, does it every CHECKPOINT_EVERY seconds.
If it cannot (a full disk), it logs one line and tries again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3

import aiosqlite

from bot.storage.database import AUTOCHECKPOINT_PAGES, Database

log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 1.0  # seconds


class Checkpointer:
    def __init__(self, db: Database, *, every: float = CHECKPOINT_EVERY) -> None:
        self._db = db
        self._every = every
        self._connection: aiosqlite.Connection | None = None
        self._task: asyncio.Task | None = None
        self._failing = False
        self.checkpoints = 0  # completed so far (for tests and logs)

    async def start(self) -> None:
        """Take the checkpoints over from the bot's connection (nothing to do in memory)."""
        if self._db.path in ("", ":memory:"):
            return
        self._connection = await aiosqlite.connect(self._db.path, isolation_level=None)
        await self._db.checkpoint_every(0)
        self._task = asyncio.create_task(self._regularly(), name="database-checkpoint")

    async def close(self) -> None:
        """One last checkpoint, and the bot's connection checkpoints by itself again."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        await self.checkpoint()
        await self._connection.close()
        await self._db.checkpoint_every(AUTOCHECKPOINT_PAGES)

    async def checkpoint(self) -> bool:
        """Copy what the WAL holds into the database file, as far as readers allow. False
        (and one line in the log, once per spell of trouble) if it could not."""
        try:
            async with self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)") as cursor:
                busy, in_log, copied = await cursor.fetchone()
        except sqlite3.Error as error:
            if not self._failing:
                log.warning("database checkpoint failed (%s); trying again", error)
            self._failing = True
            return False
        if self._failing:
            log.info("database checkpoints work again")
        self._failing = False
        self.checkpoints += 1
        return busy == 0 and in_log == copied

    async def _regularly(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            await self.checkpoint()
