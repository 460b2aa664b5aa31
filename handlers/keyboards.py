"""Inline keyboards and their callback data (always at most 64 bytes)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.residents import Picker
from bot.texts import Texts

PICK = "pick:"
PICK_ALL = "pick:*all"
PICK_DONE = "pick:*done"
STOP_YES = "stop:yes"
STOP_NO = "stop:no"
LANGUAGE = "lang:"
CHECK = "✅ "


def picker(
    picker: Picker, texts: Texts, language: str, *, prefix: str = PICK, done_label: str = "done"
) -> InlineKeyboardMarkup:
    """Every district (two per row, ticked ones with a check mark), then city-wide and done.

    Residents use it with PICK; the alert composer with its own prefix."""
    buttons = [
        InlineKeyboardButton(
            (CHECK if choice.chosen else "") + choice.district.name,
            callback_data=prefix + choice.district.id,
        )
        for choice in picker.choices
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    whole_city = texts.label(language, "whole_city")
    rows.append(
        [
            InlineKeyboardButton(
                (CHECK if picker.all_districts else "") + whole_city, callback_data=prefix + "*all"
            )
        ]
    )
    rows.append(
        [InlineKeyboardButton(texts.label(language, done_label), callback_data=prefix + "*done")]
    )
    return InlineKeyboardMarkup(rows)


def choices(
    options: list[tuple[str, str]], *, columns: int = 1, cancel: tuple[str, str] | None = None
) -> InlineKeyboardMarkup:
    """(label, callback data) buttons, `columns` per row, and an optional cancel row."""
    buttons = [InlineKeyboardButton(label, callback_data=data) for label, data in options]
    rows = [buttons[i : i + columns] for i in range(0, len(buttons), columns)]
    if cancel:
        rows.append([InlineKeyboardButton(cancel[0], callback_data=cancel[1])])
    return InlineKeyboardMarkup(rows)


def stop_confirmation(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.label(language, "confirm_delete"), callback_data=STOP_YES)],
            [InlineKeyboardButton(texts.label(language, "keep"), callback_data=STOP_NO)],
        ]
    )


def languages(texts: Texts, language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.label(language, "language_de"), callback_data="lang:de"),
                InlineKeyboardButton(texts.label(language, "language_en"), callback_data="lang:en"),
            ]
        ]
    )
