"""Benchmark: one alert to N subscribers, delivered by the real bot through the stand-in.

The bot is the production program, `python -m bot run`, in a subprocess; the Telegram
stand-in runs in this process and enforces the flood limit like Telegram does (429 with
retry_after). The alert is queued through AlertDesk (as `stadtwarn alert send --all` does)
once the bot is polling.

    .venv/bin/python bench/broadcast.py            # 10,000 at 30/s: ~6 min
    .venv/bin/python bench/broadcast.py --subscribers 3000  # make bench
    .venv/bin/python bench/broadcast.py --subscribers 100000 --limit 30
    .venv/bin/python bench/broadcast.py --pacing off  # engine ceiling
    .venv/bin/python bench/broadcast.py --queue  # + queue_recipients.py

Pacing on: the stand-in allows `--limit` messages/s and the bot's STADTWARN_SEND_RATE is the
same; printed are the achieved rate over the steady-state window (first to last accepted
send) as a share of the limit (target >= 0.97), the number of 429s (target 0), the busiest
second, and the total time from queueing to the alert being done.

Pacing off: the stand-in is unlimited and STADTWARN_SEND_RATE=1000 (the highest the bot
accepts), so the figure is the engine's own ceiling in messages/s through HTTP and the
stand-in (which shares this process's CPU, so the real ceiling is higher).

`--queue` also runs bench/queue_recipients.py: time and peak memory to queue one alert to
100,000 and 1,000,000 recipients (that script runs on its own too).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._population import populate
from bot.alerts.compose import AlertDraft
from bot.devtools.bot_process import queue_alert, start_bot_process
from bot.devtools.standin import FakeTelegram
from bot.storage import alerts
from bot.storage.database import Database

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-TOKEN"
MAX_BOT_RATE = 1000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=30.0, help="stand-in messages/s")
    parser.add_argument("--pacing", choices=("on", "off"), default="on")
    parser.add_argument("--queue", action="store_true", help="also time queueing 100k and 1M")
    return parser


async def _done(db_path: Path, alert_id: int) -> bool:
    db = await Database.open(db_path)
    try:
        return (await alerts.get(db.connection, alert_id)).state == "done"
    finally:
        await db.close()


async def broadcast(subscribers: int, limit: float, pacing: bool, folder: Path) -> None:
    db_path = folder / "broadcast.sqlite3"
    log = folder / "bot.log"
    db = await Database.open(db_path)
    await populate(db, subscribers)
    await db.close()
    stand_in_limit = limit if pacing else None
    bot_rate = limit if pacing else MAX_BOT_RATE
    async with FakeTelegram(TOKEN, rate_limit_per_second=stand_in_limit) as tg:
        for chat_id in range(1, subscribers + 1):
            tg.user(chat_id)
        bot = await start_bot_process(tg, db_path, rate=bot_rate, log=log)
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            queued_at = time.monotonic()
            draft = AlertDraft(
                "free_text", "warning", (), True, text="Benchmark: bitte ignorieren."
            )
            alert_id, recipients = await queue_alert(db_path, draft)
            deadline = 60 + 2 * recipients / (limit if pacing else 200)
            await tg.wait_for(lambda t: t.stats.sent >= recipients, timeout=deadline)
            while not await _done(db_path, alert_id):  # noqa: ASYNC110 -- polls another process's DB
                await asyncio.sleep(0.05)
            total = time.monotonic() - queued_at
        finally:
            if bot.returncode is None:
                bot.terminate()
                try:
                    await asyncio.wait_for(bot.wait(), 15)
                except TimeoutError:
                    bot.kill()
                    with contextlib.suppress(ProcessLookupError):
                        await bot.wait()
        stats = tg.stats
        times = stats.send_times
        window = times[-1] - times[0]
        rate = (len(times) - 1) / window if window > 0 else float("inf")
        first_after = times[0] - queued_at
        busiest = stats.max_sends_within(1.0)
        too_many = stats.too_many_requests
        sent = stats.sent
    if pacing:
        print(
            f"{recipients:,} subscribers at a {limit:g}/s limit: {sent:,} accepted, "
            f"steady-state rate {rate:.2f}/s = {rate / limit:.3f} of the limit "
            f"(target >= 0.97); 429s: {too_many} (target 0); busiest second {busiest}; "
            f"first send {first_after:.2f} s after queueing; total {total:.1f} s"
        )
    else:
        print(
            f"{recipients:,} subscribers, pacing off (stand-in unlimited, "
            f"STADTWARN_SEND_RATE={MAX_BOT_RATE}): {rate:,.0f} messages/s through the stand-in "
            f"(engine ceiling); 429s: {too_many}; total {total:.1f} s"
        )


async def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        await broadcast(args.subscribers, args.limit, args.pacing == "on", Path(folder))
    if args.queue:
        from bench import queue_recipients

        await queue_recipients.main()


if __name__ == "__main__":
    asyncio.run(main())
