"""The delivery engine: sends the database's queued alert work at the flood budget's pace.
The delivery guarantee (at least once) and how it holds: bot/delivery/__init__.py."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.clock import utc_now
from bot.delivery import worklist
from bot.delivery.expiry import Expiry
from bot.delivery.flood import BudgetClosed, FloodBudget, Priority
from bot.delivery.paid import PaidLane
from bot.delivery.quiet_hours import send_silently
from bot.delivery.rate_meter import RateMeter
from bot.delivery.recorder import OutcomeRecorder
from bot.delivery.retries import RetryPolicy
from bot.delivery.sender import (
    Button,
    PermanentFailure,
    RetryLater,
    Sender,
    SendError,
)
from bot.delivery.worklist import Failed, FollowupDone, Outcome, Retry, Sent
from bot.storage.database import Database
from bot.storage.jobs import DeliveryJob, FollowupJob, Job
from bot.vocabulary import QUIET_KINDS, FollowupKind, Severity

log = logging.getLogger(__name__)
# Copies claimed and not yet recorded (waiting for a slot, sending, or being recorded). At the
# free pace a handful would do. Paid, 1,000/s at about 0.1 s per copy (the answer plus its
# record) needs about 100: with 64, a slow answer kept a loaded machine at 0.77 of the limit.
IN_FLIGHT, IN_FLIGHT_PAID = 64, 128


class DeliveryEngine:
    """Background task: claims due work from the database, sends it through `sender`
    within `budget`, and records each outcome. `start()` in post_init, `stop()` in
    post_stop; `notify()` after queueing in this process (other processes' work is
    found by polling every `poll_interval` seconds)."""

    def __init__(
        self,
        db: Database,
        sender: Sender,
        budget: FloodBudget,
        clock: Callable[[], datetime] = utc_now,
        *,
        poll_interval: float = 0.5,
        max_in_flight: int | None = None,
        expiry: Expiry | None = None,
        retry_base: float = 2.0,
        retry_cap: float = 300.0,
        stop_grace: float = 2.0,
        rate_window: float = 10.0,
        paid: PaidLane | None = None,
        button_for: Callable[[int, str], Button | None] | None = None,
    ) -> None:
        self._db = db
        # the button under each copy of an alert: (alert id, language) -> Button
        self._button_for = button_for
        self._sender = sender
        self._budget = budget
        self._paid = paid
        self._clock = clock
        self._poll_interval = poll_interval
        if max_in_flight is None:
            max_in_flight = IN_FLIGHT_PAID if paid else IN_FLIGHT
        self._max_in_flight = max_in_flight
        self._min_claim = max(1, max_in_flight // 4)
        self._retries = RetryPolicy(clock, expiry or Expiry(), retry_base, retry_cap)
        self._stop_grace = stop_grace

        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._recorder = OutcomeRecorder(db, clock, poll_interval)
        self._tasks: dict[asyncio.Task, tuple] = {}
        self._calling: set[asyncio.Task] = set()
        self._meter = RateMeter(rate_window)
        self._dispatcher: asyncio.Task | None = None
        self._stopping = False

    @property
    def running(self) -> bool:
        return self._dispatcher is not None

    async def start(self) -> None:
        if self.running:
            return
        recovered = await worklist.recover(self._db)
        if recovered:
            log.warning("re-queued %d deliveries left in flight by the last run", recovered)
        self._recorder.start()
        self._dispatcher = asyncio.create_task(self._dispatch_loop(), name="delivery-dispatch")

    def close_budgets(self) -> None:
        """Stopping: sends still waiting for a slot (e.g. in a 429 pause) end at once."""
        self._budget.close()
        if self._paid is not None:
            self._paid.budget.close()

    def notify(self) -> None:
        """New work was queued: look now instead of at the next poll."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop promptly: sends waiting for the budget are dropped back to the queue, sends
        already with Telegram get `stop_grace` seconds, every known outcome is recorded.
        The dispatcher and writer are stopped between transactions, never cancelled in one."""
        if self._dispatcher is None:
            return
        self._stopping = True
        self._wake.set()
        self._room.set()
        await self._dispatcher
        self._dispatcher = None
        for task in list(self._tasks):
            if task not in self._calling:
                task.cancel()
        if self._tasks:
            _, late = await asyncio.wait(list(self._tasks), timeout=self._stop_grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._recorder.stop()
        await worklist.recover(self._db)
        self._stopping = False

    @property
    def current_rate(self) -> float | None:
        """Messages per second actually sent over the last `rate_window` seconds."""
        return self._meter.rate

    # The dispatcher: claim due work while there is room, start one task per job.

    async def _dispatch_loop(self) -> None:
        while not self._stopping:
            room = self._max_in_flight - len(self._tasks)
            if room < self._min_claim and self._tasks:
                self._room.clear()
                await self._room.wait()
                continue
            self._wake.clear()
            try:
                jobs = await worklist.claim(self._db, self._clock(), room)
            except Exception:
                log.exception("claiming deliveries failed; retrying")
                jobs = []
            if self._stopping:
                return  # claimed rows stay 'sending'; stop() re-queues them
            for job in jobs:
                self._start(job)
            if not jobs:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll_interval)

    def _start(self, job: Job) -> None:
        key = (type(job).__name__, job.alert_id, job.chat_id)
        if key in self._tasks.values():  # re-queued while its previous run is in flight
            self._recorder.add(
                Retry(job, self._clock() + timedelta(seconds=1), "still in flight", counted=False)
            )
            return
        task = asyncio.create_task(self._run(job))
        self._tasks[task] = key
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.pop(task, None)
        self._calling.discard(task)
        self._room.set()

    async def _run(self, job: Job) -> None:
        try:
            if isinstance(job, DeliveryJob):
                outcome = await self._deliver(job)
            else:
                outcome = await self._follow_up(job)
        except asyncio.CancelledError:
            raise  # the row stays 'sending'; recover() re-queues it
        except BudgetClosed:
            return  # stopping: as above
        except Exception as exc:
            log.exception("delivery job %r failed unexpectedly", job)
            outcome = self._retries.transient(job, f"internal error: {exc!r}")
        self._recorder.add(outcome)

    # One job: the sends and edits, and what their errors mean.

    async def _deliver(self, job: DeliveryJob) -> Outcome:
        try:
            message_id = await self._send(job, job.html, button=self._button(job))
        except SendError as error:
            return self._failure(job, error)
        self._retries.succeeded()
        return Sent(job.alert_id, job.chat_id, message_id, job.revision)

    async def _follow_up(self, job: FollowupJob) -> Outcome:
        edited, notice_id, note = job.edited, job.notice_message_id, None
        try:
            if not edited:
                try:
                    await self._edit(job)
                except PermanentFailure as exc:
                    if job.kind != FollowupKind.WITHDRAW:
                        return Failed(job, exc.reason)
                    note = f"edit: {exc.reason}"  # still send the notice
                edited = True
            if job.kind == FollowupKind.WITHDRAW and notice_id is None and job.notice_html:
                notice_id = await self._send(job, job.notice_html, reply_to=job.message_id)
        except SendError as error:
            return self._failure(job, error, edited, notice_id)
        return FollowupDone(job, notice_id, note)

    def _failure(
        self, job: Job, error: SendError, edited: bool = False, notice_id: int | None = None
    ) -> Outcome:
        """What a failed send or edit means (retries.py); Telegram's "wait" pauses every lane."""
        if isinstance(error, RetryLater):
            self._budget.pause(error.seconds)
            if self._paid is not None:
                self._paid.budget.pause(error.seconds)
        return self._retries.failure(job, error, edited, notice_id)

    def _button(self, job: Job) -> Button | None:
        if self._button_for is None or job.alert_kind in QUIET_KINDS:
            return None
        return self._button_for(job.alert_id, job.language)

    async def _send(
        self, job: Job, html: str, reply_to: int | None = None, button: Button | None = None
    ) -> int:
        priority = _priority(job)
        paid = self._paid is not None and self._paid.covers(job.urgent)
        return await self._call(
            priority,
            lambda silent: self._sender.send(
                job.chat_id,
                html,
                silent=silent,
                priority=priority,
                reply_to=reply_to,
                paid=paid,
                button=button,
            ),
            job.severity,
            quiet=job.alert_kind in QUIET_KINDS,  # office hours' notices and reminders never ring
            new_message_to=job.chat_id,
            paid=paid,
        )

    async def _edit(self, job: FollowupJob) -> None:
        """A new text keeps the alert's button; a withdrawn alert loses it."""
        priority = _priority(job)
        button = self._button(job) if job.kind != FollowupKind.WITHDRAW else None
        await self._call(
            priority,
            lambda _silent: self._sender.edit(
                job.chat_id, job.message_id, job.html, priority=priority, button=button
            ),
            job.severity,
        )

    async def _call(
        self,
        priority: Priority,
        request,
        severity: Severity,
        new_message_to: int | None = None,
        paid: bool = False,
        quiet: bool = False,
    ):
        """Wait for a slot, then make one API request (tracked so stop() can wait for it)."""
        budget = self._paid.budget if paid and self._paid is not None else self._budget
        await budget.acquire(priority, new_message_to)
        task = asyncio.current_task()
        self._calling.add(task)
        try:
            result = await request(quiet or send_silently(severity, self._clock()))
        finally:
            self._calling.discard(task)
        self._meter.tick()
        return result


def _priority(job: Job) -> Priority:
    return Priority.URGENT if job.urgent else Priority.BROADCAST
