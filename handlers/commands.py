"""Every command in one table (key, handler, admins only), and /hilfe. Names are labels.

The table feeds the CommandHandlers (handlers/__init__.py), Telegram's command menus
(bot/app.py) and the list in /hilfe, so none of them can forget a command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.texts import Texts
from handlers import (
    check,
    districts,
    info,
    keyboards,
    language,
    my_data,
    officers,
    reminders,
    report,
    report_desk,
    sample_alert,
    start,
    stop,
    warnings,
)
from handlers.common import Context, reply

Callback = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Command:
    """One command. Its name and menu description in each language are the labels
    `command_<key>` and `command_<key>_about` in messages/<lang>/labels.txt.j2.
    `callback` None: registered elsewhere (the comms desk, handlers/alert_desk.py)."""

    key: str
    callback: Callback | None
    admin_only: bool = False
    in_help: bool = True  # listed in /hilfe (not /start and /hilfe themselves)

    def name(self, texts: Texts, language: str) -> str:
        """The command without "/", e.g. "pruefen"."""
        return texts.label(language, f"command_{self.key}")

    def about(self, texts: Texts, language: str) -> str:
        return texts.label(language, f"command_{self.key}_about")

    def all_names(self, texts: Texts) -> list[str]:
        """Every language's name, and its earlier name (label `command_<key>_also`, e.g.
        /bezirk before /ortsteil), if any: each works in any chat."""
        names = set()
        for code in texts.languages:
            names.add(self.name(texts, code))
            names.update(texts.optional_label(code, f"command_{self.key}_also").split())
        return sorted(names)


async def help_text(update: Update, context: Context) -> None:
    """/hilfe: every resident command from the table, and a button for the guided check."""
    language = await context.language()
    texts = context.services.texts
    listed = help_list(texts, language)
    markup = keyboards.check_call(texts, language)
    await reply(update, context, language, "help.html.j2", reply_markup=markup, commands=listed)


COMMANDS = (
    Command("start", start.start),
    Command("check", check.command),
    Command("scam_help", check.scam_help),
    Command("district", districts.show_picker),
    Command("officer", officers.officers),
    Command("reminder", reminders.command),
    Command("report", report.command),
    Command("warnings", warnings.recent),
    Command("test", sample_alert.sample),
    Command("mydata", my_data.show),
    Command("help", help_text, in_help=False),
    Command("privacy", info.privacy),
    Command("language", language.ask),
    Command("stop", stop.ask),
    # the entry of the alert composer (handlers/alert_desk.py)
    ALERT := Command("alert", None, admin_only=True),
    Command("reports", report_desk.show, admin_only=True),
)


# Commands only inside a desk flow (the alert composer, a sent alert's new text): in no menu
# and not in /hilfe, but named here so that their names, too, live in the labels.
CANCEL = Command("cancel", None, admin_only=True, in_help=False)
WITHOUT_TEXT = Command("without_text", None, admin_only=True, in_help=False)
IN_CONVERSATIONS = (CANCEL, WITHOUT_TEXT)


def for_residents() -> tuple[Command, ...]:
    return tuple(c for c in COMMANDS if not c.admin_only)


def help_list(texts: Texts, language: str) -> list[tuple[str, str]]:
    """(command, description) for /hilfe, in the table's order."""
    return [
        (c.name(texts, language), c.about(texts, language)) for c in for_residents() if c.in_help
    ]
