"""/start: what the bot does and the district picker; /start <district> subscribes at once."""

from telegram import Update

from bot.residents import UnknownDistrict
from handlers import keyboards
from handlers.common import Context, reply


async def start(update: Update, context: Context) -> None:
    s = context.services
    chat_id = update.effective_chat.id
    language = await context.language()
    if context.args:
        try:
            district = await s.residents.subscribe(chat_id, context.args[0].lower(), language)
        except UnknownDistrict:
            picker = await s.residents.picker(chat_id)
            await reply(
                update,
                context,
                language,
                "deep_link_unknown.html.j2",
                reply_markup=keyboards.picker(picker, s.texts, language),
            )
            return
        await reply(update, context, language, "deep_link.html.j2", district=district)
        return
    picker = await s.residents.picker(chat_id)
    await reply(
        update,
        context,
        language,
        "start.html.j2",
        reply_markup=keyboards.picker(picker, s.texts, language),
    )
