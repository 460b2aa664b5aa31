"""Updates of different chats at once, each chat's in order (bot/update_order.py): end to
end through the real bot and the stand-in, and through a bare PTB Application."""

from __future__ import annotations

import asyncio
import re

import pytest
from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.ext import Application, TypeHandler

from bot.update_order import PerChatOrder, chat_key
from tests.auxil.running_bot import running_bot

BURST = 30
OTHERS = 10
NUMBER = re.compile(r"0176 (\d{7})")


def scam_text(i: int) -> str:
    """The i-th text of the chain, told apart by its 0176 number; every third also names
    two more numbers (more for the bot to look up, so its answer takes longer to prepare)."""
    text = f"Ihr Paket wartet. Rufen Sie uns an: 0176 {1_000_000 + i}"
    if i % 3 == 1:
        text += f" oder per WhatsApp 0152 {2_000_000 + i}, Festnetz 030 {3_000_000 + i}"
    return text


def numbers_answered(user) -> list[int]:
    """Which of the burst's numbers the bot's messages in this chat answer, oldest first."""
    return [int(m[1]) - 1_000_000 for m in map(NUMBER.search, (x.text for x in user.messages)) if m]


@pytest.mark.slow
async def test_a_burst_in_one_chat_holds_up_no_other_resident(telegram, tmp_path):
    forwarder = telegram.user(40_000)
    others = [telegram.user(40_001 + i) for i in range(OTHERS)]
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        for i in range(BURST):  # a chain of scam texts, forwarded at once
            forwarder.forward(scam_text(i))
        for resident in others:
            resident.send("/hilfe")
        helps = await asyncio.gather(*(r.next_message(timeout=10) for r in others))
        # Every other resident is answered while the forwarder still waits for answers
        # (their chat is paced at about one a second, so that takes half a minute).
        answered_by_then = len(numbers_answered(forwarder))
        await forwarder.wait_for(lambda u: len(numbers_answered(u)) == BURST, timeout=90)
        processor = application.update_processor
    assert all(help.text.startswith("So hilft Ihnen Stadtwarn Jena") for help in helps)
    assert answered_by_then < BURST
    assert numbers_answered(forwarder) == list(range(BURST))  # all, in the order sent
    assert len(forwarder.messages) == BURST  # one answer each, nothing else
    assert isinstance(processor, PerChatOrder)
    assert processor.chats_with_updates == 0  # no lock kept for a chat that is done


@pytest.mark.slow
async def test_stopping_with_a_burst_still_queued_ends_at_once(telegram, tmp_path):
    forwarder = telegram.user(40_100)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for i in range(BURST):
            forwarder.forward(scam_text(i))
        await forwarder.next_message(timeout=10)
        loop = asyncio.get_running_loop()
        leaving = loop.time()
    # The budget closes first, so the queued updates end without waiting for their pace.
    assert loop.time() - leaving < 5
    assert numbers_answered(forwarder), "the first forward was answered"
    assert len(numbers_answered(forwarder)) < BURST, "stopping did not wait for the whole burst"
    assert numbers_answered(forwarder) == list(range(len(numbers_answered(forwarder))))


def message_update(update_id: int, chat_id: int) -> Update:
    user = User(chat_id, "Erika", is_bot=False)
    chat = Chat(chat_id, Chat.PRIVATE)
    message = Message(update_id, None, chat, from_user=user, text=str(update_id))
    return Update(update_id, message=message)


async def test_a_chat_waits_only_for_itself_even_when_running_places_are_short(telegram):
    """Two places for running handlers, three chats: a chat whose first update blocks holds
    up its own later updates and nothing else; every chat keeps its order."""
    processor = PerChatOrder(running=2)
    application = (
        Application.builder()
        .token(telegram.token)
        .base_url(telegram.api_url)
        .concurrent_updates(processor)
        .build()
    )
    started: list[tuple[int, int]] = []
    finished: list[tuple[int, int]] = []
    others_done = asyncio.Event()
    unblock = asyncio.Event()
    chats = (1, 2, 3)

    async def handle(update: Update, _context) -> None:
        step = (update.effective_chat.id, update.update_id)
        started.append(step)
        if step == (1, 1):  # chat 1's first update blocks until the others are all done
            await unblock.wait()
        else:
            await asyncio.sleep(0)  # let the others interleave
        finished.append(step)
        if all((c, u) in finished for c in (2, 3) for u in range(1, 6)):
            others_done.set()

    application.add_handler(TypeHandler(Update, handle))
    async with application:
        await application.start()
        for update_id in range(1, 6):
            for chat_id in chats:
                await application.update_queue.put(message_update(update_id, chat_id))
        await asyncio.wait_for(others_done.wait(), timeout=10)
        assert [s for s in started if s[0] == 1] == [(1, 1)]  # chat 1 waited for itself
        unblock.set()
        await asyncio.wait_for(application.update_queue.join(), timeout=10)
        await application.stop()
    for chat_id in chats:
        assert [u for c, u in finished if c == chat_id] == [1, 2, 3, 4, 5]
    assert processor.chats_with_updates == 0


def test_updates_take_the_turn_of_their_chat_else_their_user():
    assert chat_key(message_update(1, 42)) == 42
    user = User(7, "Erika", is_bot=False)
    assert chat_key(Update(2)) is None
    assert chat_key(object()) is None
    detached = CallbackQuery("q", user, chat_instance="ci", inline_message_id="i", data="x")
    assert chat_key(Update(3, callback_query=detached)) == 7
