"""/meldungen (/reports) for the comms desk: the last 7 days of residents' reports per
Ortsteil and kind, against the week before; the top numbers, the spikes, the newest notes."""

from __future__ import annotations

from telegram import Update

from bot.reports.subject import shown
from handlers.common import Context, kind_labels, reply

DAYS = 7


async def show(update: Update, context: Context) -> None:
    language = await context.language()
    overview = await context.services.reports.overview(DAYS)
    await reply(
        update,
        context,
        language,
        "admin_reports.html.j2",
        overview=overview,
        shown=shown,
        kind_label=kind_labels(context.services.texts, language),
    )
