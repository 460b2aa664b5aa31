"""The city comms desk: draft, preview, approve, queue, update and withdraw alerts.

One service for both front doors, the admin chat in Telegram and `python -m bot alert …`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from datetime import datetime

from bot.alerts import lifecycle
from bot.alerts.compose import (
    AlertDraft,
    AlertInputError,
    Withdrawal,
    followup_bodies,
    render_bodies,
    withdrawn_bodies,
)
from bot.alerts.progress import Progress, progress_from_counts
from bot.city.model import City, Officer
from bot.city.officehours import Opening
from bot.clock import Clock, utc_now
from bot.storage import Database, alerts, outbox, status_messages, subscribers
from bot.storage.alerts import Alert, NewAlert
from bot.storage.subscribers import SubscriberStats
from bot.texts import Texts
from bot.vocabulary import (
    HOURS_NOTICE,
    HOURS_REMINDER,
    AlertAction,
    AlertStateError,
    HourChange,
    NoSuchAlert,
    Severity,
    require,
)

CLI_ADMIN_ID = 0  # who the command line acts as in the alert records


@dataclass(frozen=True)
class SendOutcome:
    """After 'Senden' or an approval: queued to `recipients`, or still awaiting approvals."""

    alert_id: int
    queued: bool
    recipients: int
    approvals: int
    approvals_required: int


@dataclass
class AlertDesk:
    """Everything the comms desk does with alerts, on plain values."""

    db: Database
    city: City
    texts: Texts
    _: KW_ONLY
    approvals_required: int
    rate: float | None
    clock: Clock = utc_now
    notify: Callable[[], None] = lambda: None

    def preview(self, draft: AlertDraft) -> dict[str, str]:
        """The message in every language exactly as residents will get it."""
        return render_bodies(draft, self.city, self.texts)

    async def create(self, draft: AlertDraft, admin_id: int) -> int:
        """Validate, render and store a draft; returns its id."""
        new = NewAlert(
            kind=draft.kind,
            severity=draft.severity,
            district_ids=draft.district_ids,
            all_districts=draft.all_districts,
            bodies=self.preview(draft),
            created_by=admin_id,
            approvals_required=self.approvals_required,
            admin_text=draft.text.strip(),
            variables=dict(draft.variables),
            translations={k: v.strip() for k, v in draft.translations.items()},
        )
        return await lifecycle.create_draft(self.db, new, self.clock())

    async def announce_hours(
        self, officer: Officer, change: HourChange, following: Opening | None, admin_id: int,
        due: datetime | None = None,
    ) -> SendOutcome:  # fmt: skip
        """A change of the area's office hours that the desk confirmed: one quiet notice to
        the subscribers of every Ortsteil the area covers, through the outbox like an alert
        (at least once, paced, surviving a restart), in each resident's language; from
        `due` on (default: now)."""
        bodies = {
            language: self.hours_notice(language, officer, change, following)
            for language in self.texts.languages
        }
        return await self.announce_quietly(officer.district_ids, bodies, admin_id, due)

    def hours_notice(
        self, language: str, officer: Officer, change: HourChange, following: Opening | None
    ) -> str:
        """The notice of a change of the area's office hours, as residents read it."""
        return self.texts.render(language, "hours_notice.html.j2", officer=officer,
                                 change=change, next_opening=following)  # fmt: skip

    async def announce_quietly(
        self,
        district_ids: tuple[str, ...],
        bodies: dict[str, str],
        admin_id: int,
        due: datetime | None = None,
    ) -> SendOutcome:
        """A notice about the contact officers the desk confirmed (`bodies`: by language):
        quietly, without a vote button, to the subscribers of `district_ids`, through the
        outbox like an alert (kind HOURS_NOTICE), from `due` on (default: now)."""
        notice = NewAlert(
            kind=HOURS_NOTICE,
            severity=Severity.INFO,
            district_ids=district_ids,
            all_districts=False,
            bodies=bodies,
            created_by=admin_id,
            approvals_required=1,  # the desk confirmed the change and its preview
        )
        alert_id = await lifecycle.create_draft(self.db, notice, self.clock())
        return await self._approve(alert_id, admin_id, due)

    async def remind(
        self, officer: Officer, opening: Opening, substitute: HourChange | None = None
    ) -> int | None:
        """The reminder of one office hour of the area: one quiet message to the residents
        of its Ortsteile who switched reminders on, through the outbox like an alert, queued
        once however often it is asked for (None: it already was; else how many get it)."""
        bodies = {
            language: self.texts.render(language, "hours_reminder.html.j2", officer=officer,
                                        opening=opening, substitute=substitute)
            for language in self.texts.languages
        }  # fmt: skip
        reminder = NewAlert(
            kind=HOURS_REMINDER, severity=Severity.INFO, district_ids=officer.district_ids,
            all_districts=False, bodies=bodies, approvals_required=1,
            created_by=CLI_ADMIN_ID,  # the bot itself, by the office hours as published
        )  # fmt: skip
        now = self.clock()
        count = await lifecycle.queue_reminder(
            self.db, officer.area_id, opening.start, reminder, now
        )
        if count:
            self.notify()
        return count

    async def send(self, alert_id: int, admin_id: int) -> SendOutcome:
        """'Senden' by the author: their approval counts; queue once enough approvals exist."""
        return await self._approve(alert_id, admin_id)

    async def approve(self, alert_id: int, admin_id: int) -> SendOutcome:
        """A second admin approves (four-eyes rule): the author cannot approve their own."""
        alert = await self.get(alert_id)
        if alert.created_by == admin_id:
            raise AlertInputError(
                "a second admin must approve this alert, not its author", code="not_author"
            )
        return await self._approve(alert_id, admin_id)

    async def discard(self, alert_id: int) -> None:
        """'Abbrechen' before sending: the draft is deleted."""
        await lifecycle.discard(self.db, alert_id)

    def preview_update(
        self, alert: Alert, text: str, translations: dict[str, str] | None = None
    ) -> dict[str, str]:
        """The alert with a new text (and the desk's translations of it, if any), in every
        language, as every copy will read."""
        draft = self.draft_of(alert, text=text, translations=translations)
        return render_bodies(draft, self.city, self.texts, updated=True)

    def preview_cancel(self, alert: Alert) -> dict[str, str]:
        """What every delivered copy will read once the alert is withdrawn."""
        return withdrawn_bodies(self.withdrawal_of(alert), self.texts)

    async def update_text(
        self, alert_id: int, text: str, translations: dict[str, str] | None = None
    ) -> int:
        """New admin text: unsent copies get it, every delivered copy is edited. The old
        translations were of the old text: only `translations` given now go with it."""
        alert = await self.get(alert_id)
        draft = self.draft_of(alert, text=text, translations=translations)  # cleaned
        bodies = render_bodies(draft, self.city, self.texts, updated=True)
        copies = await lifecycle.update(
            self.db,
            alert_id,
            bodies,
            self.clock(),
            admin_text=draft.text.strip(),
            translations={k: v.strip() for k, v in draft.translations.items()},
        )
        self.notify()
        return copies

    async def cancel(self, alert_id: int, admin_id: int) -> int:
        """Entwarnung: unsent copies are dropped, delivered ones edited and followed up."""
        withdrawal = self.withdrawal_of(await self.get(alert_id))
        copies = await lifecycle.cancel(
            self.db,
            alert_id,
            withdrawn=withdrawn_bodies(withdrawal, self.texts),
            notices=followup_bodies(withdrawal, self.texts),
            cancelled_by=admin_id,
            now=self.clock(),
        )
        self.notify()
        return copies

    def withdrawal_of(self, alert: Alert) -> Withdrawal:
        names = tuple(self.city.district_name(d) for d in alert.district_ids)
        return Withdrawal(
            bodies=alert.bodies,
            kind=alert.kind,
            district_names=() if alert.all_districts else names,
            sent_at=alert.queued_at or alert.created_at,
        )

    async def get(self, alert_id: int) -> Alert:
        alert = await alerts.get(self.db.connection, alert_id)
        if alert is None:
            raise NoSuchAlert(alert_id)
        return alert

    async def updatable(self, alert_id: int) -> Alert:
        """The alert, if its text may still be changed; else AlertStateError/AlertInputError."""
        alert = await self.get(alert_id)
        require(AlertAction.UPDATE, alert.state, alert_id)
        return alert

    async def list(self, limit: int = 20) -> list[Alert]:
        return await alerts.newest(self.db.connection, limit=limit)

    async def recipients(self, draft: AlertDraft | Alert) -> int:
        """How many residents the alert would reach if queued now."""
        return await subscribers.count_recipients(
            self.db.connection, draft.district_ids, draft.all_districts
        )

    async def progress(self, alert_id: int, rate: float | None = None) -> Progress:
        counts = await outbox.counts(self.db.connection, alert_id)
        return progress_from_counts(alert_id, counts, rate or self.rate)

    async def remember_status_message(
        self, alert_id: int, chat_id: int, message_id: int, language: str
    ) -> None:
        """An admin's message that shows the alert's delivery (and its "me too" votes)."""
        async with self.db.transaction() as conn:
            await status_messages.save_status_message(conn, alert_id, chat_id, message_id, language)

    async def status_messages(self, alert_id: int) -> list[tuple[int, int, str]]:
        """(chat, message, language) of the admins' status messages of the alert."""
        return await status_messages.of_alert(self.db.connection, alert_id)

    async def stats(self) -> SubscriberStats:
        return await subscribers.stats(self.db.connection)

    def draft_of(
        self,
        alert: Alert,
        *,
        text: str | None = None,
        translations: dict[str, str] | None = None,
    ) -> AlertDraft:
        """The draft behind a stored alert, optionally with a new text (whose translations
        are `translations`: the stored ones belong to the stored text)."""
        if text is None:
            text, translations = alert.admin_text, dict(alert.translations)
        return AlertDraft(
            kind=alert.kind,
            severity=alert.severity,
            district_ids=alert.district_ids,
            all_districts=alert.all_districts,
            text=text,
            variables=dict(alert.variables),
            translations=dict(translations or {}),
        )

    async def _approve(
        self, alert_id: int, admin_id: int, due: datetime | None = None
    ) -> SendOutcome:
        """Approve and, once the approvals are complete, queue: one transaction."""
        now = self.clock()
        approval = await lifecycle.approve_and_queue(self.db, alert_id, admin_id, now, due)
        queued = approval.recipients is not None
        if queued:
            self.notify()
        recipients = approval.recipients or 0
        return SendOutcome(alert_id, queued, recipients, approval.approvals, approval.required)


__all__ = ["AlertDesk", "AlertInputError", "AlertStateError", "SendOutcome"]
