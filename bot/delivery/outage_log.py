"""While Telegram cannot be reached, the log says so once every `interval` seconds with
counts, instead of once per failed send; and once when it works again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

INTERVAL = 10.0  # seconds between lines while an outage lasts


class OutageLog:
    def __init__(self, clock: Callable[[], float] = time.monotonic, interval: float = INTERVAL):
        self._clock = clock
        self._interval = interval
        self._since: float | None = None  # the first failure of the current outage
        self._logged_at = 0.0
        self._failures = 0

    def failed(self, reason: str) -> None:
        """A send failed for a reason that may pass (network, 5xx, timeout)."""
        now = self._clock()
        if self._since is None:
            self._since, self._failures, self._logged_at = now, 0, now - self._interval
        self._failures += 1
        if now - self._logged_at >= self._interval:
            log.warning(
                "Telegram unreachable for %d s (%s): %d sends failed so far; every copy is "
                "tried again until its alert expires",
                now - self._since,
                reason,
                self._failures,
            )
            self._logged_at = now

    def succeeded(self) -> None:
        if self._since is None:
            return
        log.warning(
            "Telegram reachable again after %d s; %d sends had failed and are being retried",
            self._clock() - self._since,
            self._failures,
        )
        self._since = None
