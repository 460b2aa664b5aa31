"""Benchmark: the delivery engine's own ceiling (messages/s) with pacing off and an instant
in-memory sender, so only the engine and SQLite are measured."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._population import NOW, draft_for_everyone, populate, run_each
from bot.alerts import lifecycle
from bot.delivery.engine import DeliveryEngine
from bot.delivery.flood import FloodBudget
from bot.storage import alerts
from bot.storage.database import Database

RECIPIENTS = 20_000


class InstantSender:
    def __init__(self) -> None:
        self.count = 0

    async def send(self, chat_id: int, html: str, **options) -> int:
        """As Sender.send (options silent, priority, reply_to, paid, button), instantly."""
        self.count += 1
        return self.count

    async def edit(self, chat_id: int, message_id: int, html: str, **options) -> None:
        self.count += 1


async def bench(max_in_flight: int, folder: Path) -> None:
    db = await Database.open(folder / f"ceiling-{max_in_flight}.sqlite3")
    await populate(db, RECIPIENTS)
    alert_id = await draft_for_everyone(db)
    total = await lifecycle.queue(db, alert_id, NOW)
    sender = InstantSender()
    engine = DeliveryEngine(db, sender, FloodBudget(rate=None), max_in_flight=max_in_flight)
    start = time.perf_counter()
    await engine.start()
    while (await alerts.get(db.connection, alert_id)).state != "done":  # noqa: ASYNC110 -- polls the DB
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - start
    await engine.stop()
    await db.close()
    print(
        f"max_in_flight={max_in_flight:>4}: {total:,} deliveries sent and recorded in "
        f"{elapsed:.2f} s = {total / elapsed:,.0f} messages/s"
    )


if __name__ == "__main__":
    run_each(bench, (64, 256))
