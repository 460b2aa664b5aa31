"""/warnungen (/warnings): the alerts of the last 30 days for the resident's districts."""

from telegram import Update

from handlers.common import Context, reply


async def recent(update: Update, context: Context) -> None:
    s = context.services
    language = await context.language()
    alerts = await s.residents.recent_alerts(update.effective_chat.id)
    if alerts is None:
        await reply(update, context, language, "officers_none.html.j2")
        return
    text = s.texts.render_fitting(language, "warnings_list.html.j2", "alerts", alerts)
    await context.bot.send_message(update.effective_chat.id, text)
