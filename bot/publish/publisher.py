"""Keeps the public site current while the bot runs (`STADTWARN_PUBLIC_DIR`): a small task
that looks once a second at a cheap "last change" of the alerts (the command line's changes
come through the database too), is woken at once by the comms desk, and rewrites the site
when it changed or an alert expired. Rendering and writing run in a worker thread, so
residents are never kept waiting.

A failed write (a read-only folder, a full disk) is one clear log line, said again only when
the reason changes; the bot goes on, and the next change or a retry 10 s later writes the
whole site again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import Clock
from bot.publish.setup import SiteSetup
from bot.publish.site import read_snapshot, write_site
from bot.storage import Database
from bot.storage.public import last_change

log = logging.getLogger(__name__)

LOOK_EVERY = 1.0  # seconds between looks at the last change
RETRY_AFTER = 10.0  # seconds after a failed write


class Publisher:
    def __init__(
        self,
        db: Database,
        setup: SiteSetup,
        out: Path,
        *,
        clock: Clock,
        lasts: Callable[[str], timedelta],
    ) -> None:
        self.db, self.setup, self.out = db, setup, out
        self.clock, self.lasts = clock, lasts
        self._woken = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._written: tuple | None = None  # the last change the site on disk shows
        self._expiry: datetime | None = None  # when the next current alert expires
        self._retry_at: float | None = None  # monotonic time of a retry after a failure
        self._failure = ""
        self.rewrites = 0  # how often the site was written
        self.failures = 0  # how often writing it failed

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="public-site")

    def wake(self) -> None:
        """Something changed: look now, not at the next second."""
        self._woken.set()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        woken = True  # the first round writes the site as it is now
        while True:
            try:
                await self._once(woken)
            except asyncio.CancelledError:
                raise
            except Exception:  # never let the site take the bot down
                log.exception("public site: could not be written")
                self._retry_at = time.monotonic() + RETRY_AFTER
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), LOOK_EVERY)
            woken = self._woken.is_set()
            self._woken.clear()

    async def _once(self, woken: bool) -> None:
        """Write the site if the desk woke us, the alerts changed, one expired, or a failed
        write is due again."""
        change = await last_change(self.db.connection)
        now = self.clock()
        expired = self._expiry is not None and now >= self._expiry
        retry = self._retry_at is not None and time.monotonic() >= self._retry_at
        if not woken and change == self._written and not expired and not retry:
            return
        snapshot = await read_snapshot(self.db.connection, self.setup, now, self.lasts)
        try:
            written = await asyncio.to_thread(write_site, self.out, snapshot, self.setup)
        except OSError as error:
            self._failed(error)
            return
        if self._failure:
            log.info("public site: written again to %s", self.out)
        self._written, self._failure, self._retry_at = change, "", None
        self._expiry = snapshot.next_expiry()
        self.rewrites += 1
        log.debug("public site: %d of %d files written", written.changed, written.files)

    def _failed(self, error: OSError) -> None:
        self.failures += 1
        reason = f"{error.strerror or error} ({error.filename or self.out})"
        if reason != self._failure:
            log.error(
                "public site: cannot write to %s: %s; the bot goes on, and tries again",
                self.out,
                reason,
            )
        self._failure = reason
        self._retry_at = time.monotonic() + RETRY_AFTER
