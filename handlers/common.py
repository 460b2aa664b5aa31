"""Helpers every handler shares: rendering, replying and editing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.texts import Texts, visible_length
from handlers.context import BotContext

Context = BotContext


def render(context: Context, language: str, template: str, **values: Any) -> str:
    return context.services.texts.render(language, template, **values)


def label(context: Context, language: str, key: str) -> str:
    return context.services.texts.label(language, key)


async def reply(
    update: Update,
    context: Context,
    language: str,
    template: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    appended: str = "",
    **values: Any,
) -> None:
    """Send a new message in this chat, rendered from a template; `appended`: another
    rendered message that goes below it in the same message (see joined)."""
    text = joined(render(context, language, template, **values), appended)
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=reply_markup)


def joined(first: str, second: str) -> str:
    """Two rendered messages as one, a blank line between; the first alone if both would
    not fit one Telegram message."""
    both = f"{first}\n\n{second}" if second else first
    return both if visible_length(both) <= MAX_MESSAGE_LENGTH else first


Keyboard = Callable[[Texts, str], InlineKeyboardMarkup]  # (texts, language) -> buttons


async def reply_with_buttons(
    update: Update, context: Context, template: str, keyboard: Keyboard
) -> None:
    """Reply in the chat's language with the buttons `keyboard` makes for that language."""
    language = await context.language()
    markup = keyboard(context.services.texts, language)
    await reply(update, context, language, template, reply_markup=markup)


async def edit(
    update: Update,
    context: Context,
    language: str,
    template: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    appended: str = "",
    **values: Any,
) -> None:
    """Replace the text of the message whose button was pressed (`appended` as in reply)."""
    text = joined(render(context, language, template, **values), appended)
    try:
        await update.callback_query.edit_message_text(text, reply_markup=reply_markup)
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def edit_keyboard(update: Update, reply_markup: InlineKeyboardMarkup) -> None:
    """Update only the buttons (e.g. a new check mark); a double tap is no error."""
    try:
        await update.callback_query.edit_message_reply_markup(reply_markup)
    except BadRequest as error:
        if "not modified" not in error.message:
            raise
