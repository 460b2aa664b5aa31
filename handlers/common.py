"""Helpers every handler shares: the services, the chat's language, rendering and replying."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.services import SERVICES_KEY, Services
from bot.texts import language_for

Context = ContextTypes.DEFAULT_TYPE


def services(context: Context) -> Services:
    return context.application.bot_data[SERVICES_KEY]


def telegram_language(update: Update) -> str:
    user = update.effective_user
    return language_for(user.language_code if user else None)


async def chat_language(update: Update, context: Context) -> str:
    """The stored language of this chat, else the one of the user's Telegram app."""
    return await services(context).residents.language(
        update.effective_chat.id, telegram_language(update)
    )


def render(context: Context, language: str, template: str, **values: Any) -> str:
    return services(context).texts.render(language, template, **values)


def label(context: Context, language: str, key: str) -> str:
    return services(context).texts.label(language, key)


async def reply(
    update: Update,
    context: Context,
    language: str,
    template: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    **values: Any,
) -> None:
    """Send a new message in this chat, rendered from a template."""
    await context.bot.send_message(
        update.effective_chat.id,
        render(context, language, template, **values),
        reply_markup=reply_markup,
    )


async def edit(
    update: Update,
    context: Context,
    language: str,
    template: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    **values: Any,
) -> None:
    """Replace the text of the message whose button was pressed."""
    try:
        await update.callback_query.edit_message_text(
            render(context, language, template, **values), reply_markup=reply_markup
        )
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
