"""/datenschutz (/privacy): a fixed text."""

from telegram import Update

from handlers.common import Context, reply


async def privacy(update: Update, context: Context) -> None:
    await reply(update, context, await context.language(), "privacy.html.j2")
