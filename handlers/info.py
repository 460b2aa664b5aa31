"""/hilfe (/help) and /datenschutz (/privacy): fixed texts."""

from telegram import Update

from handlers import keyboards
from handlers.common import Context, reply


async def help_text(update: Update, context: Context) -> None:
    """The commands, with a button that starts the guided check of a call."""
    language = await context.language()
    markup = keyboards.check_call(context.services.texts, language)
    await reply(update, context, language, "help.html.j2", reply_markup=markup)


async def privacy(update: Update, context: Context) -> None:
    await reply(update, context, await context.language(), "privacy.html.j2")
