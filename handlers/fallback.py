"""Anything no other handler took: a short, friendly help; and stale or unknown buttons."""

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.common import Context, label, reply


async def unknown_message(update: Update, context: Context) -> None:
    await reply(update, context, await context.language(), "fallback.html.j2")


async def stale_button(update: Update, context: Context) -> None:
    language = await context.language()
    await update.callback_query.answer(label(context, language, "stale_button"), show_alert=True)


async def detached_button(update: Update, context: Context) -> None:
    """Before every other handler: a button press without its message (an inline-mode
    message) has nothing to edit or reply under; answer it like a stale button, and stop."""
    query = update.callback_query
    if query is None or query.message is not None:
        return
    await stale_button(update, context)
    raise ApplicationHandlerStop
