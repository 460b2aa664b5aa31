"""/start: what the bot does and the district picker; /start <district> subscribes at once
(also by a name residents use; one that means several Ortsteile asks which)."""

from telegram import Update

from bot.residents import SeveralDistricts, UnknownDistrict
from handlers import districts, keyboards, location
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
        except SeveralDistricts as several:  # "Lobeda": which of its Ortsteile?
            markup = keyboards.districts_to_choose(several.districts)
            await reply(
                update,
                context,
                language,
                "deep_link_several.html.j2",
                reply_markup=markup,
                asked=context.args[0],
                districts=several.districts,
            )
            return
        await reply(update, context, language, "deep_link.html.j2", district=district)
        return
    await districts.offer_picker(update, context, "start.html.j2")
    await location.offer(update, context)
