"""The flood budget's slots: one per granted message, counted from when its request leaves
until it is answered, since Telegram counted it somewhere in between (bot/delivery/flood.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

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


# The slot the running task was granted last and has not yet sent on.
granted: ContextVar[Slot | None] = ContextVar("granted_slot", default=None)


@contextmanager
def flight(now, answered) -> Iterator[None]:
    """Around the request of the slot this task was granted: re-stamp it when the request
    leaves and when it is answered (or fails), then call `answered()`. `now()`: loop time."""
    slot = granted.get()
    granted.set(None)
    if slot is None:
        yield
        return
    slot.at, slot.flying = max(slot.at, now()), True
    try:
        yield
    finally:
        # Answered: it arrived by now at the latest (later than FLIGHT_CAP only if it hung;
        # the grants made meanwhile stand, the ones to come count from now).
        slot.at, slot.flying = now(), False
        answered()
