"""Benchmark: `stadtwarn publish` for 1,000 alerts (the issue's bar: under 2 s).

A database with 1,000 alerts sent over 30 days through the real comms desk (every tenth
updated, every twentieth withdrawn; districts and severities mixed), then, timed: reading the
snapshot and writing the whole site (every page, feed, CAP message and alerts.json, each file
atomically) into an empty folder, and again into the written folder (unchanged files are
left). Best of three runs each.

Also timed: `cp -r` of the written site into a new folder on the same disk, nothing
rendered: the floor the disk sets for any way of writing these files.

Run from the repository root: .venv/bin/python bench/publish.py [--alerts 1000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.alerts.compose import AlertDraft
from bot.alerts.desk import AlertDesk
from bot.city.data import load_city
from bot.city.geo import load_boundaries
from bot.clock import BERLIN
from bot.delivery.expiry import Expiry
from bot.publish.site import read_snapshot, setup_for, write_site
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database
from bot.texts import Texts

BAR = 2.0  # seconds
NOW = datetime(2026, 12, 3, 14, 5, tzinfo=BERLIN)
KINDS = ("shock_call", "fake_utility_staff", "phishing", "investment_fraud")
SEVERITIES = ("info", "warning", "urgent")


async def fill(db: Database, city, texts: Texts, count: int) -> None:
    clock = [NOW - timedelta(days=30)]
    desk = AlertDesk(db, city, texts, approvals_required=1, rate=None, clock=lambda: clock[0])
    districts = [d.id for d in city.districts]
    for n in range(count):
        clock[0] += timedelta(days=29.9) / count
        draft = AlertDraft(
            KINDS[n % len(KINDS)], SEVERITIES[n % 3],
            tuple(districts[(n + k) % len(districts)] for k in range(1 + n % 3)),
            n % 50 == 0, f"Warnung Nummer {n}: bitte Vorsicht am Telefon.",
        )  # fmt: skip
        alert_id = await desk.create(draft, 1)
        await desk.send(alert_id, 1)
        if n % 10 == 0:
            await desk.update_text(alert_id, f"Warnung Nummer {n}, aktualisiert.")
        if n % 20 == 0:
            await desk.cancel(alert_id, 1)


async def timed(db: Database, setup, out: Path, processes: int) -> tuple[float, int, int]:
    start = time.perf_counter()
    snapshot = await read_snapshot(db.connection, setup, NOW, Expiry().of)
    written = write_site(out, snapshot, setup, processes=processes)
    return time.perf_counter() - start, written.files, written.changed


async def main_async(count: int, where: str | None) -> int:
    city = load_city(BUNDLED_CITY_PATH)
    texts = Texts(city=city)
    setup = setup_for(
        city, texts, load_boundaries(city.boundaries_file, city), bot_username="stadtwarn_bot"
    )
    folder = Path(tempfile.mkdtemp(prefix="bench-publish-", dir=where))
    try:
        db = await Database.open(folder / "db.sqlite3")
        await fill(db, city, texts, count)
        results = {}
        for processes in (2, 1):
            fresh, again = [], []
            for run in range(3):
                out = folder / f"site-{processes}-{run}"
                fresh.append(await timed(db, setup, out, processes))
                again.append(await timed(db, setup, out, processes))
            results[processes] = fresh, again
        await db.close()
        size = sum(p.stat().st_size for p in (folder / "site-2-0").rglob("*") if p.is_file())
        copies = [copied(folder / "site-2-0", folder / f"copy-{run}") for run in range(3)]
    finally:
        shutil.rmtree(folder)
    print(f"publish: {count} alerts, {results[2][0][0][1]} files, {size / 1e6:.1f} MB")
    for processes, label in ((2, "stadtwarn publish, 2 processes"), (1, "one process (the bot)")):
        fresh, again = results[processes]
        best, runs = min(t for t, *_ in fresh), ", ".join(f"{t:.2f}" for t, *_ in fresh)
        best_again, _, changed = min(again)
        print(f"  {label}: into an empty folder {best:.2f} s (runs: {runs});")
        print(f"    into the written folder {best_again:.2f} s, {changed} files written anew")
    print(f"  cp -r of the written site into a new folder (the disk's floor): {min(copies):.2f} s")
    best = min(t for t, *_ in results[2][0])
    verdict = "PASS" if best < BAR else "FAIL"
    print(f"publish: {verdict} (bar: {BAR:.0f} s, stadtwarn publish into an empty folder)")
    return 0 if best < BAR else 1


def copied(site: Path, to: Path) -> float:
    """Seconds `cp -r` takes to copy the written site: the same files, nothing rendered."""
    start = time.perf_counter()
    subprocess.run(["cp", "-r", str(site), str(to)], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=1000)
    parser.add_argument("--dir", help="where the sites are written (default: the temp folder)")
    args = parser.parse_args()
    return asyncio.run(main_async(args.alerts, args.dir))


if __name__ == "__main__":
    sys.exit(main())
