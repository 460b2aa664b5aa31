"""Fills a fresh database with synthetic residents for the benchmarks (setup, not timed)."""

from __future__ import annotations

import asyncio
import random
import tempfile
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from bot.alerts import lifecycle
from bot.storage.alerts import NewAlert
from bot.storage.database import Database

DISTRICTS = [f"district-{i:02d}" for i in range(30)]
NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


async def populate(db: Database, residents: int, *, seed: int = 7) -> None:
    """`residents` active residents, each with 1-3 districts; 1 in 20 chose all districts."""
    rng = random.Random(seed)
    stamp = NOW.isoformat()
    chunk = 50_000
    async with db.transaction() as conn:
        for start in range(1, residents + 1, chunk):
            ids = range(start, min(start + chunk, residents + 1))
            await conn.executemany(
                "INSERT INTO subscribers (chat_id, language, all_districts, subscribed_at) "
                "VALUES (?, ?, ?, ?)",
                [(i, "en" if i % 7 == 0 else "de", int(i % 20 == 0), stamp) for i in ids],
            )
            await conn.executemany(
                "INSERT INTO subscriptions (chat_id, district_id) VALUES (?, ?)",
                [
                    (i, district)
                    for i in ids
                    for district in rng.sample(DISTRICTS, rng.randint(1, 3))
                ],
            )


async def draft_for_everyone(db: Database) -> int:
    """A warning to every district `populate` used, needing no approval; returns its id."""
    new = NewAlert(
        kind="fraud",
        severity="warning",
        district_ids=tuple(DISTRICTS),  # every resident chose one of these: all are recipients
        all_districts=False,
        bodies={"de": "<b>Warnung</b>", "en": "<b>Warning</b>"},
        created_by=1,
        approvals_required=0,
    )
    return await lifecycle.create_draft(db, new, NOW)


async def each_in_tempdir(
    bench: Callable[[int, Path], Awaitable[None]], sizes: Iterable[int]
) -> None:
    """Run `bench(size, folder)` for each size, in one temporary folder removed after."""
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            await bench(size, Path(folder))


def run_each(bench: Callable[[int, Path], Awaitable[None]], sizes: Iterable[int]) -> None:
    asyncio.run(each_in_tempdir(bench, sizes))
