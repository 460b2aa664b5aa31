"""/start: what the bot does and the district picker; /start <district> subscribes at once
(also by a name residents use; one that means several Ortsteile asks which)."""

from telegram import Update

from handlers import districts, location
from handlers.common import Context


async def start(update: Update, context: Context) -> None:
    if context.args:  # a deep link (t.me/<bot>?start=lobeda) or "/start Jena Ost" typed
        await districts.subscribe_named(update, context, " ".join(context.args))
        return
    await districts.offer_picker(update, context, "start.html.j2")
    await location.offer(update, context)
