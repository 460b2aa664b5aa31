"""Anything no other handler took: a short, friendly help; and stale or unknown buttons."""

from telegram import Update

from handlers.common import Context, label, reply


async def unknown_message(update: Update, context: Context) -> None:
    await reply(update, context, await context.language(), "fallback.html.j2")


async def stale_button(update: Update, context: Context) -> None:
    language = await context.language()
    await update.callback_query.answer(label(context, language, "stale_button"), show_alert=True)
