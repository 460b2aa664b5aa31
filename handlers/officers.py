"""/kontakt (/officer): for each subscribed district, its contact officers and their next office
hour, or the police inspection where the police name no officer."""

from collections.abc import Iterable

from telegram import InlineKeyboardMarkup, Update

from handlers.admins import Admins
from handlers.common import Context, render, reply
from handlers.keyboards import hours as hours_keyboards
from handlers.keyboards.reminders import reminder_switch


async def officers(update: Update, context: Context) -> None:
    language = await context.language()
    contacts = await context.services.residents.police_contacts(update.effective_chat.id)
    if contacts is None:
        await reply(update, context, language, "officers_none.html.j2")
        return
    texts = context.services.texts
    rows = []
    # Under the card: switch the reminder of office hours on or off (handlers/reminders.py).
    on = await context.services.reminders.offer(update.effective_chat.id, contacts)
    if on is not None:
        rows += reminder_switch(texts, language, on).inline_keyboard
    if Admins(context.services.settings.admin_ids).filter(update):  # the desk may change hours
        rows += hours_keyboards.under_contacts(texts, language).inline_keyboard
    markup = InlineKeyboardMarkup(rows) if rows else None
    await reply(
        update, context, language, "officers.html.j2", reply_markup=markup, contacts=contacts
    )


async def cards(context: Context, language: str, district_ids: Iterable[str]) -> str:
    """For the answer to subscribing: the officers of the Ortsteile she just chose, their
    address, hours, next office hour and phone (or the police inspection), as /kontakt
    shows them; empty for none."""
    contacts = await context.services.residents.police_contacts_of(district_ids)
    return render(context, language, "officers.html.j2", contacts=contacts) if contacts else ""
