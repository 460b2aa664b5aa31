"""What the running bot counts for its operators (/metrics, /healthz): plain numbers, kept
in memory, labelled only by kinds, classes and outcomes; never a chat id or a text."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

LAG_INTERVAL = 0.5  # seconds between two measurements of the event loop's lag


@dataclass
class Telemetry:
    """Counters since the start, and when Telegram last answered."""

    sent: Counter[str] = field(default_factory=Counter)  # by kind: reply, alert, follow-up, paid
    send_errors: Counter[str] = field(default_factory=Counter)  # by the error's class name
    checks: Counter[str] = field(default_factory=Counter)  # check verdicts, by outcome
    flood_waits: int = 0  # 429 answers
    retry_after_seconds: float = 0.0  # the waits they asked for, in all
    loop_lag: float = 0.0  # seconds, the last measurement
    # the clock of Telegram's answers (a test moves its own past the health check's grace)
    monotonic: Callable[[], float] = time.monotonic
    started: float | None = None  # monotonic: when counting began
    reached_at: float | None = None  # monotonic time of Telegram's last answer
    unreachable_since: float | None = None  # monotonic: the first failure since the last answer

    def __post_init__(self) -> None:
        if self.started is None:
            self.started = self.monotonic()

    def reached(self) -> None:
        """Telegram answered (also with an error of its own, such as 400 or 429)."""
        self.reached_at = self.monotonic()
        self.unreachable_since = None

    def unreachable(self) -> None:
        """A request got no answer from Telegram (network, timeout, a proxy's error page)."""
        if self.unreachable_since is None:
            self.unreachable_since = self.monotonic()

    def flooded(self, seconds: float) -> None:
        self.flood_waits += 1
        self.retry_after_seconds += seconds

    def checked(self, outcome: str) -> None:
        self.checks[outcome] += 1

    def reached_within(self, seconds: float) -> bool:
        return self.reached_at is not None and self.monotonic() - self.reached_at <= seconds

    def unreachable_for(self) -> float:
        """Seconds Telegram has not answered: since the first failure after its last answer,
        or since the start if it never answered; 0 while it answers."""
        if self.reached_at is None:
            return self.monotonic() - (self.started or 0.0)
        if self.unreachable_since is None:
            return 0.0
        return self.monotonic() - self.unreachable_since

    async def measure_loop_lag(self) -> None:
        """Forever: how much later than asked the event loop wakes a sleeping task."""
        while True:
            asked = time.monotonic()
            await asyncio.sleep(LAG_INTERVAL)
            self.loop_lag = max(0.0, time.monotonic() - asked - LAG_INTERVAL)
