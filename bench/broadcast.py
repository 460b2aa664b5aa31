"""Benchmark: one alert to N subscribers, delivered by the real bot through the strict stand-in,
side by side with what a PTB user would pick instead.

The stand-in is the strict model (bot/devtools/standin/rate_limit.py): at most `--limit`
message requests in any sliding second counted at arrival, one new message a second per chat
after a burst of 3, retry_after growing for a bot that keeps tripping, and 10–60 ms of uplink
jitter (requests arrive late and out of order). Its theoretical ceiling for a sender that never
trips it is about 0.95 of the limit.

Rows, each against a fresh stand-in:
* Stadtwarn: `python -m bot run` in a subprocess; the alert is queued through AlertDesk (as
  `stadtwarn alert send --all` does) once the bot polls. While the broadcast runs, a resident
  who is not a recipient asks `/hilfe` every 0.5 s; the p95 of those reply times is printed.
* PTB's AIORateLimiter (30/s overall, retries on 429), in this process.
* Fixed batches: 25 messages, then 1.05 s, in this process.

Printed per row: the achieved rate over the steady state (first to last accepted message) as
a share of the limit (target >= 0.93), the 429s (target 0), the busiest second, the first
message after the start (target < 1 s) and the total time.

    .venv/bin/python bench/broadcast.py                      # 3,000, all three rows: ~6 min
    .venv/bin/python bench/broadcast.py --subscribers 10000  # ~18 min
    .venv/bin/python bench/broadcast.py --only stadtwarn --pacing off  # engine ceiling
    .venv/bin/python bench/broadcast.py --queue  # + queue_recipients.py
    .venv/bin/python bench/broadcast.py --paid   # 20,000, one urgent alert paid, 1,000/s
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _peers, queue_recipients
from bench._population import each_in_tempdir, populate
from bot.alerts.compose import AlertDraft
from bot.devtools.bot_process import queue_alert, start_bot_process
from bot.devtools.standin import FakeTelegram
from bot.storage import alerts
from bot.storage.database import Database

TOKEN = "123456:BENCH-TOKEN"
MAX_BOT_RATE = 1000
FREE_LIMIT = 30
PAID_LIMIT = 1000  # Telegram's paid broadcasts: up to 1,000 messages a second
JITTER = (0.010, 0.060)
PEERS = {"aio-rate-limiter": _peers.with_aio_rate_limiter, "batches": _peers.in_fixed_batches}
ROWS = ("stadtwarn", *PEERS)


@dataclass(frozen=True)
class Row:
    name: str
    recipients: int
    accepted: int
    share: float
    too_many: int
    busiest: int
    first_after: float
    total: float
    p95_reply: float | None = None

    def line(self, limit: float) -> str:
        reply = "" if self.p95_reply is None else f"; p95 reply {self.p95_reply:.2f} s"
        return (
            f"{self.name:>16}: {self.recipients:,} at a {limit:g}/s limit: "
            f"{self.share:.3f} of the limit; 429s {self.too_many}; busiest second "
            f"{self.busiest}; first message {self.first_after:.2f} s after the start; "
            f"total {self.total:.1f} s{reply}"
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, nargs="+", default=[3000])
    parser.add_argument("--limit", type=float, default=30.0, help="stand-in messages/s")
    parser.add_argument("--only", choices=ROWS, nargs="+", default=list(ROWS))
    parser.add_argument("--pacing", choices=("on", "off"), default="on")
    parser.add_argument("--queue", action="store_true", help="also time queueing 100k and 1M")
    parser.add_argument(
        "--paid", action="store_true",
        help="one urgent alert as paid broadcasts (STADTWARN_PAID_BROADCAST=urgent): the "
        "stand-in allows 30/s free and --limit (default 1000) paid; Stadtwarn's row only",
    )  # fmt: skip
    return parser


def _stand_in(limit: float | None, paid: float | None = None) -> FakeTelegram:
    """The strict stand-in at `limit` messages/s; with `paid`, at the free limit (30/s)
    and `paid` paid broadcasts in any second."""
    tg = FakeTelegram(TOKEN, rate_limit_per_second=None)
    if paid is not None:
        tg.set_rate_limit(FREE_LIMIT, jitter=JITTER, paid_per_second=paid)
    elif limit is not None:
        tg.set_rate_limit(limit, jitter=JITTER)
    tg.expect_rejections()
    return tg


def _settled() -> None:
    """The stand-in's many users live for the whole run: keep them out of the garbage
    collector, whose pauses would otherwise delay requests at the stand-in (jitter that is
    not part of the model) and bias the rows in turn."""
    gc.collect()
    gc.freeze()


def _row(tg: FakeTelegram, name: str, recipients: int, started: float, limit: float) -> Row:
    times = tg.stats.send_times
    span = times[-1] - times[0]
    rate = (len(times) - 1) / span if span > 0 else float("inf")
    return Row(
        name=name,
        recipients=recipients,
        accepted=tg.stats.sent,
        share=rate / limit,
        too_many=tg.stats.too_many_requests,
        busiest=tg.stats.max_sends_within(1.0),
        first_after=times[0] - started,
        total=times[-1] - started,
    )


async def peer_row(name: str, subscribers: int, limit: float) -> Row:
    async with _stand_in(limit) as tg:
        chats = range(1, subscribers + 1)
        for chat_id in chats:
            tg.user(chat_id)
        _settled()
        started = time.monotonic()
        await PEERS[name](TOKEN, tg.api_url, chats)
        return _row(tg, name, subscribers, started, limit)


async def stadtwarn_row(
    subscribers: int, limit: float, pacing: bool, folder: Path, *, paid: bool = False
) -> Row:
    db_path = folder / f"broadcast-{subscribers}.sqlite3"
    db = await Database.open(db_path)
    await populate(db, subscribers)
    await db.close()
    stand_in = _stand_in(None, limit) if paid else _stand_in(limit if pacing else None)
    async with stand_in as tg:
        for chat_id in range(1, subscribers + 1):
            tg.user(chat_id)
        _settled()
        settings = {"STADTWARN_PAID_BROADCAST": "urgent", "STADTWARN_PAID_RATE": f"{limit:g}"}
        bot = await start_bot_process(
            tg, db_path, rate=FREE_LIMIT if paid else limit if pacing else MAX_BOT_RATE,
            log=folder / "bot.log", env=settings if paid else None,
        )  # fmt: skip
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            started = time.monotonic()
            severity = "urgent" if paid else "warning"
            draft = AlertDraft("free_text", severity, (), True, text="Benchmark: bitte ignorieren.")
            alert_id, recipients = await queue_alert(db_path, draft)
            finished = asyncio.Event()
            probe = asyncio.create_task(_reply_times(tg, finished))
            await _wait_done(tg, db_path, alert_id, recipients, limit if pacing else 200)
            finished.set()
            replies = await probe
        finally:
            await _stop(bot)
        row = _row(tg, "stadtwarn", recipients, started, limit)
    p95 = statistics.quantiles(replies, n=20)[18] if len(replies) >= 2 else None
    return Row(**{**row.__dict__, "p95_reply": p95})


async def paid_rows(args: argparse.Namespace) -> None:
    """--paid: one urgent alert as paid broadcasts, per --subscribers (default 20,000)."""
    limit = args.limit if args.limit != FREE_LIMIT else PAID_LIMIT
    counts = args.subscribers if args.subscribers != [3000] else [20_000]
    print(f"strict stand-in, {FREE_LIMIT}/s free and {limit:g}/s paid, jitter "
          f"{JITTER[0]:g}–{JITTER[1]:g} s; STADTWARN_PAID_BROADCAST=urgent")  # fmt: skip
    for subscribers in counts:
        with tempfile.TemporaryDirectory() as folder:
            row = await stadtwarn_row(subscribers, limit, True, Path(folder), paid=True)
        print(row.line(limit))


async def _reply_times(tg: FakeTelegram, finished: asyncio.Event) -> list[float]:
    """A resident who is not a recipient asks /hilfe every 0.5 s while the broadcast runs."""
    times: list[float] = []
    for number in range(900_000, 1_000_000):
        if finished.is_set():
            break
        asked = time.monotonic()
        await tg.user(number).ask("/hilfe", timeout=60)
        times.append(time.monotonic() - asked)
        await asyncio.sleep(0.5)
    return times


async def _wait_done(tg: FakeTelegram, db_path: Path, alert_id: int, count: int, rate: float):
    await tg.wait_for(lambda t: t.stats.sent >= count, timeout=60 + 2 * count / min(rate, 100))
    while not await _done(db_path, alert_id):  # noqa: ASYNC110 -- polls another process's DB
        await asyncio.sleep(0.05)


async def _done(db_path: Path, alert_id: int) -> bool:
    db = await Database.open(db_path)
    try:
        return (await alerts.get(db.connection, alert_id)).state == "done"
    finally:
        await db.close()


async def _stop(bot: asyncio.subprocess.Process) -> None:
    if bot.returncode is not None:
        return
    bot.terminate()
    try:
        await asyncio.wait_for(bot.wait(), 15)
    except TimeoutError:
        bot.kill()
        with contextlib.suppress(ProcessLookupError):
            await bot.wait()


async def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.paid:
        await paid_rows(args)
        return
    pacing = args.pacing == "on"
    print(f"strict stand-in, {args.limit:g}/s, jitter {JITTER[0]:g}–{JITTER[1]:g} s")
    for subscribers in args.subscribers:
        for name in args.only:
            if name == "stadtwarn":
                with tempfile.TemporaryDirectory() as folder:
                    row = await stadtwarn_row(subscribers, args.limit, pacing, Path(folder))
            elif pacing:
                row = await peer_row(name, subscribers, args.limit)
            else:
                continue
            print(
                row.line(args.limit) if pacing else f"pacing off: {row.share * args.limit:,.0f}/s"
            )
    if args.queue:
        await each_in_tempdir(queue_recipients.bench, queue_recipients.SIZES)


if __name__ == "__main__":
    asyncio.run(main())
