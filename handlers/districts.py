"""/ortsteil (/bezirk, /district), the picker's buttons (tick districts, the whole city,
done), and a district named in words ("Lobeda", "/start winzerla", a typo): subscribed, or
asked which."""

from functools import partial

from telegram import Update

from bot.city.names import NameMatch
from bot.residents import UnknownDistrict, WhichDistrict
from handlers import keyboards, location, officers
from handlers.common import Context, edit, edit_keyboard, label, reply, reply_with_buttons
from handlers.fallback import button, stale_button
from handlers.keyboards.callback_data import Join, Menu, Pick


async def show_picker(update: Update, context: Context) -> None:
    await offer_picker(update, context, "picker_prompt.html.j2")
    await location.offer(update, context)


@button(Menu)
async def picker_pressed(update: Update, context: Context, _: Menu) -> None:
    """The "choose a district" button under a greeting."""
    await update.callback_query.answer()
    await show_picker(update, context)


async def subscribe_named(
    update: Update, context: Context, name: str, found: NameMatch | None = None
) -> None:
    """Subscribe to the district `name` means; if it means several or is a guess from a
    typo, ask with one button each; if it means none, show the picker. `found`: what the
    name was already matched to (a typed text, read by bot/free_text.py), else matched here."""
    language = await context.language()
    residents, chat_id = context.services.residents, update.effective_chat.id
    try:
        if found is None:
            district = await residents.subscribe(chat_id, name, language)
        else:
            district = await residents.subscribe_matched(chat_id, found, name, language)
    except UnknownDistrict:
        await offer_picker(update, context, "deep_link_unknown.html.j2")
        return
    except WhichDistrict as which:
        markup = keyboards.districts_to_join(which.districts)
        await reply(
            update,
            context,
            language,
            "district_which.html.j2",
            reply_markup=markup,
            asked=name,
            districts=which.districts,
            guessed=which.guessed,
        )
        return
    card = await officers.cards(context, language, [district.id])
    await reply(update, context, language, "deep_link.html.j2", district=district, appended=card)


@button(Join)
async def joined(update: Update, context: Context, data: Join) -> None:
    """A tap on a proposed district (after a name, a typo or a location): subscribe to it;
    the message then says what is chosen, and the other proposals stay to add."""
    s = context.services
    query = update.callback_query
    chat_id = update.effective_chat.id
    offered_ids = keyboards.offered_district_ids(query.message.reply_markup)
    if data.district not in offered_ids:  # not a button this message has: forged
        await stale_button(update, context)
        return
    language = await context.language()
    try:
        await s.residents.subscribe(chat_id, data.district, language)
    except (UnknownDistrict, WhichDistrict):
        await query.answer(label(context, language, "unknown_district"), show_alert=True)
        return
    await query.answer(label(context, language, "ticked"))
    chosen_ids = {d.id for d in (await s.residents.picker(chat_id)).chosen}
    offered = [s.city.district(i) for i in offered_ids]
    offered = [d for d in offered if d is not None]
    markup = keyboards.districts_to_join(offered, chosen_ids)
    if markup == query.message.reply_markup:  # a double tap: it already says so
        return
    chosen = [d for d in offered if d.id in chosen_ids]
    card = await officers.cards(context, language, [data.district])
    template = "district_joined.html.j2"
    await edit(update, context, language, template, reply_markup=markup, districts=chosen,
               appended=card)  # fmt: skip


async def offer_picker(update: Update, context: Context, template: str) -> None:
    """A message from `template` with the district picker under it."""
    picker = await context.services.residents.picker(update.effective_chat.id)
    await reply_with_buttons(update, context, template, partial(keyboards.picker, picker))


@button(Pick)
async def pressed(update: Update, context: Context, data: Pick) -> None:
    s = context.services
    query = update.callback_query
    chat_id = update.effective_chat.id
    language = await context.language()
    if data.target == Pick.DONE:
        picker = await s.residents.picker(chat_id)
        if not picker.anything_chosen:
            await query.answer(label(context, language, "ticked"))
            await reply(update, context, language, "picker_empty.html.j2")
            return
        await query.answer()
        # The whole city's officers are many: /kontakt has them, not this answer.
        chosen = () if picker.all_districts else [d.id for d in picker.chosen]
        card = await officers.cards(context, language, chosen)
        await edit(update, context, language, "picker_done.html.j2", picker=picker, appended=card)
        return
    try:
        if data.target == Pick.ALL:
            picker = await s.residents.toggle_all(chat_id, language)
        else:
            picker = await s.residents.toggle(chat_id, data.target, language)
    except UnknownDistrict:
        await query.answer(label(context, language, "unknown_district"), show_alert=True)
        return
    await query.answer(label(context, language, "ticked"))
    shown = query.message.reply_markup
    await edit_keyboard(update, keyboards.picker(picker, s.texts, language, shown=shown))
