""" "Ich hatte auch so einen Anruf" under every alert: one anonymous vote per chat, counted per
Ortsteil; the comms desk sees the counts in its status message and in `alert show`."""

from __future__ import annotations

from telegram import Update

from bot.alerts.compose import AlertInputError
from bot.reports.vocabulary import VoteOutcome
from handlers.alert_status import refresh_status
from handlers.common import Context, label
from handlers.fallback import button, stale_button
from handlers.keyboards.callback_data import Vote


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
    outcome = await s.reports.vote(update.effective_chat.id, alert.id, alert.district_ids, own)
    await query.answer(label(context, language, f"me_too_{outcome}"), show_alert=False)
    if outcome is VoteOutcome.COUNTED:
        refresh_status(context.application, s, alert.id)
