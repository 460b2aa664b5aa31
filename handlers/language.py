"""/sprache (/language): choose one of the languages the bot speaks."""

from telegram import Update

from handlers import keyboards
from handlers.common import Context, edit, label, reply_with_buttons
from handlers.fallback import button, stale_button
from handlers.keyboards.callback_data import Language


async def ask(update: Update, context: Context) -> None:
    kept = await context.services.residents.is_stored(update.effective_chat.id)
    await reply_with_buttons(
        update,
        context,
        "language_prompt.html.j2",
        lambda texts, language: keyboards.languages(texts, language, kept=kept),
    )


@button(Language)
async def chosen(update: Update, context: Context, data: Language) -> None:
    choice = data.code
    if choice not in context.services.texts.languages:
        await stale_button(update, context)
        return
    if data.kept and not await context.services.residents.is_stored(update.effective_chat.id):
        # A button from before /stop: store nothing again.
        language = await context.language()
        await update.callback_query.answer(label(context, language, "already_deleted"))
        return
    s, chat_id = context.services, update.effective_chat.id
    desk = update.effective_user.id in s.settings.admin_ids
    if not await s.residents.choose_language(chat_id, choice, desk=desk):
        context.chat_data.chosen_language = choice  # until her first Ortsteil stores it
    await update.callback_query.answer()
    await edit(update, context, choice, "language_set.html.j2")
