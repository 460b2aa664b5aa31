"""/stop: after a confirm button, unsubscribe and delete every row about the chat."""

from telegram import Update

from handlers import keyboards
from handlers.common import Context, edit, label, reply_with_buttons
from handlers.context import telegram_language


async def ask(update: Update, context: Context) -> None:
    await reply_with_buttons(update, context, "stop_confirm.html.j2", keyboards.stop_confirmation)


async def confirmed(update: Update, context: Context) -> None:
    # Read the language before the row that holds it is gone.
    language = await context.language()
    existed = await context.services.residents.forget(update.effective_chat.id)
    context.chat_data.chosen_language = None
    if not existed:
        await update.callback_query.answer(label(context, language, "already_deleted"))
        await edit(
            update, context, telegram_language(update, context.services), "stop_done.html.j2"
        )
        return
    await update.callback_query.answer()
    await edit(update, context, language, "stop_done.html.j2")


async def kept(update: Update, context: Context) -> None:
    language = await context.language()
    await update.callback_query.answer()
    await edit(update, context, language, "stop_kept.html.j2")
