"""Anything no other handler took: a short, friendly help; and stale or unknown buttons."""

from telegram import Update

from handlers.common import Context, chat_language, label, reply


async def unknown_message(update: Update, context: Context) -> None:
    await reply(update, context, await chat_language(update, context), "fallback.html.j2")


async def stale_button(update: Update, context: Context) -> None:
    language = await chat_language(update, context)
    await update.callback_query.answer(label(context, language, "stale_button"), show_alert=True)
