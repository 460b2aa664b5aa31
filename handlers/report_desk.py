"""/meldungen (/reports) for the comms desk: the last 7 days of residents' reports per
Ortsteil and kind, against the week before; the spikes, the top numbers, the newest notes;
cut to fit one message (bot/reports/overview.py says what goes first)."""

from __future__ import annotations

from telegram import Update

from bot.reports import overview as view
from handlers.common import Context

DAYS = 7


async def show(update: Update, context: Context) -> None:
    s = context.services
    language = await context.language()
    overview = await s.reports.overview(DAYS, notes=view.NOTES)
    html = s.texts.render_parts(
        language,
        "admin_reports.html.j2",
        view.overview_parts(overview),
        overview=overview,
        shown=view.subject_label,
    )
    await context.bot.send_message(update.effective_chat.id, html)
