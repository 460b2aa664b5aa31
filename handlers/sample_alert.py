"""/test: a clearly marked sample alert, so a resident sees (and hears) how a warning looks
(bot/alerts/sample.py). When the chat had its last one is kept in memory only."""

from __future__ import annotations

from telegram import Update

from bot.alerts.compose import render_bodies
from bot.alerts.sample import next_sample_at, sample_draft
from handlers.common import Context, label, reply


async def sample(update: Update, context: Context) -> None:
    s = context.services
    language = await context.language()
    now = s.clock()
    next_at = next_sample_at(context.user_data.last_sample_at, now)
    if next_at is not None:
        await reply(update, context, language, "sample_alert_wait.html.j2", next_at=next_at)
        return
    context.user_data.last_sample_at = now
    picker = await s.residents.picker(update.effective_chat.id)
    words = {code: label(context, code, "sample_alert_text") for code in s.texts.languages}
    draft = sample_draft((d.id for d in picker.chosen), words)
    body = render_bodies(draft, s.city, s.texts)[language]
    await reply(update, context, language, "sample_alert.html.j2", body=body)
