"""/kontakt (/officer): for each subscribed district, its contact officers and their next office
hour, or the police inspection where the police name no officer."""

from telegram import Update

from handlers.common import Context, reply


async def officers(update: Update, context: Context) -> None:
    language = await context.language()
    contacts = await context.services.residents.police_contacts(update.effective_chat.id)
    if contacts is None:
        await reply(update, context, language, "officers_none.html.j2")
        return
    await reply(update, context, language, "officers.html.j2", contacts=contacts)
