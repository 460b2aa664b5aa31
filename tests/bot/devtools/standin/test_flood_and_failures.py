"""Flood control (429 with retry_after) and injected network failures for retry tests."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.devtools.standin import FakeTelegram


async def test_burst_over_the_rate_gets_retry_after(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.set_rate_limit(5, chat_burst=None)  # the global rule alone
    for number in range(5):
        await bot.send_message(erika.chat_id, f"Warnung {number}")
    telegram.expect_rejections()
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(erika.chat_id, "eine zu viel")
    # PTB 22 formats retry_after into the message ("Flood control exceeded. Retry in N seconds").
    assert int(caught.value.message.split("Retry in ")[1].split()[0]) >= 1
    assert telegram.stats.too_many_requests == 1
    assert telegram.stats.sent == 5
    assert telegram.rejections[-1].description.startswith("Too Many Requests: retry after ")
    assert len(erika.messages) == 5


async def test_edits_share_the_bucket_and_limit_can_be_lifted(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = telegram.user(1001)
    telegram.set_rate_limit(1, lenient=True)
    sent = await bot.send_message(erika.chat_id, "eins")
    telegram.expect_rejections()
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("zwei", erika.chat_id, sent.message_id)
    telegram.set_rate_limit(None)
    await bot.edit_message_text("zwei", erika.chat_id, sent.message_id)
    assert erika.last_message.text == "zwei"


async def test_rate_is_measurable_from_stats(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.set_rate_limit(None)
    erika = telegram.user(1001)
    for number in range(4):
        await bot.send_message(erika.chat_id, f"Nachricht {number}")
    assert telegram.stats.max_sends_within(60) == 4
    assert len(telegram.stats.send_times) == 4


async def test_constructor_rate_limit() -> None:
    async with FakeTelegram("123456:TEST-TOKEN", rate_limit_per_second=2) as tg:
        tg.expect_rejections()
        client = Bot("123456:TEST-TOKEN", base_url=tg.api_url)
        async with client:
            tg.user(7)
            await client.send_message(7, "a")
            await client.send_message(7, "b")
            with pytest.raises(RetryAfter):
                await client.send_message(7, "c")


@pytest.mark.slow
async def test_injected_timeout_then_success(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.fail_next(1, kind="timeout")
    with pytest.raises(TimedOut):
        await bot.send_message(erika.chat_id, "Warnung", read_timeout=0.3)
    await bot.send_message(erika.chat_id, "Warnung")
    assert [m.text for m in erika.messages] == ["Warnung"]
    assert telegram.injected_failures == [("sendMessage", "timeout")]


@pytest.mark.parametrize("kind", ["500", "disconnect"])
async def test_injected_server_errors(telegram: FakeTelegram, bot: Bot, kind: str) -> None:
    erika = telegram.user(1001)
    telegram.fail_next(2, kind=kind)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(erika.chat_id, "Warnung")
    await bot.send_message(erika.chat_id, "Warnung")
    assert [m.text for m in erika.messages] == ["Warnung"]


async def test_failures_only_hit_the_named_method(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.fail_next(1, method="editMessageText", kind="500")
    sent = await bot.send_message(erika.chat_id, "eins")
    with pytest.raises(NetworkError):
        await bot.edit_message_text("zwei", erika.chat_id, sent.message_id)
    assert erika.last_message.text == "eins"
