"""Folding old reports in the background: reports older than KEPT_DAYS keep only their counts,
checked at start and every FOLD_EVERY seconds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from bot.clock import Clock
from bot.storage import Database, reports

KEPT_DAYS = 90  # then a report keeps only its counts
FOLD_EVERY = 6 * 3600.0  # seconds between folding old reports (and once at start)

log = logging.getLogger(__name__)


class Folding:
    """The background task that folds old reports; start() it once, close() it at the end."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._fold_regularly(), name="reports:fold")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def fold_old(self) -> int:
        """Reports older than KEPT_DAYS keep only their counts; returns how many were folded."""
        before = self._clock() - timedelta(days=KEPT_DAYS)
        async with self._db.transaction() as conn:
            return await reports.fold_older_than(conn, before)

    async def _fold_regularly(self) -> None:
        while True:
            try:
                folded = await self.fold_old()
                if folded:
                    log.info("%d reports older than %d days kept as counts only", folded, KEPT_DAYS)
            except Exception as error:  # a full disk, say: try again next time
                log.warning("folding old reports failed: %s", error)
            await asyncio.sleep(FOLD_EVERY)
