"""Benchmark: number checks per second, end to end through the bot and alone.

End to end: the real PTB Application polls the Telegram stand-in (rate limit off); USERS
residents each send one message with a number; timed from the first send to the last reply.
The replies share the bot's flood budget (STADTWARN_SEND_RATE, 30/s by default), so this is
paced at Telegram's limit, not by the check.
Alone: check_text on the same kind of messages, in a tight loop; then again with a different
number in every message, so the verdict cache cannot help. Each with the rules the bot builds
(check_rules: the shipped scam detector, bot/numbercheck/data/detector.npz, if there is one)
and, in the same run, with detector=None (the check without the model).

Target (issue 20): check_text alone with the model at least 1,500 texts/s; exit status 1 if
missed. Without a shipped model the figures are printed and the target is not measured.

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
from bot.numbercheck import CheckRules, check_text
from bot.numbercheck.detector import MODEL_PATH
from bot.settings import BUNDLED_CITY_PATH, Settings

USERS = 500
ALONE_SECONDS = 3.0
SEED = 5
TARGET_WITH_MODEL = 1_500  # check_text alone with the model, texts per second
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


def alone(texts: list[str], rules: CheckRules) -> tuple[float, int]:
    """Seconds and checks of about ALONE_SECONDS of check_text over `texts` (in rounds of 100
    texts, so that a slow check does not have to finish a long list)."""
    checks = 0
    started = time.perf_counter()
    while time.perf_counter() - started < ALONE_SECONDS:
        for i in range(checks, checks + 100):
            check_text(texts[i % len(texts)], rules)
        checks += 100
    return time.perf_counter() - started, checks


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    texts = messages(USERS)
    seconds, replies = asyncio.run(end_to_end(texts))
    print(
        f"end to end: {replies} residents, one number message each, "
        f"{seconds:.2f} s to the last reply = {replies / seconds:,.0f} checks/s"
    )
    rules = check_rules(load_city(BUNDLED_CITY_PATH))
    runs = [
        ("with the model", rules),
        ("without it (detector=None)", replace(rules, detector=None)),
    ]
    if rules.detector is None:
        print(f"no model ({MODEL_PATH.name}; make model): check_text alone without it only")
        runs = runs[1:]
    rates = {}
    for name, batch in (("", texts), (", every number different", distinct_messages(20_000))):
        for label, run_rules in runs:
            seconds, checks = alone(batch, run_rules)
            rates[name, label] = checks / seconds
            print(
                f"check_text alone{name}, {label}: {checks:,} checks in {seconds:.2f} s "
                f"= {checks / seconds:,.0f}/s"
            )
    if rules.detector is None:
        return 0
    rate = rates["", "with the model"]
    passed = rate >= TARGET_WITH_MODEL
    print(
        f"check_throughput: check_text alone with the model {rate:,.0f}/s, target "
        f"{TARGET_WITH_MODEL:,}/s: {'PASS' if passed else 'FAIL'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
