"""/bezirk (/district) and the picker's buttons: tick districts, the whole city, done."""

from functools import partial

from telegram import Update

from bot.residents import UnknownDistrict
from handlers import keyboards, location
from handlers.common import Context, edit, edit_keyboard, label, reply, reply_with_buttons


async def show_picker(update: Update, context: Context) -> None:
    await offer_picker(update, context, "picker_prompt.html.j2")
    await location.offer(update, context)


async def offer_picker(update: Update, context: Context, template: str) -> None:
    """A message from `template` with the district picker under it."""
    picker = await context.services.residents.picker(update.effective_chat.id)
    await reply_with_buttons(update, context, template, partial(keyboards.picker, picker))


async def pressed(update: Update, context: Context) -> None:
    s = context.services
    query = update.callback_query
    chat_id = update.effective_chat.id
    language = await context.language()
    if query.data == keyboards.PICK_DONE:
        picker = await s.residents.picker(chat_id)
        if not picker.anything_chosen:
            await query.answer(label(context, language, "ticked"))
            await reply(update, context, language, "picker_empty.html.j2")
            return
        await query.answer()
        await edit(update, context, language, "picker_done.html.j2", picker=picker)
        return
    try:
        if query.data == keyboards.PICK_ALL:
            picker = await s.residents.toggle_all(chat_id, language)
        else:
            district_id = query.data.removeprefix(keyboards.PICK)
            picker = await s.residents.toggle(chat_id, district_id, language)
    except UnknownDistrict:
        await query.answer(label(context, language, "unknown_district"), show_alert=True)
        return
    await query.answer(label(context, language, "ticked"))
    await edit_keyboard(update, keyboards.picker(picker, s.texts, language))
