"""What a failed send or edit means for its job: wait and try again (with backoff, until the
alert expires), give up, or the recipient is gone. The engine pauses its budgets itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.delivery.expiry import Expiry
from bot.delivery.outage_log import OutageLog
from bot.delivery.sender import PermanentFailure, RecipientGone, RetryLater, SendError
from bot.delivery.worklist import Failed, Gone, Outcome, Retry
from bot.storage.jobs import Job


class RetryPolicy:
    """Backoff from `retry_base` seconds, doubling up to `retry_cap`, until `expiry`."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        expiry: Expiry,
        retry_base: float,
        retry_cap: float,
    ) -> None:
        self._clock = clock
        self._expiry = expiry
        self._retry_base = retry_base
        self._retry_cap = retry_cap
        self._outage_log = OutageLog()

    def succeeded(self) -> None:
        """A send went through: an outage, if any, is over."""
        self._outage_log.succeeded()

    def failure(
        self, job: Job, error: SendError, edited: bool = False, notice_id: int | None = None
    ) -> Outcome:
        """The outcome of a failed step (steps done so far are kept). A RetryLater is tried
        again at once, not counted: the caller pauses its budgets for `error.seconds`."""
        match error:
            case RetryLater():
                return Retry(job, self._clock(), error.reason, False, edited, notice_id)
            case RecipientGone():
                return Gone(job.chat_id, error.reason)
            case PermanentFailure():
                return Failed(job, error.reason)
        self._outage_log.failed(error.reason)
        return self.transient(job, error.reason, edited, notice_id)

    def transient(
        self, job: Job, reason: str, edited: bool = False, notice_id: int | None = None
    ) -> Outcome:
        """Try again later, or give up once the alert has expired."""
        attempts, now = job.attempts + 1, self._clock()
        if self._expiry.expired(job.severity, job.queued_at, now):
            hours = self._expiry.of(job.severity).total_seconds() / 3600
            return Failed(job, f"{reason} (expired: tried for {hours:g} h, {attempts} attempts)")
        delay = min(self._retry_cap, self._retry_base * 2 ** min(attempts - 1, 30))
        next_at = now + timedelta(seconds=delay)
        return Retry(job, next_at, reason, True, edited, notice_id)
