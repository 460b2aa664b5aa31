"""Announcing a change of the office hours: the desk sees the residents' notice and how many
it reaches before it confirms; then the change is stored and the notice queued.

When it goes out: at once if the hour it concerns begins within two hours (she may be about
to set off); otherwise it keeps the quiet hours of alerts and waits until 07:00 rather than
arrive in the night."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.alerts.compose import AlertDraft
from bot.alerts.desk import AlertDesk, SendOutcome
from bot.city.model import Officer
from bot.city.officehours import Opening
from bot.clock import BERLIN
from bot.delivery.quiet_hours import quiet_until
from bot.office_hours import OfficeHoursDesk
from bot.vocabulary import HourChange

SOON = timedelta(hours=2)  # a change this close to its hour is sent even in the night


def announce_at(change: HourChange, now: datetime) -> datetime:
    """When the notice of a change entered `now` (UTC) goes out, in UTC."""
    begins = datetime.combine(change.day, change.start or time.min, tzinfo=BERLIN)
    if begins - now <= SOON:
        return now
    return quiet_until(now) or now


@dataclass(frozen=True)
class NoticePreview:
    """What the desk confirms: the notice as residents will read it, and whom it reaches."""

    officer: Officer
    change: HourChange
    next_opening: Opening | None
    notice: str  # in the desk's language, HTML
    recipients: int
    due: datetime  # UTC: when it goes out


@dataclass(frozen=True)
class Announcement:
    officer: Officer
    change: HourChange
    next_opening: Opening | None
    outcome: SendOutcome
    due: datetime  # UTC


class HoursNotices:
    """The office hours' desk and the alert desk together: preview, then store and queue."""

    def __init__(self, hours: OfficeHoursDesk, alerts: AlertDesk) -> None:
        self.hours, self.alerts = hours, alerts

    async def preview(self, change: HourChange, language: str) -> NoticePreview:
        officer = self.hours.area(change.area_id)
        following = await self.hours.next_with(officer, change)
        notice = self.alerts.hours_notice(language, officer, change, following)
        recipients = await self.alerts.recipients(AlertDraft(district_ids=officer.district_ids))
        due = announce_at(change, self.alerts.clock())
        return NoticePreview(officer, change, following, notice, recipients, due)

    async def announce(self, change: HourChange, admin_id: int) -> Announcement:
        """Store the change (checked before by the desk's builders) and queue its notice."""
        announced = await self.hours.enter(change)
        due = announce_at(change, self.alerts.clock())
        outcome = await self.alerts.announce_hours(
            announced.officer, change, announced.next_opening, admin_id, due
        )
        return Announcement(announced.officer, change, announced.next_opening, outcome, due)
