""" "Ich hatte auch so einen Anruf" under every alert: one anonymous vote per chat, counted per
Ortsteil; the comms desk sees the counts in its status message and in `alert show`."""

from __future__ import annotations

from telegram import Update

from bot.alerts.compose import AlertInputError
from handlers.alert_review import refresh_status
from handlers.callback_data import Vote
from handlers.common import Context, label
from handlers.fallback import button, stale_button


@button(Vote)
async def pressed(update: Update, context: Context, data: Vote) -> None:
    s = context.services
    query = update.callback_query
    try:
        alert = await s.desk.get(data.alert_id)
    except AlertInputError:
        await stale_button(update, context)
        return
    language = await context.language()
    own = [d.id for d in (await s.residents.picker(update.effective_chat.id)).chosen]
    counted = await s.reports.vote(update.effective_chat.id, alert.id, alert.district_ids, own)
    key = "me_too_counted" if counted else "me_too_already"
    await query.answer(label(context, language, key), show_alert=False)
    if counted:
        refresh_status(context.application, s, alert.id)
