"""getUpdates long polling and the updates residents produce."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot, MessageEntity, Update

from bot.devtools.standin import FakeTelegram


async def test_long_poll_returns_a_message_sent_while_waiting(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = telegram.user(1001, first_name="Erika")
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await telegram.wait_for(lambda tg: tg.requests[-1][0] == "getUpdates")
    erika.send("/start winzerla")
    updates = await asyncio.wait_for(poll, timeout=5)
    assert len(updates) == 1
    message = updates[0].message
    assert message.text == "/start winzerla"
    assert message.from_user.first_name == "Erika"
    assert message.chat.id == erika.chat_id
    assert message.entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 6),)


@pytest.mark.slow
async def test_offset_confirms_and_limit_caps(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    for text in ("eins", "zwei", "drei"):
        erika.send(text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first] == ["eins", "zwei"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest] == ["drei"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0) == ()


@pytest.mark.slow
async def test_empty_long_poll_waits_for_timeout(telegram: FakeTelegram, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


@pytest.mark.slow
async def test_allowed_updates_filters_types(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    erika.send("Hallo")
    telegram.block(erika.chat_id)  # queues a my_chat_member update
    updates = await bot.get_updates(allowed_updates=[Update.MY_CHAT_MEMBER])
    assert len(updates) == 1
    assert updates[0].my_chat_member.new_chat_member.status == "kicked"


@pytest.mark.slow
async def test_stop_ends_a_pending_long_poll_promptly() -> None:
    tg = FakeTelegram("123456:TEST-TOKEN")
    await tg.start()
    client = Bot("123456:TEST-TOKEN", base_url=tg.api_url)
    async with client:
        poll = asyncio.create_task(client.get_updates(timeout=30, read_timeout=40))
        await tg.wait_for(lambda tg: any(m == "getUpdates" for m, _ in tg.requests))
        started = time.monotonic()
        await tg.stop()
        assert await asyncio.wait_for(poll, timeout=5) == ()
        assert time.monotonic() - started < 3


@pytest.mark.slow
async def test_contact_and_forward_updates(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    erika.send_contact("+49 3641 123456", "Polizei", "Jena")
    erika.forward("Ihr Paket: https://dhl-paket.example/x", origin_name="Unbekannt")
    contact_update, forward_update = await bot.get_updates()
    assert contact_update.message.contact.phone_number == "+49 3641 123456"
    assert contact_update.message.contact.last_name == "Jena"
    forwarded = forward_update.message
    assert forwarded.forward_origin.sender_user_name == "Unbekannt"
    assert forwarded.parse_entities([MessageEntity.URL]) == {
        forwarded.entities[0]: "https://dhl-paket.example/x"
    }


async def test_writing_to_a_blocked_bot_unblocks_it(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.block(erika.chat_id)
    erika.send("/start")
    kinds = [
        (u.my_chat_member.new_chat_member.status if u.my_chat_member else u.message.text)
        for u in await bot.get_updates()
    ]
    assert kinds == ["kicked", "member", "/start"]
    await bot.send_message(erika.chat_id, "Willkommen zurück")
    assert (await erika.next_message()).text == "Willkommen zurück"
