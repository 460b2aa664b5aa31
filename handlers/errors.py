"""The error handler: log without the token, and tell the resident something went wrong."""

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.delivery.flood import BudgetClosed
from bot.services import DiskFull
from handlers.common import Context, render
from handlers.context import telegram_language

logger = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    if isinstance(context.error, BudgetClosed):
        return  # the bot is stopping; the resident's next message is answered after it
    logger.error("handler failed", exc_info=context.error)
    # A full disk is not the resident's fault, nor a bug: say plainly that nothing was saved.
    template = "storage_full.html.j2" if isinstance(context.error, DiskFull) else "error.html.j2"
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await context.bot.send_message(
            update.effective_chat.id,
            render(context, telegram_language(update, context.services), template),
        )
    except TelegramError:
        logger.warning("could not tell chat about the error", exc_info=True)
