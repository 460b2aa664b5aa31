"""The comms desk changes an office hour in Telegram: "Sprechstunde ändern" under /kontakt
(admins only), then an area, then one of its coming hours to cancel or an extra one typed
in. The residents' notice is previewed with its reach; only "Speichern und senden" stores
the change and queues the notice (bot/hours_notice.py), as `stadtwarn officers` does."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update

from bot.vocabulary import AlertInputError, HourChange
from handlers.common import Context, edit, reply
from handlers.fallback import button, stale_button
from handlers.keyboards import hours as keyboards
from handlers.keyboards.callback_data import HoursDesk
from handlers.user_data import HoursTyping

SHOWN_OPENINGS = 6  # coming office hours offered to cancel


@button(HoursDesk)
async def pressed(update: Update, context: Context, data: HoursDesk) -> None:
    language = await context.language()
    user_data = context.user_data
    if data.action in ("send", "note") and user_data.hours_pending is None:  # sent already
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    if data.action == "open":
        officers = context.services.city.officers
        markup = keyboards.areas(context.services.texts, language, officers)
        await reply(update, context, language, "admin_hours_areas.html.j2", reply_markup=markup)
    elif data.action == "drop":
        user_data.hours_typing = user_data.hours_pending = None
        await edit(update, context, language, "admin_hours_dropped.html.j2")
    elif data.action == "send":
        await _send(update, context, language)
    elif data.action == "note":
        user_data.hours_typing = HoursTyping(user_data.hours_pending.area_id, "note")
        await edit(update, context, language, "admin_hours_ask_note.html.j2")
    else:
        await _area_step(update, context, language, data)


async def _area_step(update: Update, context: Context, language: str, data: HoursDesk) -> None:
    hours = context.services.hours.hours
    try:
        officer = hours.area(data.area or "")
        if data.action == "cancel":
            who = update.effective_user.id
            change = await hours.cancellation(officer, data.chosen_day, entered_by=who)
            await preview(update, context, language, change, as_reply=False)
            return
    except AlertInputError as error:
        await edit(update, context, language, "admin_hours_error.html.j2", error=error)
        return
    if data.action in ("add", "substitute"):
        context.user_data.hours_typing = HoursTyping(officer.area_id, data.action)
        template = f"admin_hours_ask_{'added' if data.action == 'add' else 'substitute'}.html.j2"
        await edit(update, context, language, template, officer=officer)
        return
    openings = await hours.openings(officer, SHOWN_OPENINGS)
    markup = keyboards.area_actions(context.services.texts, language, officer, openings)
    changes = await hours.changes(officer)
    await edit(update, context, language, "admin_hours_area.html.j2", officer=officer,
               openings=openings, changes=changes, reply_markup=markup)  # fmt: skip


def waiting_for_text(context: Context) -> bool:
    return context.user_data.hours_typing is not None


async def text_received(update: Update, context: Context) -> None:
    """The extra hour ("10.12. 14:00-16:00 Rathaus") or the substitute ("14.12.-18.12.
    Name, 03641 123456"), typed. A mistake asks again."""
    language = await context.language()
    hours = context.services.hours.hours
    typing = context.user_data.hours_typing
    text, who = update.effective_message.text or "", update.effective_user.id
    try:
        officer = hours.area(typing.area_id)
        if typing.kind == "note" and context.user_data.hours_pending is not None:
            change = replace(context.user_data.hours_pending, note=hours.note(text))
        elif typing.kind == "substitute":
            days, name, phone = hours.read_substitution(text)
            change = hours.substitution(officer, days, name, phone, entered_by=who)
        else:
            day, times, place = hours.read_added_hour(text)
            change = hours.added_hour(officer, day, times, place, entered_by=who)
    except AlertInputError as error:
        await reply(update, context, language, "admin_hours_error.html.j2", error=error,
                    again=True)  # fmt: skip
        return
    context.user_data.hours_typing = None
    await preview(update, context, language, change, as_reply=True)


async def preview(
    update: Update, context: Context, language: str, change: HourChange, *, as_reply: bool
) -> None:
    """The notice as residents will read it, whom it reaches and when; nothing stored yet."""
    shown = await context.services.hours.preview(change, language)
    context.user_data.hours_pending = change
    markup = keyboards.confirm(context.services.texts, language)
    show = reply if as_reply else edit
    await show(update, context, language, "admin_hours_preview.html.j2", preview=shown,
               now=context.services.clock(), reply_markup=markup)  # fmt: skip


async def _send(update: Update, context: Context, language: str) -> None:
    change, context.user_data.hours_pending = context.user_data.hours_pending, None
    try:
        done = await context.services.hours.announce(change, update.effective_user.id)
    except AlertInputError as error:  # e.g. the day has passed since the preview
        await edit(update, context, language, "admin_hours_error.html.j2", error=error)
        return
    await edit(update, context, language, "admin_hours_sent.html.j2", done=done,
               now=context.services.clock())  # fmt: skip


async def abort(update: Update, context: Context) -> None:
    """/abbrechen while the desk types an extra hour or a substitute."""
    context.user_data.hours_typing = context.user_data.hours_pending = None
    await reply(update, context, await context.language(), "admin_hours_dropped.html.j2")
