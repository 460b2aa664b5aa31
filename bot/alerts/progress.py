"""How far an alert has got: counts per outcome and an estimate of the time left."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.jobs import DeliveryCounts
from bot.vocabulary import CopyState, FollowupState


@dataclass(frozen=True)
class Progress:
    alert_id: int
    total: int
    sent: int
    pending: int
    waiting: int  # of pending: the last try failed (Telegram unreachable); tried again
    blocked: int
    failed: int
    withdrawn: int
    followups_pending: int
    followups_done: int
    followups_failed: int
    rate: float | None
    eta_seconds: float | None
    reasons: dict[tuple[CopyState, str], int]

    @property
    def finished(self) -> bool:
        return self.pending == 0 and self.followups_pending == 0


def progress_from_counts(alert_id: int, counts: DeliveryCounts, rate: float | None) -> Progress:
    """`rate`: messages per second to base the ETA on (None: unknown, no ETA)."""
    pending = counts[CopyState.QUEUED] + counts[CopyState.SENDING]
    followups_pending = counts.followups(FollowupState.QUEUED) + counts.followups(
        FollowupState.SENDING
    )
    eta = None
    if rate:
        eta = (pending + followups_pending) / rate
    return Progress(
        alert_id=alert_id,
        total=counts.total,
        sent=counts[CopyState.SENT],
        pending=pending,
        waiting=counts.waiting,
        blocked=counts[CopyState.BLOCKED],
        failed=counts[CopyState.FAILED],
        withdrawn=counts[CopyState.WITHDRAWN],
        followups_pending=followups_pending,
        followups_done=counts.followups(FollowupState.DONE),
        followups_failed=counts.followups(FollowupState.FAILED)
        + counts.followups(FollowupState.GONE),
        rate=rate,
        eta_seconds=eta,
        reasons=dict(counts.reasons),
    )
