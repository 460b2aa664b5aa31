"""/test: a clearly marked sample alert, so a resident sees (and hears) how a warning looks.
One per chat per hour (kept in memory only); it is no alert: nothing is stored or counted."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.alerts.compose import AlertDraft, render_bodies
from handlers.common import Context, label, reply

EVERY = timedelta(hours=1)
LAST_SAMPLE = "sample_alert_at"  # in user_data


async def sample(update: Update, context: Context) -> None:
    s = context.services
    language = await context.language()
    now = s.clock()
    last = context.user_data.get(LAST_SAMPLE)
    if last is not None and now - last < EVERY:
        await reply(update, context, language, "sample_alert_wait.html.j2", next_at=last + EVERY)
        return
    context.user_data[LAST_SAMPLE] = now
    picker = await s.residents.picker(update.effective_chat.id)
    draft = AlertDraft(
        kind="fake_city_caller",
        severity="warning",
        district_ids=tuple(d.id for d in picker.chosen),
        all_districts=not picker.chosen,
        text=label(context, language, "sample_alert_text"),
    )
    body = render_bodies(draft, s.city, s.texts)[language]
    await reply(update, context, language, "sample_alert.html.j2", body=body)
