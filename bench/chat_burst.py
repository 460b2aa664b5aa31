"""Benchmark: one resident forwards a chain of 30 scam texts at once; how long do the others
wait for their answers meanwhile, and does the forwarder get the 30 answers in order?

The real bot (in this process) polls the strict Telegram stand-in (30 messages a second, one
new message a second per chat after a burst of 3). One chat forwards BURST texts at once,
each with its own phone number, so every answer can be matched to its text; meanwhile OTHERS
residents ask `/hilfe`, one every ASK_EVERY seconds from the burst on. The bot paces the
forwarder's chat at about one answer a second, so its answers take half a minute whatever
processes the updates. Three rows, each against a fresh stand-in and database:

* Stadtwarn: bot/update_order.py's PerChatOrder, chats at once and in order per chat.
* PTB's default: one update at a time (`concurrent_updates(False)`).
* PTB's `concurrent_updates(True)`: 256 at once, with no order per chat.

Printed per row: the other residents' p95 and max reply time (from their send to the
answer), when the forwarder's last answer came, how many of the 30 were answered, and how
many answers came out of order (after the answer to a text sent later). Exits 1 if
Stadtwarn's p95 is 1 s or more, or its order is broken.

Run from the repository root: .venv/bin/python bench/chat_burst.py (about 2 minutes).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram.ext import BaseUpdateProcessor, SimpleUpdateProcessor

from bot.app import running_application
from bot.devtools.standin import FakeTelegram
from bot.settings import Settings
from bot.update_order import PerChatOrder

TOKEN = "123456:BENCH-TOKEN"
BURST = 30
OTHERS = 10
ASK_EVERY = 0.5  # seconds between the other residents' questions
BAR = 1.0  # seconds: Stadtwarn's p95 for the others must stay under it
NUMBER = re.compile(r"0176 (\d{7})")
ROWS: dict[str, Callable[[], BaseUpdateProcessor]] = {
    "Stadtwarn (PerChatOrder)": PerChatOrder,
    "PTB default (one at a time)": lambda: SimpleUpdateProcessor(1),
    "PTB concurrent_updates(True)": lambda: SimpleUpdateProcessor(256),
}


@dataclass(frozen=True)
class Row:
    name: str
    replies: list[float]  # seconds each other resident waited for the answer
    last_answer: float  # seconds from the burst to the forwarder's last answer
    order: tuple[int, ...]  # which text each of the forwarder's answers answers

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.replies, n=20, method="inclusive")[18]

    @property
    def answered(self) -> int:
        return len(set(self.order))

    @property
    def out_of_order(self) -> int:
        """Answers that came after the answer to a text sent later than theirs."""
        count, latest = 0, -1
        for number in self.order:
            if number < latest:
                count += 1
            latest = max(latest, number)
        return count

    @property
    def in_order(self) -> bool:
        return self.order == tuple(range(BURST))  # each answered once, in the order sent


def scam_text(i: int) -> str:
    """The i-th text of the chain, told apart by its 0176 number; every third also names
    two more numbers (more for the bot to look up, so its answer takes longer to prepare)."""
    text = f"Ihr Paket wartet. Rufen Sie uns an: 0176 {1_000_000 + i}"
    if i % 3 == 1:
        text += f" oder per WhatsApp 0152 {2_000_000 + i}, Festnetz 030 {3_000_000 + i}"
    return text


def answered_numbers(user) -> list[int]:
    return [int(m[1]) - 1_000_000 for m in map(NUMBER.search, (x.text for x in user.messages)) if m]


async def run_row(name: str, processor: BaseUpdateProcessor) -> Row:
    async with FakeTelegram(TOKEN) as telegram:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings.for_demo(
                api_url=telegram.api_url, db_path=Path(folder) / "bench.sqlite3"
            )
            settings = replace(settings, token=telegram.token)
            forwarder = telegram.user(80_000)
            others = [telegram.user(80_001 + i) for i in range(OTHERS)]
            async with running_application(settings, update_processor=processor):
                started = time.perf_counter()
                for i in range(BURST):
                    forwarder.forward(scam_text(i))

                async def ask(index: int, resident) -> float:
                    await asyncio.sleep(index * ASK_EVERY)
                    sent = time.perf_counter()
                    resident.send("/hilfe")
                    await resident.next_message(timeout=180)
                    return time.perf_counter() - sent

                replies = await asyncio.gather(*(ask(i, r) for i, r in enumerate(others)))
                with contextlib.suppress(TimeoutError):  # a row that loses answers says so
                    await forwarder.wait_for(
                        lambda u: len(answered_numbers(u)) >= BURST, timeout=180
                    )
                last_answer = time.perf_counter() - started
            order = answered_numbers(forwarder)
    return Row(name, list(replies), last_answer, tuple(order))


def table(rows: list[Row]) -> str:
    lines = [
        f"{'':30} {'others p95':>11} {'others max':>11} {'last of 30':>11} "
        f"{'answered':>9} {'out of order':>13}",
    ]
    for row in rows:
        lines.append(
            f"{row.name:30} {row.p95:>9.2f} s {max(row.replies):>9.2f} s "
            f"{row.last_answer:>9.1f} s {row.answered:>6}/{BURST} {row.out_of_order:>13}"
        )
    return "\n".join(lines)


async def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    print(
        f"one chat forwards {BURST} texts at once; {OTHERS} others ask /hilfe, one every "
        f"{ASK_EVERY:g} s; strict stand-in, same run"
    )
    rows = [await run_row(name, make()) for name, make in ROWS.items()]
    print(table(rows))
    ours = rows[0]
    ok = ours.p95 < BAR and ours.in_order
    print(
        f"Stadtwarn: p95 {ours.p95:.2f} s (bar < {BAR:g} s), "
        f"order {'kept' if ours.in_order else 'BROKEN'} -> {'ok' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
