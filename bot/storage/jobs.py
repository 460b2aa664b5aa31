"""What the outbox hands the delivery engine: one job per copy to send or follow-up to do,
and an alert's copies counted per state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.vocabulary import CopyState, FollowupKind, FollowupState, Severity


@dataclass(frozen=True)
class DeliveryJob:
    """Send the alert to one chat."""

    alert_id: int
    chat_id: int
    severity: Severity
    language: str
    html: str
    revision: int
    attempts: int
    queued_at: datetime | None  # the alert's: when its tries expire counts from here
    alert_kind: str = ""  # the alert's kind: HOURS_NOTICE goes quietly, without a button

    @property
    def urgent(self) -> bool:
        return self.severity == Severity.URGENT


@dataclass(frozen=True)
class FollowupJob:
    """Edit one delivered copy, or withdraw it (edit, then the notice).
    `edited`/`notice_message_id` record the steps already done."""

    alert_id: int
    chat_id: int
    kind: FollowupKind
    severity: Severity
    language: str
    message_id: int
    html: str
    notice_html: str | None
    revision: int
    edited: bool
    notice_message_id: int | None
    attempts: int
    queued_at: datetime | None
    alert_kind: str = ""

    @property
    def urgent(self) -> bool:
        return self.severity == Severity.URGENT


Job = DeliveryJob | FollowupJob


@dataclass(frozen=True)
class DeliveryCounts:
    """Per-state counts of one alert's deliveries and follow-ups, and failure reasons."""

    by_state: dict[CopyState, int]
    reasons: dict[tuple[CopyState, str], int]
    followups_by_state: dict[FollowupState, int] = field(default_factory=dict)
    waiting: int = 0  # copies not yet sent whose last try failed (they are tried again)

    @property
    def total(self) -> int:
        return sum(self.by_state.values())

    def __getitem__(self, state: CopyState) -> int:
        return self.by_state.get(state, 0)

    def followups(self, state: FollowupState) -> int:
        return self.followups_by_state.get(state, 0)
