"""What the bot keeps in memory about one user or chat between two updates (PTB's `user_data`
and `chat_data`, typed as in PTB's examples/contexttypesbot.py). Nothing here is stored on
disk: a restart forgets it, as the privacy notice promises.

One field per flow, so that a reader sees every piece of conversation state in one place and
no handler reaches into a dict with a string key (tests/test_architecture.py checks it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the flows' own types; they import this module for the context
    from bot.alerts.compose import AlertDraft
    from bot.numbercheck.guided import GuidedAnswers
    from bot.vocabulary import HourChange
    from handlers.alert_compose import Step as ComposerStep
    from handlers.report import ReportFlow


@dataclass(frozen=True)
class CheckedSubject:
    """The number or site the check last answered about, for the Melden button under it."""

    value: str
    display: str
    official: bool


@dataclass(frozen=True)
class AlertUpdate:
    """'Text ändern' under a sent alert: its id, and the new text once typed (nothing is
    stored before the admin says yes). Also the flow's step: no text yet, it waits for one."""

    alert_id: int
    text: str | None = None


@dataclass(frozen=True)
class HoursTyping:
    """The desk types an extra office hour ("add") or a substitute ("substitute") for an
    area (handlers/hours_desk.py)."""

    area_id: str
    kind: str


@dataclass
class UserData:
    """One user's conversation state, one field per flow."""

    guided_check: GuidedAnswers | None = None  # between the guided check's step 2 and the number
    report: ReportFlow | None = None  # while a report is being put together
    checked_subject: CheckedSubject | None = None  # the last check's number, for "Melden"
    composer_step: ComposerStep | None = None  # where the composer waits; None: closed
    alert_draft: AlertDraft | None = None  # while composing; nothing is stored before preview
    changing_alert: bool = False  # after "Ändern": each step goes back to the preview
    translating_into: str | None = None  # the language whose translation the composer awaits
    alert_update: AlertUpdate | None = None
    last_sample_at: datetime | None = None  # /test: when the user had the last sample alert
    hours_typing: HoursTyping | None = None  # what of which area the desk types now
    hours_pending: HourChange | None = None  # previewed, stored only on "Speichern und senden"


@dataclass
class ChatData:
    """One chat's state: the language it chose before anything is stored about it. It is
    stored with the chat's first Ortsteil, so choosing a language alone stores nothing."""

    chosen_language: str | None = None
