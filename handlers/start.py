"""/start: what the bot does and the district picker; /start <district> subscribes at once."""

from telegram import Update

from bot.residents import UnknownDistrict
from handlers import districts
from handlers.common import Context, reply


async def start(update: Update, context: Context) -> None:
    s = context.services
    chat_id = update.effective_chat.id
    language = await context.language()
    if context.args:
        try:
            district = await s.residents.subscribe(chat_id, context.args[0].lower(), language)
        except UnknownDistrict:
            await districts.offer_picker(update, context, "deep_link_unknown.html.j2")
            return
        await reply(update, context, language, "deep_link.html.j2", district=district)
        return
    await districts.offer_picker(update, context, "start.html.j2")
