"""Editing and deleting the bot's messages, with Telegram's refusals."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.devtools.standin import FakeTelegram


def _keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=label.lower()) for label in labels]]
    )


async def test_edit_text_changes_what_the_resident_sees(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    sent = await bot.send_message(erika.chat_id, "Stadtteil?", reply_markup=_keyboard("Lobeda"))
    await bot.edit_message_text(
        "<b>Lobeda</b> abonniert", erika.chat_id, sent.message_id, parse_mode="HTML"
    )
    message = erika.last_message
    assert message.text == "Lobeda abonniert"
    assert message.entity_texts("bold") == ["Lobeda"]
    assert message.edit_count == 1
    assert message.buttons == []  # Telegram drops the keyboard when it is not re-sent


async def test_an_edit_to_4097_characters_is_too_long(telegram: FakeTelegram, bot: Bot) -> None:
    """Like sendMessage, an edit is measured after parsing, in UTF-16 code units."""
    erika = telegram.user(1001)
    sent = await bot.send_message(erika.chat_id, "Meldungen")
    await bot.edit_message_text(
        "<b>" + "x" * 4096 + "</b>", erika.chat_id, sent.message_id, parse_mode="HTML"
    )
    assert len(erika.last_message.text) == 4096

    telegram.expect_rejections()
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.edit_message_text("x" * 4097, erika.chat_id, sent.message_id)
    with pytest.raises(BadRequest, match="too long"):
        await bot.edit_message_text("😀" * 2049, erika.chat_id, sent.message_id)
    assert telegram.rejections[-1].method == "editMessageText"
    assert erika.last_message.text == "x" * 4096
    assert erika.last_message.edit_count == 1


async def test_edit_reply_markup_only(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    sent = await bot.send_message(erika.chat_id, "Stadtteil?", reply_markup=_keyboard("A", "B"))
    await bot.edit_message_reply_markup(erika.chat_id, sent.message_id, reply_markup=_keyboard("C"))
    assert erika.last_message.button_texts == ["C"]
    assert erika.last_message.text == "Stadtteil?"


async def test_identical_edit_is_not_modified(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    sent = await bot.send_message(
        erika.chat_id, "<b>Hallo</b>", parse_mode="HTML", reply_markup=_keyboard("A")
    )
    telegram.expect_rejections()
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text(
            "<strong>Hallo</strong>",
            erika.chat_id,
            sent.message_id,
            parse_mode="HTML",
            reply_markup=_keyboard("A"),
        )
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(
            erika.chat_id, sent.message_id, reply_markup=_keyboard("A")
        )
    assert telegram.rejections[0].description.startswith(
        "Bad Request: message is not modified: specified new message content and reply markup"
    )
    assert erika.last_message.edit_count == 0


async def test_edit_unknown_or_deleted_message(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    sent = await bot.send_message(erika.chat_id, "weg damit")
    assert await bot.delete_message(erika.chat_id, sent.message_id)
    assert erika.messages == []
    telegram.expect_rejections()
    for message_id in (sent.message_id, 999):
        with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
            await bot.edit_message_text("neu", erika.chat_id, message_id)
    with pytest.raises(BadRequest, match=r"^Message to delete not found$"):
        await bot.delete_message(erika.chat_id, sent.message_id)


async def test_bot_can_delete_a_residents_message(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    message_id = erika.send("meine Telefonnummer: 0176 123")
    assert await bot.delete_message(erika.chat_id, message_id)
    assert telegram.stats.deleted == 1
