"""The flood budget's slots: one per granted message, counted from when its request leaves
until it is answered, since Telegram counted it somewhere in between (bot/delivery/flood.py);
and the ledger of the last window's slots."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from operator import attrgetter

# Seconds after which a request not yet answered counts as arrived: the bound on the uplink
# delay that is still guaranteed, and the longest one hung request holds up the others.
FLIGHT_CAP = 1.0


@dataclass(eq=False, slots=True)
class Slot:
    """One grant in the ledger; `at` moves to when its request left, then to when it was
    answered; while `flying`, Telegram may count it at any moment up to `last`."""

    at: float
    flying: bool = False

    @property
    def last(self) -> float:
        """The latest moment Telegram may have counted this request at."""
        return self.at + FLIGHT_CAP if self.flying else self.at


_last = attrgetter("last")


class Ledger:
    """The slots that may still count in Telegram's window, kept in order of `last`.

    Answers come back out of order (a request may take 10 ms, the next 60 ms), so the order of
    the grants is not the order in which they stop counting. Kept sorted, the ledger knows
    exactly how many still count, and an early answer frees its slot at once, while a late one
    holds only its own."""

    def __init__(self, slots: Iterable[Slot] = ()) -> None:
        self._slots = sorted(slots, key=_last)

    def __len__(self) -> int:
        return len(self._slots)

    def add(self, slot: Slot) -> None:
        insort(self._slots, slot, key=_last)

    def restamp(self, slot: Slot, at: float, flying: bool) -> None:
        """Move the slot to its new moment (a slot already pruned counts again)."""
        self._discard(slot)
        slot.at, slot.flying = at, flying
        self.add(slot)

    def prune(self, until: float) -> None:
        """Forget the slots whose `last` is at or before `until`."""
        del self._slots[: bisect_right(self._slots, until, key=_last)]

    def full_until(self, limit: int, window: float) -> float:
        """When fewer than `limit` slots will count within `window` (0 if they already do):
        the moment the oldest one of the `limit` latest leaves it."""
        if len(self._slots) < limit:
            return 0.0
        return self._slots[len(self._slots) - limit].last + window

    def _discard(self, slot: Slot) -> None:
        moment = slot.last
        for i in range(bisect_left(self._slots, moment, key=_last), len(self._slots)):
            if self._slots[i] is slot:
                del self._slots[i]
                return
            if self._slots[i].last != moment:
                return


# The slot the running task was granted last and has not yet sent on.
granted: ContextVar[Slot | None] = ContextVar("granted_slot", default=None)


@contextmanager
def flight(
    now: Callable[[], float], restamp: Callable[[Slot, float, bool], None], answered
) -> Iterator[None]:
    """Around the request of the slot this task was granted: re-stamp it when the request
    leaves and when it is answered (or fails), then call `answered()`. `now()`: loop time;
    `restamp(slot, at, flying)`: the ledger's."""
    slot = granted.get()
    granted.set(None)
    if slot is None:
        yield
        return
    restamp(slot, max(slot.at, now()), True)
    try:
        yield
    finally:
        # Answered: it arrived by now at the latest (later than FLIGHT_CAP only if it hung;
        # the grants made meanwhile stand, the ones to come count from now).
        restamp(slot, now(), False)
        answered()
