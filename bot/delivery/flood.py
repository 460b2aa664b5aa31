"""One shared flood budget that keeps under Telegram's strictest reading of its limits.

* Global: an even pace of `rate / (1 s + margin)` (margin 60 ms: 50 ms of uplink jitter
  plus 10 ms of our own; each 429 widens it by 10 ms, up to 100 ms), and a ledger that
  never lets `rate + 1` requests reach Telegram within one second (below).
* Per chat: new messages to one chat at most `CHAT_BURST` at once, then one per 1 s plus
  our own 10 ms, each counted until its answer like the ledger's slots (chat_pace.py;
  Telegram's FAQ asks for about one a second in a chat).
* After a 429: everything waits out `retry_after` (a later, shorter pause never shortens
  it), then resumes at 0.85 of the pace, which recovers over `RECOVERY_SECONDS`, never as a
  burst.
* The ledger counts each slot until its request is answered: `in_flight()` re-stamps the
  slot the running task was granted when its request leaves and again when the answer is
  back. Telegram counted it somewhere in between, so however late (up to 1 s) the network
  or a busy event loop delivers it, the grant `rate` slots later waits a whole second (plus
  our own 10 ms) from the answer. A request not answered within `FLIGHT_CAP` (slots.py, 1 s)
  counts as arrived by then, so one hung request cannot stall all sending. Answers come back
  out of order, so the ledger keeps its slots in order of when each stops counting: a late
  answer holds up only its own slot, not the ones answered before it.
* On start: the previous process may have sent at full pace until a moment ago, so the ledger
  starts full and sending continues at the even pace instead of with a burst.
* Replies go first, then urgent alerts, then broadcasts; a chat that must wait never holds up
  other chats.
"""

from __future__ import annotations

import asyncio
from collections import deque
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import IntEnum

from bot.delivery.chat_pace import ChatPace
from bot.delivery.slots import Ledger, Slot, flight, granted

DEFAULT_RATE = 30.0
MAX_RATE = 1000.0
UPLINK_JITTER = 0.050  # seconds a request may take to reach Telegram, beyond our own delays
DEFAULT_MARGIN = UPLINK_JITTER + 0.010  # seconds: uplink jitter plus 10 ms of our own
MARGIN_STEP, MAX_MARGIN = 0.010, 0.100  # each 429 widens the margin by a step, up to the max
SLOWDOWN = 0.85  # pace factor right after a 429
MIN_FACTOR = 0.25
RECOVERY_SECONDS = 15.0  # back to the full pace this long after the last 429
# Seconds a granted slot may be late and still count as on time: the schedule catches up
# (the ledger still keeps any window at the limit), so a busy event loop costs no throughput.
LATENESS_TOLERANCE = 0.05


class BudgetClosed(Exception):
    """The bot is stopping: no more slots; a send still waiting ends at once, unsent."""


class Priority(IntEnum):
    """Lanes of the budget; a lower value always goes first. Values are truthy on purpose
    (PTB drops falsy `rate_limit_args`)."""

    REPLY = 1
    URGENT = 2
    BROADCAST = 3


@dataclass(eq=False)
class _Waiter:
    future: asyncio.Future[Slot | None]
    chat_id: int | None  # per-chat pacing applies to new messages only


class FloodBudget:
    """Grants send slots; every message the bot sends takes one: `await acquire(...)`.
    `rate=None` switches pacing off (pauses still apply)."""

    def __init__(self, rate: float | None = DEFAULT_RATE, *, margin: float = DEFAULT_MARGIN):
        """`rate`: messages per second; `margin`: seconds added to each window."""
        self._margin = margin
        self._rate: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self.rate = rate
        self._next_slot_at = 0.0  # even pace: the next slot's time, in loop time
        self._paused_until = 0.0
        self._factor, self._slowed_at = 1.0, 0.0
        self._ledger: Ledger | None = None  # grants of the last window; None: not started
        self._chats = ChatPace()  # shared with a paid budget, see sharing_chats
        self._lanes: dict[Priority, deque[_Waiter]] = {p: deque() for p in Priority}
        self._closed = False

    def sharing_chats(self, rate: float) -> FloodBudget:
        """A second budget at `rate` (paid broadcasts) that keeps this one's per-chat pace."""
        budget = FloodBudget(rate, margin=self._margin)
        budget._chats = self._chats
        return budget

    @property
    def rate(self) -> float | None:
        """Telegram's limit in messages per second (None: no pacing)."""
        return self._rate

    @rate.setter
    def rate(self, value: float | None) -> None:
        if value is not None and not 0 < value <= MAX_RATE:
            raise ValueError(f"rate must be between 0 and {MAX_RATE} messages/s, got {value}")
        self._rate = value
        if self._timer is not None:
            self._grant_due()

    @property
    def window(self) -> float:
        return 1.0 + self._margin

    @property
    def ledger_window(self) -> float:
        """The ledger keeps slots from their answers, which already bound the uplink delay:
        only our own share of the margin is added to Telegram's second."""
        return self.window - UPLINK_JITTER

    @property
    def pace(self) -> float | None:
        """Messages per second granted now (lower for a while after a 429)."""
        if self._rate is None:
            return None
        return self._rate / self.window * self._recovered_factor(self._now())

    @property
    def paused_for(self) -> float:
        """Seconds left of the current 429 pause (0 when not paused)."""
        return max(0.0, self._paused_until - self._now())

    @property
    def waiting(self) -> int:
        return sum(1 for lane in self._lanes.values() for w in lane if not w.future.done())

    def pause(self, seconds: float) -> None:
        """Telegram answered 429: stop all sending until now + seconds (never shortening a
        running pause), then resume at a reduced pace."""
        now = self._now()
        until = now + max(0.0, float(seconds))
        if now >= self._paused_until:
            # A new episode (the other requests in flight that get 429 too are the same
            # one): Telegram counted more than we did, so requests reached it closer together
            # than our margin allowed for. Keep a wider margin, and slow down for a while.
            self._margin = min(MAX_MARGIN, self._margin + MARGIN_STEP)
            self._factor = max(MIN_FACTOR, self._recovered_factor(now) * SLOWDOWN)
        self._paused_until = max(self._paused_until, until)
        self._slowed_at = self._paused_until
        # Resume on a fresh schedule: catching up with slots from before the pause would
        # be a burst.
        self._next_slot_at = max(self._next_slot_at, self._paused_until)
        if self._timer is not None:
            self._grant_due()

    def close(self) -> None:
        """Stopping: every waiting and later `acquire` raises BudgetClosed (so a 429 pause
        of minutes cannot hold up a shutdown)."""
        self._closed = True
        for lane in self._lanes.values():
            while lane:
                waiter = lane.popleft()
                if not waiter.future.done():
                    waiter.future.set_exception(BudgetClosed())
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def acquire(
        self, priority: Priority = Priority.REPLY, chat_id: int | None = None
    ) -> float | None:
        """Wait for this message's slot; return the loop time it was granted at (None when
        pacing is off). `chat_id`: a new message to that chat (per-chat pace); None for
        edits and other requests. Higher lanes are always served first."""
        if self._closed:
            raise BudgetClosed()
        waiter = _Waiter(asyncio.get_running_loop().create_future(), chat_id)
        self._lanes[Priority(priority)].append(waiter)
        self._grant_due()
        slot = await waiter.future
        granted.set(slot)
        return slot.at if slot is not None else None

    def in_flight(self) -> AbstractContextManager[None]:
        """Around the request of the slot this task was granted: it counts from when it
        leaves until it is answered (or fails)."""
        return flight(self._now, self._restamp, self._answered)

    def _restamp(self, slot: Slot, at: float, flying: bool) -> None:
        self._ledger_at(self._now()).restamp(slot, at, flying)

    def _answered(self) -> None:
        if self.waiting:
            self._grant_due()

    # Granting.

    def _grant_due(self) -> None:
        """Grant every slot that is due now, then sleep until the next one is."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        while True:
            now = self._now()
            ready_at = self._global_ready_at(now)
            if ready_at > now:
                return self._wake_at(ready_at)
            waiter, chat_ready_at = self._first_ready_waiter(now)
            if waiter is None:
                return self._wake_at(chat_ready_at)
            waiter.future.set_result(self._take(waiter, now))

    def _first_ready_waiter(self, now: float) -> tuple[_Waiter | None, float | None]:
        """The first waiter, by lane, whose chat may get a message now; else when one may."""
        earliest = None
        for priority in Priority:
            lane = self._lanes[priority]
            for waiter in list(lane):
                if waiter.future.done():  # cancelled
                    lane.remove(waiter)
                    continue
                ready_at = self._chat_ready_at(waiter.chat_id, now)
                if ready_at <= now:
                    lane.remove(waiter)
                    return waiter, None
                earliest = ready_at if earliest is None else min(earliest, ready_at)
        return None, earliest

    def _wake_at(self, moment: float | None) -> None:
        if moment is not None and self.waiting:
            self._timer = asyncio.get_running_loop().call_at(moment, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._grant_due()

    # The global pace and ledger.

    def _global_ready_at(self, now: float) -> float:
        if self._rate is None:
            return self._paused_until
        # A millisecond past the window, so even a closed window never holds one too many.
        full_until = self._ledger_at(now).full_until(self._limit(), self.ledger_window + 0.001)
        return max(self._next_slot_at, self._paused_until, full_until)

    def _take(self, waiter: _Waiter, now: float) -> Slot | None:
        if self._rate is None:
            return None
        slot = Slot(now)
        self._ledger_at(now).add(slot)
        if waiter.chat_id is not None:
            self._chats.take(waiter.chat_id, slot, now, self.ledger_window)
        # Keep to the schedule when a timer fires a little late, so those delays do not add
        # up to a lower rate; after idle time the schedule starts again from now.
        late = now - self._next_slot_at
        start = self._next_slot_at if late <= LATENESS_TOLERANCE else now
        self._next_slot_at = start + 1.0 / self.pace
        return slot

    def _ledger_at(self, now: float) -> Ledger:
        if self._ledger is None:  # first use: the previous process sent at full pace until now
            limit, interval = self._limit(), self.window / self._limit()
            seeded = (Slot(now - self.window + (i + 1) * interval) for i in range(limit))
            self._ledger = Ledger(seeded)
            self._next_slot_at = now + interval
        self._ledger.prune(now - self.ledger_window)
        return self._ledger

    def _limit(self) -> int:
        return max(1, int(self._rate or 1))

    def _recovered_factor(self, now: float) -> float:
        if self._factor >= 1.0 or now <= self._slowed_at:
            return self._factor
        progress = min(1.0, (now - self._slowed_at) / RECOVERY_SECONDS)
        return self._factor + (1.0 - self._factor) * progress

    # Per chat.

    def _chat_ready_at(self, chat_id: int | None, now: float) -> float:
        if chat_id is None or self._rate is None:
            return now
        return self._chats.ready_at(chat_id, now, self.ledger_window)

    def _now(self) -> float:
        return asyncio.get_running_loop().time()
