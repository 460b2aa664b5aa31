"""Every command a template names is one the command table knows, in that template's language:
an English admin is never told to type a German command, and no template names a command
that the bot does not answer."""

import re

import pytest

from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import MESSAGES_DIR, Texts
from handlers.commands import COMMANDS, IN_CONVERSATIONS

# "/name" where a reader would type it: not inside a URL, a path (a template's own folder
# included) or an HTML closing tag.
NAMED_COMMAND = re.compile(r"(?<![\w/.:<~-])/([A-Za-z_]+)\b(?![/.]\w|/\")")
COMMENT = re.compile(r"\{#.*?#\}", re.S)  # not rendered
TEXTS = Texts(city=load_city(BUNDLED_CITY_PATH))


DEMO_COMMANDS = {"quit", "exit"}  # the terminal demo's own (bot/devtools/demo.py)


def command_names(language: str) -> set[str]:
    names = set(DEMO_COMMANDS)
    for command in (*COMMANDS, *IN_CONVERSATIONS):
        names.add(command.name(TEXTS, language))
        names.update(TEXTS.optional_label(language, f"command_{command.key}_also").split())
    return names


def named_commands(language: str) -> dict[str, set[str]]:
    """The commands each of the language's templates names, by template."""
    found = {}
    for path in sorted((MESSAGES_DIR / language).rglob("*.j2")):
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        names = set(NAMED_COMMAND.findall(text))
        if names:
            found[str(path.relative_to(MESSAGES_DIR))] = names
    return found


@pytest.mark.parametrize("language", TEXTS.languages)
def test_templates_name_only_commands_of_their_own_language(language):
    known = command_names(language)
    unknown = {
        template: sorted(names - known)
        for template, names in named_commands(language).items()
        if names - known
    }
    assert unknown == {}


def test_the_check_finds_commands():
    assert named_commands("en")["en/admin_step_text.html.j2"] >= {"cancel", "without"}
    assert "ohne" in named_commands("de")["de/admin_step_text.html.j2"]


def test_every_command_has_a_name_in_every_language():
    for language in TEXTS.languages:
        for command in (*COMMANDS, *IN_CONVERSATIONS):
            assert command.name(TEXTS, language)
