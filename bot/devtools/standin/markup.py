"""Validation of reply_markup (inline and reply keyboards) by Telegram's rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.devtools.standin.errors import bad_request
from bot.devtools.standin.models import Button
from bot.telegram_limits import MAX_CALLBACK_DATA_BYTES

MAX_INLINE_BUTTONS = 100
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "web_app",
    "callback_game",
    "pay",
)
_URL = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Markup:
    """A validated reply_markup: inline buttons, or reply keyboard labels."""

    buttons: list[list[Button]]
    reply_keyboard: list[list[str]] | None


NO_MARKUP = Markup([], None)


def parse_reply_markup(markup: Any) -> Markup:
    """Validate a decoded reply_markup parameter; raise ApiError like Telegram does."""
    if markup is None or markup == "":
        return NO_MARKUP
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        return _inline_keyboard(markup["inline_keyboard"])
    if "keyboard" in markup:
        return Markup([], _reply_keyboard(markup["keyboard"]))
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return NO_MARKUP
    raise bad_request("can't parse reply keyboard markup JSON object")


def _rows(rows: Any, what: str) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{what}" must be an Array of Array')
    return rows


def _inline_keyboard(rows: Any) -> Markup:
    parsed: list[list[Button]] = []
    total = 0
    for row in _rows(rows, "inline_keyboard"):
        parsed_row = []
        for button in row:
            total += 1
            parsed_row.append(_inline_button(button))
        if parsed_row:
            parsed.append(parsed_row)
    if total > MAX_INLINE_BUTTONS:
        raise bad_request("reply markup is too long")
    if not parsed:
        return NO_MARKUP
    return Markup(parsed, None)


def _inline_button(button: Any) -> Button:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    if not any(action in button for action in _BUTTON_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    data = button.get("callback_data")
    if data is not None and not _valid_callback_data(data):
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or not _URL.match(url)):
        raise bad_request("BUTTON_URL_INVALID")
    return Button(text, data, url)


def _valid_callback_data(data: Any) -> bool:
    return isinstance(data, str) and 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES


def _valid_callback_data(data: Any) -> bool:
    return isinstance(data, str) and 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES


def _reply_keyboard(rows: Any) -> list[list[str]]:
    labels = []
    for row in _rows(rows, "keyboard"):
        labels_row = []
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text.strip():
                raise bad_request("BUTTON_TEXT_EMPTY")
            labels_row.append(text)
        labels.append(labels_row)
    return labels
