"""Benchmark: residents' reports at scale.

A database with 100,000 reports over 30 days (2,000 numbers, a few of them reported often;
30 Ortsteile, 8 kinds). Then, timed:

- submit: 2,000 new reports through Reports.submit, each with its daily limit, the insert
  and the spike check of its number and of its kind in its Ortsteil, its commit included
  (p50, p99, max); the database set up as the bot sets it up, WAL checkpoints on their own
  connection (bot/storage/checkpoint.py);
- the floor: a bare INSERT in its own transaction, set up the same way;
- the same submits with SQLite's default, a checkpoint inside the commit that passes
  1,000 pages (what the bot did before);
- the same on a copy of the database without the reports' indexes (what a plain table
  would give);
- the check's work with the counts: check_text, the reports about its numbers, the reply
  rendered; checks per second, against check_text and rendering alone in the same run.

The real bot then sends the reply through its flood budget (30 a second, Telegram's limit),
so through Telegram a resident's check is paced by that, not by this work.

Run from the repository root: .venv/bin/python bench/reports.py
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.city.data import check_rules, load_city
from bot.numbercheck import check_text
from bot.reports.keys import ReportKeys
from bot.reports.service import Reports
from bot.reports.subject import subjects_in
from bot.reports.values import ReportDraft
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database
from bot.storage.checkpoint import Checkpointer
from bot.storage.utc import to_text
from bot.texts import Texts
from bot.vocabulary import ReportKind
from handlers.check import render_result

CITY = load_city(BUNDLED_CITY_PATH)
RULES = check_rules(CITY)
TEXTS = Texts(city=CITY)
REPORTS = 100_000
NUMBERS = 2_000
NEW_REPORTS = 2_000
CHECKS = 2_000
SEED = 12
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
INDEXES = (
    "reports_by_subject",
    "reports_by_district_kind",
    "reports_by_time",
    "reports_by_day_key",
)


def numbers() -> list[str]:
    return [f"+4915{n:09d}" for n in range(NUMBERS)]


async def fill(path: Path) -> None:
    rng = random.Random(SEED)
    pool = numbers()
    weights = [1 / (rank + 1) for rank in range(NUMBERS)]  # a few numbers reported often
    kinds = list(ReportKind)
    districts = [d.id for d in CITY.districts]
    rows = []
    for i in range(REPORTS):
        at = NOW - timedelta(seconds=rng.uniform(0, 30 * 86400))
        rows.append(
            (
                to_text(at),
                rng.choice(kinds).value,
                rng.choice(districts),
                rng.choices(pool, weights)[0],
                "",
                os.urandom(16),
                os.urandom(16),
                i.to_bytes(16, "big"),
            )
        )
    db = await Database.open(path)
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO reports (reported_at, kind, district_id, subject, note, once_key,"
            " day_key, subject_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    async with db.transaction() as conn:
        await conn.execute("ANALYZE")
    await db.close()


async def time_submits(path: Path, *, checkpoints: bool = True) -> list[float]:
    """Each submit, with the database set up as the bot sets it up (WAL checkpoints on their
    own connection), or, `checkpoints` False, as SQLite does by default (inside a commit)."""
    db = await Database.open(path)
    checkpointer = Checkpointer(db)
    if checkpoints:
        await checkpointer.start()
    reports = Reports(db, CITY, ReportKeys(b"b" * 32), lambda: NOW)
    rng = random.Random(SEED + 1)
    pool = numbers()[:50]
    took = []
    try:
        for chat in range(NEW_REPORTS):
            draft = ReportDraft(
                rng.choice(list(ReportKind)), rng.choice(CITY.districts).id, rng.choice(pool)
            )
            started = time.perf_counter()
            await reports.submit(10_000_000 + chat, draft)
            took.append(time.perf_counter() - started)
    finally:
        await checkpointer.close()
        await db.close()
    return took


async def time_plain_inserts(path: Path) -> list[float]:
    """The floor: the same reports stored by a bare INSERT in its own transaction, with no
    limit, no de-duplication and no spike check."""
    db = await Database.open(path)
    checkpointer = Checkpointer(db)
    await checkpointer.start()
    rng = random.Random(SEED + 1)
    pool = numbers()[:50]
    took = []
    try:
        for _ in range(NEW_REPORTS):
            kind, district = rng.choice(list(ReportKind)), rng.choice(CITY.districts).id
            row = (to_text(NOW), kind.value, district, rng.choice(pool), "", os.urandom(16))
            started = time.perf_counter()
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO reports (reported_at, kind, district_id, subject, note,"
                    " once_key, day_key, subject_key) VALUES (?, ?, ?, ?, ?, ?, x'00', x'00')",
                    row,
                )
            took.append(time.perf_counter() - started)
    finally:
        await checkpointer.close()
        await db.close()
    return took


async def time_checks(path: Path) -> tuple[float, float]:
    """(checks per second with the counts, without them) on the same messages."""
    db = await Database.open(path)
    reports = Reports(db, CITY, ReportKeys(b"b" * 32), lambda: NOW)
    rng = random.Random(SEED + 2)
    pool = numbers()
    messages = [f"Anruf von 0{rng.choice(pool)[3:]}, er wollte meine PIN" for _ in range(CHECKS)]
    try:
        started = time.perf_counter()
        for text in messages:
            result = check_text(text, RULES)
            reported = await reports.about(subjects_in(result))
            render_result(TEXTS, "de", result, reported)
        with_counts = CHECKS / (time.perf_counter() - started)
        started = time.perf_counter()
        for text in messages:
            render_result(TEXTS, "de", check_text(text, RULES))
        alone = CHECKS / (time.perf_counter() - started)
    finally:
        await db.close()
    return with_counts, alone


async def drop_indexes(path: Path) -> None:
    db = await Database.open(path)
    async with db.transaction() as conn:
        for name in INDEXES:
            await conn.execute(f"DROP INDEX {name}")
    await db.close()


def summary(label: str, took: list[float]) -> str:
    ms = sorted(t * 1000 for t in took)
    p99 = ms[int(len(ms) * 0.99) - 1]
    return (
        f"{label}: p50 {statistics.median(ms):.2f} ms, p99 {p99:.2f} ms, max {ms[-1]:.2f} ms"
        f" ({len(ms):,} reports)"
    )


async def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.sqlite3"
        started = time.perf_counter()
        await fill(path)
        print(f"{REPORTS:,} reports written in {time.perf_counter() - started:.1f} s")
        plain = Path(folder) / "plain.sqlite3"
        shutil.copy(path, plain)
        floor = Path(folder) / "floor.sqlite3"
        shutil.copy(path, floor)
        inline = Path(folder) / "inline.sqlite3"
        shutil.copy(path, inline)
        with_counts, alone = await time_checks(path)
        took = await time_submits(path)
        print(summary("submit with spike check (Stadtwarn)", took))
        print(summary("a bare INSERT, nothing else (the floor)", await time_plain_inserts(floor)))
        inline_took = await time_submits(inline, checkpoints=False)
        print(summary("the same with SQLite's checkpoints inside commits", inline_took))
        await drop_indexes(plain)
        print(summary("the same without the reports' indexes", await time_submits(plain)))
        print(
            f"check + counts + reply rendered: {with_counts:,.0f} checks/s"
            f" (check + reply alone: {alone:,.0f}/s)"
        )
        ok = sorted(took)[int(len(took) * 0.99) - 1] < 0.005 and with_counts >= 200
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
