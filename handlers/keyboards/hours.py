"""The comms desk's keyboards for changing an office hour (handlers/hours_desk.py)."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.city.model import Officer
from bot.city.officehours import Opening
from bot.texts import Texts
from handlers.keyboards import choices
from handlers.keyboards.callback_data import HoursDesk

BUTTONS = "admin_hours_buttons.txt.j2"  # the opening buttons' words, as macros


def under_contacts(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under /kontakt, for admins only."""
    button = InlineKeyboardButton(
        texts.label(language, "hours_change"), callback_data=HoursDesk("open").pack()
    )
    return InlineKeyboardMarkup([[button]])


def areas(texts: Texts, language: str, officers: Iterable[Officer]) -> InlineKeyboardMarkup:
    return choices(
        [(o.area, HoursDesk("area", o.area_id).pack()) for o in officers],
        columns=2,
        cancel=_drop(texts, language),
    )


def area_actions(
    texts: Texts, language: str, officer: Officer, openings: Iterable[Opening]
) -> InlineKeyboardMarkup:
    """One button per coming office hour (to cancel it), then "add one", then abort."""
    words = texts.phrases(language, BUTTONS)
    options = [
        (str(words.cancel(o)), HoursDesk("cancel", officer.area_id, o.start.date().isoformat()))
        for o in openings
        if not o.place  # an extra hour is the desk's own: it is not cancelled from here
    ]
    options.append((texts.label(language, "hours_add"), HoursDesk("add", officer.area_id)))
    substitute = HoursDesk("substitute", officer.area_id)
    options.append((texts.label(language, "hours_substitute"), substitute))
    return choices([(text, data.pack()) for text, data in options], cancel=_drop(texts, language))


def confirm(texts: Texts, language: str) -> InlineKeyboardMarkup:
    """Under a preview: send it, give a reason (the residents read it), or abort."""
    return choices(
        [
            (texts.label(language, "hours_send"), HoursDesk("send").pack()),
            (texts.label(language, "hours_note"), HoursDesk("note").pack()),
        ],
        cancel=_drop(texts, language),
    )


def _drop(texts: Texts, language: str) -> tuple[str, str]:
    return texts.label(language, "abort"), HoursDesk("drop").pack()
