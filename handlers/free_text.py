"""Any text that is no command: the number or text a report waits for; else something to
check, a district's name ("Lobeda", also mid-picker), or a greeting (bot.free_text decides)."""

from telegram import Update

from bot.free_text import Asks, read_free_text
from handlers import check, districts, fallback, report
from handlers.common import Context


async def received(update: Update, context: Context) -> None:
    if report.waiting_for_text(context):  # the number or the text of a report
        await report.text_received(update, context)
        return
    s = context.services
    body = update.effective_message.text or ""
    openers = s.texts.words_of_every_language("small_talk_openers")
    reading = read_free_text(body, s.check_rules, s.city, openers, check.waiting_flags(context))
    if reading.asks is Asks.CHECK:
        await check.answer(update, context, reading.check)
    elif reading.asks is Asks.DISTRICT:
        await districts.subscribe_named(update, context, body, reading.name)
    elif reading.asks is Asks.SMALL_TALK:
        await fallback.small_talk(update, context)
    else:
        await fallback.unknown_message(update, context)
