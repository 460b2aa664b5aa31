"""Bot commands per language and scope, as residents' clients would show them."""

from __future__ import annotations

import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats
from telegram.error import BadRequest

from bot.devtools.standin import FakeTelegram


async def test_commands_are_stored_per_language(telegram: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Anmelden"), BotCommand("hilfe", "Hilfe")])
    await bot.set_my_commands([BotCommand("start", "Subscribe")], language_code="en")
    assert [c["command"] for c in telegram.commands()] == ["start", "hilfe"]
    assert telegram.commands("en") == [{"command": "start", "description": "Subscribe"}]
    assert await bot.get_my_commands(language_code="en") == (BotCommand("start", "Subscribe"),)
    assert telegram.commands("fr") == []


async def test_commands_are_stored_per_scope(telegram: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands(
        [BotCommand("warnungen", "Aktuelle Warnungen")], scope=BotCommandScopeAllPrivateChats()
    )
    assert telegram.commands() == []
    assert telegram.commands(scope={"type": "all_private_chats"})[0]["command"] == "warnungen"
    await bot.delete_my_commands(scope=BotCommandScopeAllPrivateChats())
    assert telegram.commands(scope={"type": "all_private_chats"}) == []


async def test_invalid_command_names_are_rejected(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.expect_rejections()
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("Start", "Großbuchstaben sind verboten")])
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("start", "")])
    assert telegram.commands() == []
