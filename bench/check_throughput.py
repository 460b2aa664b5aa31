"""Benchmark: number checks per second, end to end through the bot and alone.

End to end: the real PTB Application polls the Telegram stand-in (rate limit off); USERS
residents each send one message with a number; timed from the first send to the last reply.
The replies share the bot's flood budget (STADTWARN_SEND_RATE, 30/s by default), so this is
paced at Telegram's limit, not by the check.
Alone: check_text on the same kind of messages, in a tight loop; then again with a different
number in every message, so the verdict cache cannot help.

Run from the repository root: .venv/bin/python bench/check_throughput.py
(the script puts the repository root on sys.path itself; no PYTHONPATH needed).
"""

from __future__ import annotations

import asyncio
import logging
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import running_application
from bot.city.data import check_rules, load_city
from bot.devtools.standin import FakeTelegram
from bot.numbercheck import check_text
from bot.settings import BUNDLED_CITY_PATH, Settings

USERS = 500
ALONE_SECONDS = 3.0
SEED = 5
TEMPLATES = [
    "Ist {n} echt?",
    "Heute rief {n} an und wollte meine PIN.",
    "{n}",
    "Rückruf bitte unter {n}, Ihre Stadtverwaltung",
]
NUMBERS = [
    "03641 49-0",
    "+49 3641 49-3714",
    "0049 (0)3641 810",
    "0152 07168792",
    "110",
    "0900 1234567",
    "+44 20 7946 0958",
    "030 12345678",
]


def messages(count: int) -> list[str]:
    rng = random.Random(SEED)
    return [rng.choice(TEMPLATES).format(n=rng.choice(NUMBERS)) for _ in range(count)]


def distinct_messages(count: int) -> list[str]:
    """Every message with a number no other message has: no help from the verdict cache."""
    rng = random.Random(SEED)
    return [rng.choice(TEMPLATES).format(n=f"03641 {200_000 + i}") for i in range(count)]


async def end_to_end(texts: list[str]) -> tuple[float, int]:
    """Seconds from the first send to the last reply, and the number of replies."""
    async with FakeTelegram("123456:BENCH-TOKEN", rate_limit_per_second=None) as telegram:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings.for_demo(
                api_url=telegram.api_url, db_path=Path(folder) / "bench.sqlite3"
            )
            settings = replace(settings, token=telegram.token)
            users = [telegram.user(70_000 + i, language_code="de") for i in range(len(texts))]
            async with running_application(settings):
                started = time.perf_counter()
                for user, text in zip(users, texts, strict=True):
                    user.send(text)
                for user in users:
                    await user.next_message(timeout=120)
                seconds = time.perf_counter() - started
    return seconds, len(users)


def alone(texts: list[str]) -> tuple[float, int]:
    city = load_city(BUNDLED_CITY_PATH)
    rules = check_rules(city)
    checks = 0
    started = time.perf_counter()
    while time.perf_counter() - started < ALONE_SECONDS:
        for text in texts:
            check_text(text, rules)
        checks += len(texts)
    return time.perf_counter() - started, checks


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    texts = messages(USERS)
    seconds, replies = asyncio.run(end_to_end(texts))
    print(
        f"end to end: {replies} residents, one number message each, "
        f"{seconds:.2f} s to the last reply = {replies / seconds:,.0f} checks/s"
    )
    seconds, checks = alone(texts)
    print(f"check_text alone: {checks:,} checks in {seconds:.2f} s = {checks / seconds:,.0f}/s")
    seconds, checks = alone(distinct_messages(20_000))
    print(
        f"check_text alone, every number different: {checks:,} checks in {seconds:.2f} s "
        f"= {checks / seconds:,.0f}/s"
    )


if __name__ == "__main__":
    main()
