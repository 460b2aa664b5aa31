"""Pressing inline buttons and answering the callback queries."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.devtools.standin import FakeTelegram, FakeUser


async def _district_menu(telegram: FakeTelegram, bot: Bot) -> FakeUser:
    """Erika (chat 1001) with the bot's district menu in front of her."""
    erika = telegram.user(1001)
    await bot.send_message(
        erika.chat_id,
        "Welcher Stadtteil?",
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Winzerla", callback_data="sub:winzerla"),
                    InlineKeyboardButton("Lobeda-West", callback_data="sub:lobeda-west"),
                    InlineKeyboardButton("Lobeda-Ost", callback_data="sub:lobeda-ost"),
                ],
                [InlineKeyboardButton("Webseite", url="https://www.jena.de")],
            ]
        ),
    )
    return erika


async def test_press_delivers_the_buttons_callback_data(telegram: FakeTelegram, bot: Bot) -> None:
    erika = await _district_menu(telegram, bot)
    query_id = erika.press("Winzer")  # unique substring
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query.id == query_id
    assert query.data == "sub:winzerla"
    assert query.message.text == "Welcher Stadtteil?"
    assert query.from_user.id == erika.id

    assert await query.answer("Winzerla abonniert")
    assert telegram.callback_answers[query_id].text == "Winzerla abonniert"


async def test_press_refuses_ambiguous_missing_and_url_buttons(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = telegram.user(1001)
    with pytest.raises(LookupError, match="no bot message"):
        erika.press("Winzerla")
    await _district_menu(telegram, bot)
    with pytest.raises(LookupError, match="ambiguous"):
        erika.press("Lobeda")
    with pytest.raises(LookupError, match="no button"):
        erika.press("Jenzig")
    with pytest.raises(LookupError, match="URL"):
        erika.press("Webseite")


async def test_forged_data_reaches_the_bot(telegram: FakeTelegram, bot: Bot) -> None:
    erika = await _district_menu(telegram, bot)
    erika.press_data("admin:approve:1", erika.last_message)
    (update,) = await bot.get_updates()
    assert update.callback_query.data == "admin:approve:1"


async def test_answering_twice_or_unknown_query_is_too_old(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = await _district_menu(telegram, bot)
    query_id = erika.press("Winzerla")
    await bot.answer_callback_query(query_id)
    telegram.expect_rejections()
    for stale in (query_id, "4711"):
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(stale)


async def test_callback_answer_over_200_characters_is_rejected(
    telegram: FakeTelegram, bot: Bot
) -> None:
    erika = await _district_menu(telegram, bot)
    query_id = erika.press("Winzerla")
    telegram.expect_rejections()
    with pytest.raises(BadRequest):
        await bot.answer_callback_query(query_id, "x" * 201)
    assert await bot.answer_callback_query(query_id, "x" * 200, show_alert=True)
    assert telegram.callback_answers[query_id].show_alert
