"""/erinnerung (/reminder) and the button under /kontakt: switch on a reminder the day before
each office hour of her Ortsteile' contact officers, or off again with one tap."""

from __future__ import annotations

from telegram import Update

from bot.reminders.switch import Switched, SwitchState
from handlers.common import Context, edit_keyboard, reply
from handlers.fallback import button
from handlers.keyboards.callback_data import Remind
from handlers.keyboards.reminders import reminder_switch, with_reminder_switch

ANSWERS = {
    SwitchState.ON: "reminder_on.html.j2",
    SwitchState.OFF: "reminder_off.html.j2",
    SwitchState.NO_DISTRICT: "officers_none.html.j2",
    SwitchState.NO_HOURS: "reminder_unavailable.html.j2",
}


async def command(update: Update, context: Context) -> None:
    """On if off, off if on."""
    switched = await context.services.reminders.toggle(update.effective_chat.id)
    await _answer(update, context, switched)


@button(Remind)
async def pressed(update: Update, context: Context, data: Remind) -> None:
    reminders, chat_id = context.services.reminders, update.effective_chat.id
    if data.to == "on":
        switched = await reminders.switch_on(chat_id)
    else:
        switched = await reminders.switch_off(chat_id)
    await update.callback_query.answer()
    if switched.state in (SwitchState.ON, SwitchState.OFF):
        language = await context.language()
        on = switched.state == SwitchState.ON
        shown = getattr(update.callback_query.message, "reply_markup", None)
        await edit_keyboard(
            update, with_reminder_switch(shown, context.services.texts, language, on)
        )
    await _answer(update, context, switched)


async def _answer(update: Update, context: Context, switched: Switched) -> None:
    language = await context.language()
    markup = None
    if switched.state in (SwitchState.ON, SwitchState.OFF):
        on = switched.state == SwitchState.ON
        markup = reminder_switch(context.services.texts, language, on)
    await reply(
        update,
        context,
        language,
        ANSWERS[switched.state],
        reply_markup=markup,
        contacts=switched.reminded,
    )
