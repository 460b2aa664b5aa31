"""/sprache (/language): choose one of the languages the bot speaks."""

from telegram import Update

from handlers import keyboards
from handlers.common import Context, edit, label, reply_with_buttons


async def ask(update: Update, context: Context) -> None:
    await reply_with_buttons(update, context, "language_prompt.html.j2", keyboards.languages)


async def chosen(update: Update, context: Context) -> None:
    choice = update.callback_query.data.removeprefix(keyboards.LANGUAGE)
    if choice not in context.services.texts.languages:
        language = await context.language()
        await update.callback_query.answer(label(context, language, "stale_button"))
        return
    await context.services.residents.set_language(update.effective_chat.id, choice)
    await update.callback_query.answer()
    await edit(update, context, choice, "language_set.html.j2")
