"""Spike messages for the comms desk: one message per spike to every admin, edited as the
counts grow, always cut to fit one message; its button drafts an alert from it and opens the
preview."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.alerts.compose import AlertInputError
from bot.reports import overview as view
from bot.reports.spikes import alert_draft
from bot.reports.values import Spike
from handlers import keyboards
from handlers.alert_review import REVIEW, send_preview
from handlers.common import Context, reply
from handlers.fallback import button, stale_button
from handlers.keyboards.callback_data import SpikeDraft


async def tell_admins(context: Context, news: Spike) -> None:
    """A new spike: a message to each admin; a growing one: their messages are edited."""
    async with context.services.reports.desk_lock(news.id):
        await _tell_admins(context, news)


async def _tell_admins(context: Context, news: Spike) -> None:
    s = context.services
    spike = await s.reports.spike(news.id, new=news.new)  # read in the lock: the newest counts
    if spike is None:
        return
    language = s.texts.default_language
    html = s.texts.render_parts(
        language,
        "admin_spike.html.j2",
        view.spike_parts(spike),
        spike=spike,
        shown=view.subject_label,
    )
    markup = keyboards.spike_actions(s.texts, language, spike.id)
    known = await s.reports.spike_messages(spike.id)
    for admin_id in sorted(s.settings.admin_ids):
        try:
            if admin_id in known:
                await context.bot.edit_message_text(
                    html, chat_id=admin_id, message_id=known[admin_id], reply_markup=markup
                )
            else:
                sent = await context.bot.send_message(admin_id, html, reply_markup=markup)
                await s.reports.remember_spike_message(spike.id, admin_id, sent.message_id)
        except (Forbidden, BadRequest):  # an admin who never started the bot, or no change
            continue


@button(SpikeDraft)
async def draft_pressed(update: Update, context: Context, data: SpikeDraft) -> None:
    """ "Warnung daraus entwerfen": an alert of the matching template for the spike's
    districts, with its number, stored as a draft and shown as the preview."""
    s = context.services
    spike = await s.reports.spike(data.spike_id)
    if spike is None:
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    language = await context.language()
    draft = alert_draft(spike, s.city)
    try:
        alert_id = await s.desk.create(draft, update.effective_user.id)
    except AlertInputError:  # e.g. "other" needs the desk's own text
        await reply(update, context, language, "admin_spike_compose.html.j2")
        return
    await send_preview(update.effective_chat.id, context, language, alert_id, REVIEW)
