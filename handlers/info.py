"""/hilfe (/help) and /datenschutz (/privacy): fixed texts."""

from telegram import Update

from handlers.common import Context, chat_language, reply


async def help_text(update: Update, context: Context) -> None:
    await reply(update, context, await chat_language(update, context), "help.html.j2")


async def privacy(update: Update, context: Context) -> None:
    await reply(update, context, await chat_language(update, context), "privacy.html.j2")
