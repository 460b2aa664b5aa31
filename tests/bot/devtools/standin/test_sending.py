"""sendMessage through a real PTB Bot: what residents see and what Telegram would refuse."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.devtools.standin import FakeTelegram


async def test_html_message_reaches_the_resident_as_rendered_text(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = telegram.user(1001)
    sent = await bot.send_message(
        erika.chat_id,
        "<b>Warnung</b> für Winzerla: falsche Polizisten &amp; Enkeltrick",
        parse_mode=ParseMode.HTML,
        disable_notification=True,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        protect_content=True,
    )
    message = await erika.next_message()
    assert message.text == "Warnung für Winzerla: falsche Polizisten & Enkeltrick"
    assert message.entity_texts("bold") == ["Warnung"]
    assert message.disable_notification
    assert message.link_preview_disabled
    assert message.protect_content
    # PTB parsed the stand-in's answer into a real Message.
    assert sent.message_id == message.message_id
    assert sent.text_html.startswith("<b>Warnung</b>")


async def test_plain_text_is_sent_as_is(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    await bot.send_message(erika.chat_id, "1 < 2 & <b>kein HTML</b>")
    message = await erika.next_message()
    assert message.text == "1 < 2 & <b>kein HTML</b>"
    assert message.entities == []


async def test_inline_keyboard_buttons_are_visible(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Winzerla", callback_data="d:winzerla"),
                InlineKeyboardButton("Lobeda", callback_data="d:lobeda"),
            ],
            [InlineKeyboardButton("Mehr Infos", url="https://www.jena.de")],
        ]
    )
    sent = await bot.send_message(erika.chat_id, "Stadtteil?", reply_markup=markup)
    message = await erika.next_message()
    assert message.button_texts == ["Winzerla", "Lobeda", "Mehr Infos"]
    assert message.buttons[1][0].url == "https://www.jena.de"
    assert sent.reply_markup == markup


async def test_reply_to_a_residents_message(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    asked = erika.send("Ist 0800 123 offiziell?")
    await bot.send_message(erika.chat_id, "Nein.", reply_to_message_id=asked)
    assert (await erika.next_message()).reply_to_message_id == asked


async def test_4096_characters_pass_and_4097_are_too_long(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    await bot.send_message(erika.chat_id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len((await erika.next_message()).text) == 4096

    telegram.expect_rejections()
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(erika.chat_id, "x" * 4097)
    # Emoji count twice (UTF-16), just like in Telegram.
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(erika.chat_id, "😀" * 2049)
    assert telegram.rejections[-1].description == "Bad Request: message is too long"
    assert len(erika.messages) == 1


@pytest.mark.parametrize("text", ["<b></b>", "   ", "<i> </i>"])
async def test_empty_text_is_rejected(telegram: FakeTelegram, bot: Bot, text: str) -> None:
    erika = telegram.user(1001)
    telegram.expect_rejections()
    with pytest.raises(BadRequest, match=r"^Message text is empty$"):
        await bot.send_message(erika.chat_id, text, parse_mode="HTML")
    assert erika.messages == []


async def test_bad_html_is_rejected_with_telegrams_description(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = telegram.user(1001)
    telegram.expect_rejections()
    with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "div" at byte offset 5'):
        await bot.send_message(erika.chat_id, "Hallo<div>x</div>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)can't find end tag"):
        await bot.send_message(erika.chat_id, "<b>Betrug", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(erika.chat_id, "Müller & Söhne", parse_mode="HTML")
    assert [r.error_code for r in telegram.rejections] == [400, 400, 400]
    assert erika.messages == []


async def test_callback_data_over_64_bytes_is_rejected(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="x" * 64)]])
    await bot.send_message(erika.chat_id, "64 Bytes", reply_markup=ok)
    telegram.expect_rejections()
    for data in ("x" * 65, "ä" * 33):  # 65 and 66 bytes
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("zu lang", callback_data=data)]])
        with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
            await bot.send_message(erika.chat_id, "65 Bytes", reply_markup=too_long)
    assert [m.text for m in erika.messages] == ["64 Bytes"]
    assert telegram.rejections[0].description == "Bad Request: BUTTON_DATA_INVALID"


async def test_button_without_text_is_rejected(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.expect_rejections()
    empty = InlineKeyboardMarkup([[InlineKeyboardButton("", callback_data="x")]])
    with pytest.raises(BadRequest):
        await bot.send_message(erika.chat_id, "Hallo", reply_markup=empty)
    assert erika.messages == []


async def test_blocked_resident_gives_forbidden(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.block(erika.chat_id)
    telegram.expect_rejections()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(erika.chat_id, "Warnung")
    assert telegram.rejections[0].error_code == 403
    telegram.unblock(erika.chat_id)
    await bot.send_message(erika.chat_id, "Warnung")
    assert (await erika.next_message()).text == "Warnung"


async def test_vanished_and_unknown_chats_are_not_found(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.forget_chat(erika.chat_id)
    telegram.expect_rejections()
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.send_message(erika.chat_id, "Warnung")
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.send_message(424242, "Warnung")
    assert erika.messages == []


@pytest.mark.slow
async def test_unsupported_parse_mode_is_refused(telegram: FakeTelegram, bot: Bot) -> None:
    erika = telegram.user(1001)
    telegram.expect_rejections()
    with pytest.raises(BadRequest, match="parse_mode"):
        await bot.send_message(erika.chat_id, "*x*", parse_mode="Markdown")
