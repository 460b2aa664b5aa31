"""A token bucket standing in for Telegram's global flood control."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class TokenBucket:
    """Capacity = rate (one second of burst), refilled at `rate` tokens per second."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(rate, 1.0)
        self._clock = clock
        self._tokens = self.capacity
        self._updated = clock()

    def try_take(self) -> int:
        """Take one token; return 0 on success, else the whole seconds to wait (at least 1)."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0
        return max(1, math.ceil((1.0 - self._tokens) / self.rate))
