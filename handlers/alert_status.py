"""The live status message of a sent alert: edited while delivery runs, and afterwards (also
after a restart) whenever residents' "me too" votes come in (handlers/votes.py)."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from telegram.error import BadRequest
from telegram.ext import Application

from bot.alerts.progress import Progress
from bot.services import DiskFull, Services
from handlers.keyboards import desk as desk_keyboards

STATUS_INTERVAL = 1.0  # seconds between live status updates
STATUS_DUE = "alert_status_due"  # bot_data: ids of alerts whose status shows new votes soon


@dataclass(frozen=True)
class StatusMessage:
    """One admin's status message of one alert, in that admin's language."""

    chat_id: int
    message_id: int
    language: str
    alert_id: int

    async def text(self, s: Services, progress: Progress) -> str:
        votes = await s.reports.votes(self.alert_id)
        return s.texts.render(self.language, "admin_status.html.j2", p=progress, votes=votes)

    async def show(self, application: Application, s: Services, text: str) -> None:
        buttons = desk_keyboards.sent_alert(s.texts, self.language, self.alert_id)
        with contextlib.suppress(BadRequest):  # e.g. the admin deleted the message
            await application.bot.edit_message_text(
                text, self.chat_id, self.message_id, reply_markup=buttons
            )


async def follow_status(application: Application, s: Services, status: StatusMessage) -> None:
    """Edit the admin's status message until delivery ends (or the bot stops); afterwards,
    also after a restart, residents' "me too" votes update it (handlers/votes.py)."""
    with contextlib.suppress(DiskFull):  # then only the votes after delivery go unshown
        await s.desk.remember_status_message(
            status.alert_id, status.chat_id, status.message_id, status.language
        )
    last = None
    while True:
        progress = await s.desk.progress(status.alert_id, rate=s.engine.current_rate)
        text = await status.text(s, progress)
        if text != last:
            await status.show(application, s, text)
            last = text
        if progress.finished or not application.running:
            return
        await asyncio.sleep(STATUS_INTERVAL)


def refresh_status(application: Application, s: Services, alert_id: int) -> None:
    """Show a "me too" vote in the admins' status messages of the alert: within
    STATUS_INTERVAL, with the votes that came in meanwhile (one edit, not one per vote:
    Telegram limits edits like messages)."""
    due = application.bot_data.setdefault(STATUS_DUE, set())
    if alert_id in due:
        return
    due.add(alert_id)
    application.create_task(
        _refresh_soon(application, s, alert_id, due), name=f"alert-status-votes-{alert_id}"
    )


async def _refresh_soon(application: Application, s: Services, alert_id: int, due: set) -> None:
    await asyncio.sleep(STATUS_INTERVAL)
    due.discard(alert_id)  # a vote from now on is shown by the next refresh
    progress = await s.desk.progress(alert_id, rate=s.engine.current_rate)
    for chat_id, message_id, language in await s.desk.status_messages(alert_id):
        status = StatusMessage(chat_id, message_id, language, alert_id)
        await status.show(application, s, await status.text(s, progress))
