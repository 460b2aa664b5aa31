"""📍 Standort senden: the shared location's Ortsteil, proposed to confirm with one tap.
The location is used for this one answer and never stored or logged."""

from telegram import KeyboardButton, ReplyKeyboardMarkup, Update

from handlers import keyboards
from handlers.common import Context, label, reply


async def offer(update: Update, context: Context) -> None:
    """Under a district picker: the phone's own "send location" button."""
    language = await context.language()
    button = KeyboardButton(label(context, language, "send_location"), request_location=True)
    markup = ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    await reply(update, context, language, "location_offer.html.j2", reply_markup=markup)


async def moved(update: Update, context: Context) -> None:
    """A shared live location's new position: the first one was answered; nothing more."""


async def received(update: Update, context: Context) -> None:
    s = context.services
    language = await context.language()
    point = update.effective_message.location
    district = s.boundaries.district_at(point.latitude, point.longitude) if s.boundaries else None
    if district is None:
        await reply(update, context, language, "location_outside.html.j2")
        return
    markup = keyboards.districts_to_join((district,))
    await reply(
        update, context, language, "location_found.html.j2", reply_markup=markup, district=district
    )
