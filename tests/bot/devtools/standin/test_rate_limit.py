"""The stand-in's flood control: the strict model (sliding window, per chat, growing
retry_after, uplink jitter) and the lenient token bucket it replaced as the default."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.devtools.standin import FakeTelegram
from bot.devtools.standin.rate_limit import FloodRules


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def strict(**rules):
    clock = Clock()
    return FloodRules(**rules).control(clock), clock


def test_an_even_pace_of_exactly_the_limit_already_trips_the_sliding_window():
    control, clock = strict(per_second=30, chat_burst=None)
    answers = []
    for _ in range(31):  # t = 0, 1/30, …, 30/30: 31 requests within one closed second
        answers.append(control.check(None, new_message=False))
        clock.now += 1 / 30 - 1e-9
    assert answers[:30] == [0] * 30
    assert answers[30] >= 1


def test_the_lenient_bucket_lets_that_pace_through():
    control, clock = strict(per_second=30, lenient=True)
    answers = []
    for _ in range(31):
        answers.append(control.check(None, False))
        clock.now += 1 / 30 - 1e-9
    assert answers == [0] * 31


def test_a_window_frees_one_second_after_each_arrival():
    control, clock = strict(per_second=2, chat_burst=None)
    assert [control.check(None, False) for _ in range(3)][:2] == [0, 0]
    clock.now += 0.999
    assert control.check(None, False) >= 1
    clock.now += 0.002
    assert control.check(None, False) == 0


def test_one_chat_gets_a_burst_of_three_then_one_message_a_second():
    control, clock = strict(per_second=30)
    assert [control.check(7, True) for _ in range(3)] == [0, 0, 0]
    assert control.check(7, True) == 1  # the fourth in the same second
    assert control.check(8, True) == 0  # another chat is not affected
    assert control.check(7, False) == 0  # an edit is not a new message
    clock.now += 1.0
    assert control.check(7, True) == 0
    assert control.check(7, True) >= 1


def test_retry_after_grows_for_a_bot_that_keeps_tripping():
    control, clock = strict(per_second=1, chat_burst=None)
    control.check(None, False)
    waits = [control.check(None, False) for _ in range(4)]
    assert waits == [1, 2, 4, 8]
    clock.now += 61  # a minute without 429s: back to the plain wait
    control.check(None, False)
    assert control.check(None, False) == 1


async def test_strict_is_the_default_and_counts_per_chat_over_http(bot: Bot) -> None:
    async with FakeTelegram("123456:TEST-TOKEN") as tg:
        client = Bot("123456:TEST-TOKEN", base_url=tg.api_url)
        async with client:
            tg.user(7)
            for text in ("eins", "zwei", "drei"):
                await client.send_message(7, text)
            tg.expect_rejections()
            with pytest.raises(RetryAfter):
                await client.send_message(7, "vier")
    assert tg.stats.too_many_requests == 1


async def test_jitter_delays_requests_and_can_reorder_them(telegram: FakeTelegram, bot: Bot):
    import asyncio

    erika = telegram.user(1001)
    telegram.set_rate_limit(30, chat_burst=None, jitter=(0.010, 0.060))
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(bot.send_message(erika.chat_id, f"{n}") for n in range(20)))
    assert loop.time() - start >= 0.010
    order = [int(m.text) for m in erika.messages]
    assert sorted(order) == list(range(20))
    assert order != list(range(20))  # out of order, as on a real network
