"""The current time in UTC (injected so tests can fix it), and the zone times are shown in."""

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]

# Times are stored in UTC and shown to residents and the comms desk in Europe/Berlin.
BERLIN = ZoneInfo("Europe/Berlin")


def utc_now() -> datetime:
    return datetime.now(UTC)
