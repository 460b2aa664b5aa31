"""The button that switches reminders of office hours on or off (under /kontakt and under the
answers of /erinnerung)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import Texts
from handlers.keyboards.callback_data import Remind


def reminder_switch(texts: Texts, language: str, on: bool) -> InlineKeyboardMarkup:
    """One button: switch reminders off (they are `on`) or on."""
    return InlineKeyboardMarkup([[_button(texts, language, on)]])


def with_reminder_switch(
    markup: InlineKeyboardMarkup | None, texts: Texts, language: str, on: bool
) -> InlineKeyboardMarkup:
    """The keyboard of a message with its reminder button turned to the new state, every
    other button kept where it is."""
    rows = [
        [_button(texts, language, on) if _is_reminder(b.callback_data) else b for b in row]
        for row in (markup.inline_keyboard if markup else ())
    ]
    return InlineKeyboardMarkup(rows) if rows else reminder_switch(texts, language, on)


def _button(texts: Texts, language: str, on: bool) -> InlineKeyboardButton:
    if on:
        return InlineKeyboardButton(
            texts.label(language, "reminder_off_button"), callback_data=Remind("off").pack()
        )
    return InlineKeyboardButton(
        texts.label(language, "reminder_on_button"), callback_data=Remind("on").pack()
    )


def _is_reminder(data: object) -> bool:
    try:
        Remind.unpack(data)
    except ValueError:
        return False
    return True
