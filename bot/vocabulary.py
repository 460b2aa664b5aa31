"""The alert domain's words as types: severity, the kinds of fraud (alert templates and
residents' reports share them), outbox order, states and the one transition table that
says which action may start from which state. A leaf module: it imports nothing
of the project, so storage, alerts, delivery and the front ends can all use it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any


class Severity(enum.StrEnum):
    """An alert's severity; the value is what the database and the command line use."""

    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"  # rings even in the quiet hours and goes before other alerts


SEVERITIES = tuple(Severity)


class ReportKind(enum.StrEnum):
    """The fraud patterns of the seeds. All but OTHER share their name with an alert
    template, so a spike opens the composer with the matching one."""

    FAKE_CITY_CALLER = "fake_city_caller"  # fake city hall or Stadtwarn staff
    SHOCK_CALL = "shock_call"
    FAKE_POLICE = "fake_police"
    FAKE_UTILITY_STAFF = "fake_utility_staff"  # at the door
    APPOINTMENT_RESALE = "appointment_resale"
    PHISHING = "phishing"
    INVESTMENT_FRAUD = "investment_fraud"
    OTHER = "other"

    @property
    def alert_template(self) -> str:
        return "free_text" if self is ReportKind.OTHER else self.value


class QueueOrder(enum.IntEnum):
    """Where an alert's copies stand in the outbox (stored in `priority`): lower goes first.
    The flood budget's lanes (bot/delivery/flood.py Priority) then order replies before both."""

    URGENT = 0
    NORMAL = 1

    @classmethod
    def of(cls, severity: str) -> QueueOrder:
        return cls.URGENT if severity == Severity.URGENT else cls.NORMAL


class TextRole(enum.StrEnum):
    """Which of an alert's texts (each stored per language)."""

    BODY = "body"  # the alert as residents get it
    WITHDRAWN = "withdrawn"  # what a delivered copy is edited to when the city withdraws it
    NOTICE = "notice"  # the short message sent after that edit


class FollowupKind(enum.StrEnum):
    """What is done to a copy already delivered."""

    EDIT = "edit"  # bring a delivered copy to the alert's current text
    WITHDRAW = "withdraw"  # edit it to the withdrawn text, then send the short notice


class AlertState(enum.StrEnum):
    """Where an alert stands (stored as its value)."""

    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class CopyState(enum.StrEnum):
    """Where one copy of an alert stands (a row of `deliveries`, stored as its value)."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    BLOCKED = "blocked"  # the resident blocked the bot: never tried again
    FAILED = "failed"
    WITHDRAWN = "withdrawn"  # not sent: the alert was withdrawn first


class FollowupState(enum.StrEnum):
    """Where an edit or withdrawal of a delivered copy stands (a row of `followups`)."""

    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    GONE = "gone"  # the chat cannot be reached any more


class AlertAction(enum.StrEnum):
    """What the comms desk can do to an alert."""

    DISCARD = "discard"
    APPROVE = "approve"
    QUEUE = "queue"
    UPDATE = "update"
    CANCEL = "cancel"


_BEFORE_QUEUEING = frozenset({AlertState.DRAFT, AlertState.AWAITING_APPROVAL})
_QUEUED_OR_LATER = frozenset({AlertState.QUEUED, AlertState.SENDING, AlertState.DONE})

# The one transition table: the states each action may start from. Storage checks it inside
# its transaction; the command line and Telegram ask it before they act, so both say the same.
STARTS_FROM: dict[AlertAction, frozenset[AlertState]] = {
    AlertAction.DISCARD: _BEFORE_QUEUEING,
    AlertAction.APPROVE: _BEFORE_QUEUEING,
    AlertAction.QUEUE: _BEFORE_QUEUEING,
    AlertAction.UPDATE: _QUEUED_OR_LATER,
    AlertAction.CANCEL: _BEFORE_QUEUEING | _QUEUED_OR_LATER,
}


class AlertInputError(ValueError):
    """Input the comms desk must correct; the message says what and how.

    `code` and `values` let a front end word it in its own language (the command line's
    error_<code> phrases); Telegram's composer uses "empty_free_text", "invisible_text",
    "too_long" (with `excess`, the characters to cut) and "not_author".
    """

    def __init__(self, message: str, *, code: str = "invalid", **values: Any) -> None:
        super().__init__(message)
        self.code = code
        self.values = values
        self.excess = int(values.get("excess", 0))


class AlertStateError(Exception):
    """The alert is not in a state that allows this step (e.g. queueing a cancelled alert).
    `code` and `values` let a front end word it (see AlertInputError)."""

    def __init__(self, message: str, *, code: str = "wrong_state", **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


class NoSuchAlert(AlertInputError, AlertStateError):
    """There is no alert with this id: the one error for it, whether the desk looked the
    alert up or a step checked its state (so it is caught as either)."""

    def __init__(self, alert_id: int) -> None:
        AlertInputError.__init__(
            self, f"there is no alert {alert_id}", code="no_alert", alert_id=alert_id
        )


def may(action: AlertAction, state: str) -> bool:
    """Whether `action` may start from `state`."""
    return state in STARTS_FROM[action]


def require(action: AlertAction, state: str | None, alert_id: int) -> None:
    """Raise AlertStateError unless `action` may start from `state` (None: no such alert)."""
    if state is None:
        raise NoSuchAlert(alert_id)
    if not may(action, state):
        raise AlertStateError(
            f"alert {alert_id} is {state}; it cannot {action}",
            alert_id=alert_id,
            state_name=state,
            action=str(action),
        )


# The alert kind of a change of office hours the city announces (bot/alerts/desk.py
# announce_hours): a quiet notice to the area's Ortsteile, without the "me too" button.
HOURS_NOTICE = "office_hours"
# The alert kind of the reminder the day before an office hour (bot/reminders.py): quiet,
# without the button, only to the area's residents who switched reminders on (/erinnerung).
HOURS_REMINDER = "office_hours_reminder"
# Kinds that never ring and carry no "me too" button.
QUIET_KINDS = frozenset({HOURS_NOTICE, HOURS_REMINDER})


@dataclass(frozen=True)
class HourChange:
    """A one-off change of an area's office hours that the comms desk announced: an hour
    cancelled on a day (`start` None: every hour of that day), an extra or moved hour on
    a day (`start`, `end`, `place`), or a substitute officer from `day` to `until` (the
    `substitute`'s name and `phone`; the hours stay). Dates and times are local
    (Europe/Berlin)."""

    area_id: str
    kind: str  # CANCELLED, EXTRA or SUBSTITUTE
    day: date
    start: time | None = None
    end: time | None = None
    place: str = ""
    note: str = ""
    entered_by: int = 0  # the admin's Telegram id; 0: the command line
    entered_at: datetime | None = None  # UTC
    until: date | None = None  # a substitute's last day
    substitute: str = ""
    phone: str = ""

    CANCELLED = "cancelled"
    EXTRA = "extra"
    SUBSTITUTE = "substitute"

    @property
    def last_day(self) -> date:
        return self.until or self.day
