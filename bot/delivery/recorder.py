"""The engine's writer: records what Telegram answered in batches, one transaction each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from bot.delivery import worklist
from bot.delivery.worklist import Outcome
from bot.storage.database import Database

log = logging.getLogger(__name__)

RECORD_BATCH = 500


class OutcomeRecorder:
    """`add()` is instant; a background task writes the outcomes. `stop()` writes the rest."""

    def __init__(self, db: Database, clock: Callable[[], datetime], retry_interval: float) -> None:
        self._db = db
        self._clock = clock
        self._retry_interval = retry_interval
        self._wanted = asyncio.Event()
        self._lock = asyncio.Lock()
        self._outcomes: list[Outcome] = []
        self._task: asyncio.Task | None = None
        self._stopping = False

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._loop(), name="delivery-writer")

    def add(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)
        self._wanted.set()

    async def stop(self) -> None:
        """Finish the batch being written, then write what is left once (no retries)."""
        self._stopping = True
        self._wanted.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self._flush(retry=False)

    async def _loop(self) -> None:
        while not self._stopping:
            await self._wanted.wait()
            self._wanted.clear()
            await self._flush(retry=not self._stopping)

    async def _flush(self, *, retry: bool) -> None:
        async with self._lock:
            while self._outcomes:
                batch = self._outcomes[:RECORD_BATCH]
                try:
                    finished = await worklist.record(self._db, batch, self._clock())
                except Exception:
                    log.exception("recording %d outcomes failed", len(batch))
                    if not retry or self._stopping:
                        return
                    await asyncio.sleep(self._retry_interval)
                    continue
                del self._outcomes[: len(batch)]
                for alert_id in finished:
                    log.info("alert %d: all deliveries finished", alert_id)
