"""Quiet hours 22:00-07:00 Berlin, across both DST changes."""

from datetime import UTC, datetime

import pytest

from bot.delivery.quiet_hours import is_quiet_time, send_silently


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        # Winter (CET, UTC+1)
        (utc(2026, 1, 15, 20, 59), False),  # 21:59
        (utc(2026, 1, 15, 21, 0), True),  # 22:00
        (utc(2026, 1, 15, 5, 59), True),  # 06:59
        (utc(2026, 1, 15, 6, 0), False),  # 07:00
        # Summer (CEST, UTC+2)
        (utc(2026, 7, 15, 19, 59), False),  # 21:59
        (utc(2026, 7, 15, 20, 0), True),  # 22:00
        (utc(2026, 7, 15, 4, 59), True),  # 06:59
        (utc(2026, 7, 15, 5, 0), False),  # 07:00
        # Spring forward, 29 March 2026 (02:00 CET -> 03:00 CEST at 01:00 UTC)
        (utc(2026, 3, 28, 5, 30), True),  # 06:30 CET the day before
        (utc(2026, 3, 29, 0, 59), True),  # 01:59 CET
        (utc(2026, 3, 29, 1, 0), True),  # 03:00 CEST
        (utc(2026, 3, 29, 4, 59), True),  # 06:59 CEST
        (utc(2026, 3, 29, 5, 0), False),  # 07:00 CEST (would be 06:00 in CET)
        (utc(2026, 3, 29, 20, 0), True),  # 22:00 CEST
        # Fall back, 25 October 2026 (03:00 CEST -> 02:00 CET at 01:00 UTC)
        (utc(2026, 10, 24, 5, 0), False),  # 07:00 CEST the day before
        (utc(2026, 10, 25, 5, 0), True),  # 06:00 CET (would be 07:00 in CEST)
        (utc(2026, 10, 25, 5, 59), True),  # 06:59 CET
        (utc(2026, 10, 25, 6, 0), False),  # 07:00 CET
        (utc(2026, 10, 25, 20, 59), False),  # 21:59 CET
        (utc(2026, 10, 25, 21, 0), True),  # 22:00 CET
    ],
)
def test_quiet_time_on_the_berlin_wall_clock(moment, quiet):
    assert is_quiet_time(moment) is quiet


def test_urgent_always_rings_others_silent_at_night():
    night = utc(2026, 1, 15, 23, 0)
    day = utc(2026, 1, 15, 12, 0)
    assert send_silently("urgent", night) is False
    assert send_silently("warning", night) is True
    assert send_silently("info", night) is True
    assert send_silently("info", day) is False


def test_naive_time_is_refused():
    with pytest.raises(ValueError):
        is_quiet_time(datetime(2026, 1, 1, 23, 0))
