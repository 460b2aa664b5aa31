"""/meinedaten (/mydata): everything the database holds about this chat (GDPR Art. 15), and
how to delete it: /stop."""

from __future__ import annotations

from telegram import Update

from handlers.common import Context, reply


async def show(update: Update, context: Context) -> None:
    language = await context.language()
    stored = await context.services.residents.stored_data(update.effective_chat.id)
    await reply(
        update,
        context,
        language,
        "my_data.html.j2",
        stored=stored,
        chat_id=update.effective_chat.id,
        language_name=lambda code: context.services.texts.label(code, "language_name"),
    )
