"""Deleted means gone from the file. After a deletion (/stop), within SCRUB_DELAY seconds,
the database is rebuilt (VACUUM) and its write-ahead log emptied, so the deleted chat id is
in no byte of the database file or its WAL: not in a b-tree's divider keys or index pages,
which `secure_delete` does not reach. It runs off the request path; a busy database (another
process writing, or reading the WAL) postpones it: it is tried again every SCRUB_DELAY
seconds until it succeeds."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.storage.database import Database

log = logging.getLogger(__name__)

SCRUB_DELAY = 60.0  # seconds from the first deletion of a burst to the scrub, and between tries


class Scrubber:
    def __init__(self, db: Database, *, delay: float = SCRUB_DELAY) -> None:
        self._db = db
        self._delay = delay
        self._task: asyncio.Task | None = None
        self.scrubs = 0  # done so far (for tests and logs)

    def deleted(self) -> None:
        """Rows were deleted: scrub within the delay (one scrub for a whole burst)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._scrub_soon(), name="database-scrub")

    async def close(self) -> None:
        """On shutdown: a scrub still due runs now, so a clean stop leaves no deleted id."""
        if self._task is None or self._task.done():
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        await self._scrub_once()

    async def _scrub_soon(self) -> None:
        while True:  # until done: another process only postpones it
            await asyncio.sleep(self._delay)
            if await self._scrub_once():
                return

    async def _scrub_once(self) -> bool:
        try:
            done = await self._db.scrub()
        except Exception:
            log.warning("scrubbing deleted rows failed; trying again later", exc_info=True)
            return False
        if done:
            self.scrubs += 1
        else:
            log.info("database busy (another process); scrubbing deleted rows later")
        return done
