"""Telegram's flood control as the stand-in models it: strict by default, lenient on request.

Strict (`StrictFloodControl`), the strictest plausible reading of Telegram's rules:
* global: at most `per_second` message requests (sends, edits, deletes) in ANY sliding
  1-second window, counted when they arrive; an even pace of exactly `per_second` already
  crosses it;
* per chat: new messages in one chat at one per `chat_interval` seconds after a burst of
  `chat_burst` (Telegram's FAQ: "no more than one message per second" in a chat);
* paid broadcasts (`allow_paid_broadcast`): at most `paid_per_second` requests in any sliding
  second, counting every request, paid or not; free requests still keep to `per_second`
  among themselves;
* a bot that keeps tripping gets a longer `retry_after` each time (doubling per 429 in the
  last minute, up to 32 x).
Lenient (`LenientTokenBucket`): a token bucket with one second of burst, the stand-in's old
model; it lets through what the strict one rejects and is kept only for comparison.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

Clock = Callable[[], float]
WINDOW = 1.0  # seconds: Telegram's "per second"
STRIKE_MEMORY = 60.0  # seconds a 429 counts towards a longer retry_after
MAX_GROWTH = 32


class FloodControl(Protocol):
    def check(self, chat_id: int | None, new_message: bool, paid: bool = False) -> int:
        """Count the request; 0 if allowed, else the `retry_after` seconds to answer."""


@dataclass(frozen=True)
class FloodRules:
    """What `FakeTelegram.set_rate_limit` configures."""

    per_second: float = 30.0
    lenient: bool = False
    chat_burst: int | None = 3  # None: no per-chat rule
    chat_interval: float = 1.0
    paid_per_second: float = 1000.0
    jitter: tuple[float, float] | None = None  # uplink delay range in seconds

    def control(self, clock: Clock = time.monotonic) -> FloodControl:
        if self.lenient:
            return LenientTokenBucket(self.per_second, clock)
        return StrictFloodControl(self, clock)


class StrictFloodControl:
    def __init__(self, rules: FloodRules, clock: Clock = time.monotonic) -> None:
        if rules.per_second <= 0:
            raise ValueError("per_second must be positive")
        self._limit = max(1, math.floor(rules.per_second))
        self._paid_limit = max(1, math.floor(rules.paid_per_second))
        self._rules = rules
        self._clock = clock
        self._arrivals: deque[float] = deque()  # accepted free requests of the last WINDOW
        self._all: deque[float] = deque()  # accepted requests of the last WINDOW, paid or not
        self._chats: dict[int, tuple[float, float]] = {}  # chat -> (tokens, updated)
        self._strikes: deque[float] = deque()

    def check(self, chat_id: int | None, new_message: bool, paid: bool = False) -> int:
        now = self._clock()
        for window in (self._arrivals, self._all):
            while window and window[0] <= now - WINDOW:
                window.popleft()
        window, limit = (self._all, self._paid_limit) if paid else (self._arrivals, self._limit)
        if len(window) >= limit:
            return self._strike(now, window[0] + WINDOW - now)
        if len(self._all) >= self._paid_limit:
            return self._strike(now, self._all[0] + WINDOW - now)
        if new_message and chat_id is not None and self._rules.chat_burst is not None:
            wait = self._take_chat_token(chat_id, now)
            if wait > 0:
                return self._strike(now, wait)
        if not paid:
            self._arrivals.append(now)
        self._all.append(now)
        return 0

    def _take_chat_token(self, chat_id: int, now: float) -> float:
        burst, interval = self._rules.chat_burst, self._rules.chat_interval
        tokens, updated = self._chats.get(chat_id, (float(burst), now))
        tokens = min(float(burst), tokens + (now - updated) / interval)
        if tokens < 1.0:
            self._chats[chat_id] = (tokens, now)
            return (1.0 - tokens) * interval
        self._chats[chat_id] = (tokens - 1.0, now)
        return 0.0

    def _strike(self, now: float, wait: float) -> int:
        while self._strikes and self._strikes[0] <= now - STRIKE_MEMORY:
            self._strikes.popleft()
        self._strikes.append(now)
        growth = min(MAX_GROWTH, 2 ** (len(self._strikes) - 1))
        return max(1, math.ceil(wait)) * growth


class LenientTokenBucket:
    """Capacity = rate (one second of burst), refilled at `rate` tokens per second."""

    def __init__(self, rate: float, clock: Clock = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(rate, 1.0)
        self._clock = clock
        self._tokens = self.capacity
        self._updated = clock()

    def check(
        self, chat_id: int | None = None, new_message: bool = False, paid: bool = False
    ) -> int:
        """Take one token; return 0 on success, else the whole seconds to wait (at least 1)."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0
        return max(1, math.ceil((1.0 - self._tokens) / self.rate))
