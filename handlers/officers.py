"""/kontakt (/officer): the contact officers of each subscribed district and their next hour."""

from telegram import Update

from handlers.common import Context, chat_language, reply, services


async def officers(update: Update, context: Context) -> None:
    language = await chat_language(update, context)
    districts = await services(context).residents.officers(update.effective_chat.id)
    if districts is None:
        await reply(update, context, language, "officers_none.html.j2")
        return
    await reply(update, context, language, "officers.html.j2", districts=districts)
