"""One shared flood budget: even pacing, priority lanes and 429 pauses that never shrink."""

from __future__ import annotations

import asyncio
from collections import deque
from enum import IntEnum

DEFAULT_RATE = 30.0
MAX_RATE = 1000.0
LATENESS_TOLERANCE = 0.005  # seconds a granted slot may be late and still count as on time


class Priority(IntEnum):
    """Lanes of the budget; a lower value always goes first. Values are truthy on purpose
    (PTB drops falsy `rate_limit_args`)."""

    REPLY = 1
    URGENT = 2
    BROADCAST = 3


class FloodBudget:
    """Grants send slots at an even `rate` per second (GCRA, no bursts), replies first.

    Every message the bot sends takes one slot: `await budget.acquire(priority)`.
    `pause(seconds)` stops all granting until now + seconds (after a 429); a later, shorter
    pause never shortens a running one.
    `rate=None` switches pacing off (pauses still apply).
    """

    def __init__(self, rate: float | None = DEFAULT_RATE) -> None:
        self._rate: float | None = None
        self._interval = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self.rate = rate
        # Theoretical arrival time of the next slot and the end of a 429 pause, in loop time.
        self._next_slot_at = 0.0
        self._paused_until = 0.0
        self._lanes: dict[Priority, deque[asyncio.Future[None]]] = {p: deque() for p in Priority}

    @property
    def rate(self) -> float | None:
        return self._rate

    @rate.setter
    def rate(self, value: float | None) -> None:
        if value is not None and not 0 < value <= MAX_RATE:
            raise ValueError(f"rate must be between 0 and {MAX_RATE} messages/s, got {value}")
        self._rate = value
        self._interval = 0.0 if value is None else 1.0 / value
        if self._timer is not None:
            self._grant_due()

    @property
    def paused_for(self) -> float:
        """Seconds left of the current 429 pause (0 when not paused)."""
        return max(0.0, self._paused_until - self._now())

    @property
    def waiting(self) -> int:
        return sum(1 for lane in self._lanes.values() for f in lane if not f.done())

    def pause(self, seconds: float) -> None:
        """Stop all sending until now + seconds; never shortens a pause already running."""
        until = self._now() + max(0.0, float(seconds))
        if until > self._paused_until:
            self._paused_until = until
            if self._timer is not None:
                self._grant_due()

    async def acquire(self, priority: Priority = Priority.REPLY) -> None:
        """Wait for this message's slot. Waiting higher lanes are always served first."""
        if not self._has_waiters() and self._ready_at() <= self._now():
            self._take_slot()
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._lanes[Priority(priority)].append(future)
        self._grant_due()
        await future

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    def _ready_at(self) -> float:
        return max(self._next_slot_at, self._paused_until)

    def _take_slot(self) -> None:
        # Keep to the schedule when a timer fires a little late, so those delays do not add
        # up to a lower rate; after idle time the schedule starts again from now.
        now = self._now()
        late = now - self._next_slot_at
        start = self._next_slot_at if late <= LATENESS_TOLERANCE else now
        self._next_slot_at = start + self._interval

    def _has_waiters(self) -> bool:
        return any(self._lanes.values())

    def _next_waiter(self) -> asyncio.Future[None] | None:
        for priority in Priority:
            lane = self._lanes[priority]
            while lane:
                future = lane.popleft()
                if not future.done():
                    return future
        return None

    def _grant_due(self) -> None:
        """Grant every slot that is due now, then sleep until the next one is."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        while self._has_waiters():
            ready_at = self._ready_at()
            if ready_at > self._now():
                loop = asyncio.get_running_loop()
                self._timer = loop.call_at(ready_at, self._on_timer)
                return
            future = self._next_waiter()
            if future is None:
                return
            self._take_slot()
            future.set_result(None)

    def _on_timer(self) -> None:
        self._timer = None
        self._grant_due()
