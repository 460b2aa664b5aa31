"""GET /healthz: is the bot well? Cheap enough to be asked every 10 s: two permission checks,
one empty write transaction and three small counts."""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock
from bot.storage import ops_stats
from bot.storage.database import Database
from bot.telemetry import Telemetry

logger = logging.getLogger(__name__)

REACHED_WITHIN = 60.0  # seconds: "Telegram reached within the last minute"
PROBE_TIMEOUT = 2.0  # seconds the write lock may take before the database counts as stuck


@dataclass(frozen=True)
class Health:
    database_writable: bool
    telegram_reached: bool  # within the last minute
    telegram_unreachable_seconds: float
    outbox_backlog: int
    oldest_queued_seconds: float | None

    def ok(self, grace: float) -> bool:
        return self.database_writable and self.telegram_unreachable_seconds <= grace

    def as_json(self) -> dict:
        return {
            "database_writable": self.database_writable,
            "telegram_reached": self.telegram_reached,
            "telegram_unreachable_seconds": round(self.telegram_unreachable_seconds),
            "outbox_backlog": self.outbox_backlog,
            "oldest_queued_seconds": None
            if self.oldest_queued_seconds is None
            else round(self.oldest_queued_seconds),
        }


async def health(db: Database, path: Path, telemetry: Telemetry, clock: Clock) -> Health:
    writable = await _writable(db, path)
    backlog = oldest = None
    try:
        backlog = sum((await ops_stats.backlog(db.connection)).values())
        queued_at = await ops_stats.oldest_queued(db.connection)
        oldest = None if queued_at is None else (clock() - queued_at).total_seconds()
    except Exception as error:  # a damaged file: say so in the answer, not as a traceback
        logger.warning("health check cannot read the database: %s", error)
        writable = False
    return Health(
        database_writable=writable,
        telegram_reached=telemetry.reached_within(REACHED_WITHIN),
        telegram_unreachable_seconds=telemetry.unreachable_for(),
        outbox_backlog=backlog or 0,
        oldest_queued_seconds=oldest,
    )


async def _writable(db: Database, path: Path) -> bool:
    """The file and its write-ahead log may be written by this process (open files keep
    working after a chmod, the next start would not), writes have not been failing for a
    full disk, and the write lock can be taken."""
    wal = path.with_name(path.name + "-wal")
    for file in (path, wal):
        if file.exists() and not os.access(file, os.W_OK):
            return False
    if db.full_since is not None:
        return False
    try:
        async with asyncio.timeout(PROBE_TIMEOUT), db.transaction():
            pass
    except Exception as error:
        logger.warning("health check: the database cannot be written: %s", error)
        return False
    return True
