"""The task that queues the reminders of office hours when they fall due: it wakes at the
next reminder moment by the injected clock, and at least every `check_every` seconds of real
time (a test that moves its clock, another process that entered a change) or when nudged.
Each office hour is queued once (bot/storage/reminders.py records it in the same transaction),
so a restart or a crash neither loses nor repeats one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from bot.alerts.desk import AlertDesk
from bot.city.model import City
from bot.clock import BERLIN, Clock, utc_now
from bot.reminders.due import plan
from bot.storage import Database, hour_changes, reminders
from bot.storage.database import DiskFull

log = logging.getLogger(__name__)

CHECK_EVERY = 5.0  # seconds of real time between checks at most
KEEP_RECORDS = timedelta(days=7)  # how long a reminded office hour is remembered after it


class ReminderLoop:
    """`start()` with the bot, `close()` when it stops; `check()` does one round."""

    def __init__(
        self,
        db: Database,
        city: City,
        desk: AlertDesk,
        clock: Clock = utc_now,
        *,
        check_every: float = CHECK_EVERY,
    ) -> None:
        self._db, self._city, self._desk, self._clock = db, city, desk, clock
        self._check_every = check_every
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.last_checked: datetime | None = None  # the clock's time of the last round

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="office-hour-reminders")

    def nudge(self) -> None:
        """Check now (the clock moved, the hours changed)."""
        self._wake.set()

    async def close(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def check(self) -> datetime | None:
        """Queue every reminder due now; return the next reminder moment."""
        now = self._clock()
        today = now.astimezone(BERLIN).date()
        changes = await hour_changes.from_day(self._db.connection, today)
        found = plan(self._city.officers, now, self._city.holiday_subdivision, changes)
        for due in found.due:
            count = await self._desk.remind(due.officer, due.opening, due.substitute)
            if count is not None:
                log.info(
                    "reminder of %s %s queued to %d residents",
                    due.officer.area_id, due.opening.start.isoformat(), count,
                )  # fmt: skip
        if found.due:
            async with self._db.transaction() as conn:
                await reminders.forget_before(conn, now - KEEP_RECORDS)
        self.last_checked = now
        return found.next_at

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            wait = self._check_every
            try:
                next_at = await self.check()
            except DiskFull:  # an expected condition: the bot's own watch ends it if it stays
                log.warning("the reminders of office hours wait: the disk is full")
            except Exception:
                log.warning("checking the reminders of office hours failed", exc_info=True)
            else:
                if next_at is not None:
                    until = (next_at - self._clock()).total_seconds()
                    wait = min(wait, max(until, 0.0))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)
