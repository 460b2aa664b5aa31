"""/kontakt (/officer): the contact officers of each subscribed district and their next hour."""

from telegram import Update

from handlers.common import Context, reply


async def officers(update: Update, context: Context) -> None:
    language = await context.language()
    districts = await context.services.residents.officers(update.effective_chat.id)
    if districts is None:
        await reply(update, context, language, "officers_none.html.j2")
        return
    await reply(update, context, language, "officers.html.j2", districts=districts)
