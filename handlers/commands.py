"""Every command in one table (name per language, description, handler, admins only), and /hilfe.

The table feeds the CommandHandlers (handlers/__init__.py), Telegram's command menus
(bot/app.py) and the list in /hilfe, so none of them can forget a command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from handlers import check, districts, info, keyboards, language, officers, start, stop, warnings
from handlers.common import Context, reply

Callback = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Command:
    """One command. `callback` None: registered elsewhere (the alert composer's conversation)."""

    names: dict[str, str]  # language -> name without "/", e.g. {"de": "pruefen", "en": "check"}
    description: str  # label key in messages/<lang>/labels.txt.j2
    callback: Callback | None
    admin_only: bool = False
    in_help: bool = True  # listed in /hilfe (not /start and /hilfe themselves)

    def name(self, language: str) -> str:
        return self.names.get(language, self.names["de"])

    @property
    def all_names(self) -> list[str]:
        return sorted(set(self.names.values()))


async def help_text(update: Update, context: Context) -> None:
    """/hilfe: every resident command from the table, and a button for the guided check."""
    language = await context.language()
    texts = context.services.texts
    listed = [(name, texts.label(language, key)) for name, key in help_list(language)]
    markup = keyboards.check_call(texts, language)
    await reply(update, context, language, "help.html.j2", reply_markup=markup, commands=listed)


COMMANDS = (
    Command({"de": "start", "en": "start"}, "cmd_start", start.start, in_help=False),
    Command({"de": "pruefen", "en": "check"}, "cmd_check", check.command),
    Command({"de": "hilfe_betrug", "en": "scam_help"}, "cmd_scam_help", check.scam_help),
    Command({"de": "bezirk", "en": "district"}, "cmd_district", districts.show_picker),
    Command({"de": "kontakt", "en": "officer"}, "cmd_officer", officers.officers),
    Command({"de": "warnungen", "en": "warnings"}, "cmd_warnings", warnings.recent),
    Command({"de": "hilfe", "en": "help"}, "cmd_help", help_text, in_help=False),
    Command({"de": "datenschutz", "en": "privacy"}, "cmd_privacy", info.privacy),
    Command({"de": "sprache", "en": "language"}, "cmd_language", language.ask),
    Command({"de": "stop", "en": "stop"}, "cmd_stop", stop.ask),
    # the entry of the alert composer's conversation (handlers/alert_compose.py)
    ALERT := Command({"de": "warnung", "en": "alert"}, "cmd_alert", None, admin_only=True),
)


def for_residents() -> tuple[Command, ...]:
    return tuple(c for c in COMMANDS if not c.admin_only)


def help_list(language: str) -> list[tuple[str, str]]:
    """(command, description key) for /hilfe, in the table's order."""
    return [(c.name(language), c.description) for c in for_residents() if c.in_help]
