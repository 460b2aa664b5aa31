"""The flood budget's slots: one per granted message, counted from when its request leaves
until it is answered, since Telegram counted it somewhere in between (bot/delivery/flood.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

FLIGHT_CAP = 0.5  # seconds: a request unanswered this long counts as arrived by then


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
        slot.at, slot.flying = min(now(), slot.last), False
        answered()
