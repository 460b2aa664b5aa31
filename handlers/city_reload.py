"""Officer data residents were not told of (the city file was edited and the bot restarted
or got SIGHUP without `stadtwarn city reload`): each admin gets its difference, with the
recipients of each notice, and a button "Ankündigen" that announces it."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application

from bot.city_reload import Reload
from bot.services import SERVICES_KEY
from handlers.common import Context, reply
from handlers.fallback import button, stale_button
from handlers.keyboards import desk as desk_keyboards
from handlers.keyboards.callback_data import CityAnnounce


async def tell_admins(application: Application, pending: Reload) -> None:
    s = application.bot_data[SERVICES_KEY]
    language = s.texts.default_language
    html = s.texts.render(
        language,
        "admin_city_changes.html.j2",
        reload=pending,
        notices=await s.city_reload.notices(pending),
        district_name=s.city.district_name,
    )
    markup = desk_keyboards.city_announce(s.texts, language, pending.digest)
    for admin_id in sorted(s.settings.admin_ids):
        try:
            await application.bot.send_message(admin_id, html, reply_markup=markup)
        except (Forbidden, BadRequest):  # an admin who never started the bot
            continue


@button(CityAnnounce)
async def announce_pressed(update: Update, context: Context, data: CityAnnounce) -> None:
    """ "Ankündigen": the notices go out and the data is in force; a button under data that
    has since changed, or was announced already, is stale."""
    s = context.services
    outcomes = await s.city_reload.confirm_running(data.digest, update.effective_user.id)
    if outcomes is None:
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    language = await context.language()
    recipients = sum(o.recipients for o in outcomes)
    await reply(
        update, context, language, "admin_city_announced.html.j2",
        notices=len(outcomes), recipients=recipients,
    )  # fmt: skip
