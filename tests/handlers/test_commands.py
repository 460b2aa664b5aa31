"""The command table: /hilfe and Telegram's menus list every resident command it holds."""

import pytest

from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts
from handlers.commands import COMMANDS
from tests.auxil.running_bot import running_bot

TEXTS = Texts(city=load_city(BUNDLED_CITY_PATH))


@pytest.mark.slow
async def test_help_and_menus_list_every_resident_command(telegram, tmp_path):
    erika = telegram.user(80_001, language_code="de")
    john = telegram.user(80_002, language_code="en")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        erika.send("/hilfe")
        john.send("/help")
        help_de = (await erika.next_message()).text
        help_en = (await john.next_message()).text
    residents = [c for c in COMMANDS if not c.admin_only]
    for command in residents:
        if command.in_help:
            assert f"/{command.name(TEXTS, 'de')} – " in help_de
            assert f"/{command.name(TEXTS, 'en')} – " in help_en
    assert "/warnung –" not in help_de and "/alert –" not in help_en
    scope = {"type": "all_private_chats"}
    german = [c["command"] for c in telegram.commands(None, scope=scope)]
    english = [c["command"] for c in telegram.commands("en", scope=scope)]
    assert german == [c.name(TEXTS, "de") for c in residents]
    assert english == [c.name(TEXTS, "en") for c in residents]


@pytest.mark.slow
async def test_every_command_name_answers_in_both_languages(telegram, tmp_path):
    users = []
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        resident_commands = (c for c in COMMANDS if c.callback and not c.admin_only)
        for index, command in enumerate(resident_commands):
            for offset, name in enumerate(command.all_names(TEXTS)):
                user = telegram.user(81_000 + 10 * index + offset, language_code="de")
                user.send(f"/{name}")
                users.append((name, user))
        replies = [(name, await user.next_message()) for name, user in users]
    for name, reply in replies:
        assert reply.text, name
        assert "Das habe ich nicht verstanden." not in reply.text, name
