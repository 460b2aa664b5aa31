"""Benchmark: time and peak memory to queue one alert to 100,000 and 1,000,000 recipients."""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._population import NOW, draft_for_everyone, populate, run_each
from bot.alerts import lifecycle
from bot.storage.database import Database


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


async def bench(residents: int, folder: Path) -> None:
    path = folder / f"queue-{residents}.sqlite3"
    db = await Database.open(path)
    try:
        setup_start = time.perf_counter()
        await populate(db, residents)
        setup = time.perf_counter() - setup_start
        alert_id = await draft_for_everyone(db)
        rss_before = max_rss_mib()
        tracemalloc.start()
        start = time.perf_counter()
        queued = await lifecycle.queue(db, alert_id, NOW)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = max_rss_mib()
    finally:
        await db.close()
    size = path.stat().st_size / 2**20
    print(
        f"{residents:>9,} residents: queued {queued:,} deliveries in {elapsed:.2f} s "
        f"({queued / elapsed:,.0f}/s); Python peak {peak / 2**20:.2f} MiB (tracemalloc); "
        f"max RSS {rss_before:.0f} -> {rss_after:.0f} MiB; file {size:.0f} MiB "
        f"(setup {setup:.1f} s, not timed)"
    )


SIZES = (100_000, 1_000_000)

if __name__ == "__main__":
    run_each(bench, SIZES)
