"""How many messages per second the engine actually sent over the last few seconds."""

from __future__ import annotations

import asyncio
from collections import deque


class RateMeter:
    """Counts sends in a sliding window of `window` seconds on the event loop's clock."""

    def __init__(self, window: float = 10.0) -> None:
        self._window = window
        self._times: deque[float] = deque()

    def tick(self) -> None:
        """One message went out now."""
        now = asyncio.get_running_loop().time()
        self._times.append(now)
        self._prune(now)

    @property
    def rate(self) -> float | None:
        """Messages per second over the window; None before the first send in it."""
        now = asyncio.get_running_loop().time()
        self._prune(now)
        if not self._times:
            return None
        return len(self._times) / min(self._window, max(1.0, now - self._times[0]))

    def _prune(self, now: float) -> None:
        while self._times and self._times[0] < now - self._window:
            self._times.popleft()
