"""Greetings and anything no other handler took: a warm, short answer with the two main
actions as buttons; and stale or unknown buttons."""

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers import keyboards
from handlers.common import Context, label, reply_with_buttons
from handlers.keyboards.callback_data import CallbackData, pressed_with


async def small_talk(update: Update, context: Context) -> None:
    """ "Hallo?", "Danke", 👍: a warm answer, then check a number or choose a district."""
    await reply_with_buttons(update, context, "small_talk.html.j2", keyboards.main_actions)


async def unknown_message(update: Update, context: Context) -> None:
    await reply_with_buttons(update, context, "fallback.html.j2", keyboards.main_actions)


async def stale_button(update: Update, context: Context) -> None:
    language = await context.language()
    await update.callback_query.answer(label(context, language, "stale_button"), show_alert=True)


def button(data_type: type[CallbackData]):
    """A button callback that gets its data parsed and checked (handlers/keyboards/);
    a forged or stale press is answered "Dieser Knopf ist nicht mehr gültig" and changes
    nothing."""
    return pressed_with(data_type, stale_button)


async def detached_button(update: Update, context: Context) -> None:
    """Before every other handler: a button press without its message (an inline-mode
    message) has nothing to edit or reply under; answer it like a stale button, and stop."""
    query = update.callback_query
    if query is None or query.message is not None:
        return
    await stale_button(update, context)
    raise ApplicationHandlerStop
