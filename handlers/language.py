"""/sprache (/language): switch between German and English."""

from telegram import Update

from bot.texts import LANGUAGES
from handlers import keyboards
from handlers.common import Context, chat_language, edit, label, reply, services


async def ask(update: Update, context: Context) -> None:
    language = await chat_language(update, context)
    await reply(
        update,
        context,
        language,
        "language_prompt.html.j2",
        reply_markup=keyboards.languages(services(context).texts, language),
    )


async def chosen(update: Update, context: Context) -> None:
    choice = update.callback_query.data.removeprefix(keyboards.LANGUAGE)
    if choice not in LANGUAGES:
        language = await chat_language(update, context)
        await update.callback_query.answer(label(context, language, "stale_button"))
        return
    await services(context).residents.set_language(update.effective_chat.id, choice)
    await update.callback_query.answer()
    await edit(update, context, choice, "language_set.html.j2")
