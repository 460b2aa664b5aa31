"""/sprache (/language): choose one of the languages the bot speaks."""

from telegram import Update

from handlers import keyboards
from handlers.common import Context, edit, label, reply_with_buttons


async def ask(update: Update, context: Context) -> None:
    kept = await context.services.residents.known(update.effective_chat.id)
    await reply_with_buttons(
        update,
        context,
        "language_prompt.html.j2",
        lambda texts, language: keyboards.languages(texts, language, kept=kept),
    )


async def chosen(update: Update, context: Context) -> None:
    data = update.callback_query.data.removeprefix(keyboards.LANGUAGE)
    choice, was_kept = data.removesuffix(keyboards.KEPT), data.endswith(keyboards.KEPT)
    if choice not in context.services.texts.languages:
        language = await context.language()
        await update.callback_query.answer(label(context, language, "stale_button"))
        return
    if was_kept and not await context.services.residents.known(update.effective_chat.id):
        # A button from before /stop: store nothing again.
        language = await context.language()
        await update.callback_query.answer(label(context, language, "already_deleted"))
        return
    await context.services.residents.set_language(update.effective_chat.id, choice)
    await update.callback_query.answer()
    await edit(update, context, choice, "language_set.html.j2")
