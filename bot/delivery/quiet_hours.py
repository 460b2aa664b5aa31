"""Night rule: non-urgent alerts sent 22:00-07:00 Berlin time arrive without a sound."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.clock import BERLIN
from bot.vocabulary import Severity

QUIET_FROM = time(22, 0)
QUIET_UNTIL = time(7, 0)


def is_quiet_time(moment: datetime) -> bool:
    """True if the aware `moment` falls between 22:00 and 07:00 on the Berlin wall clock."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware (UTC)")
    local = moment.astimezone(BERLIN).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def quiet_until(moment: datetime) -> datetime | None:
    """If the aware `moment` falls in the quiet hours: when they end (07:00 Berlin), in UTC."""
    if not is_quiet_time(moment):
        return None
    local = moment.astimezone(BERLIN)
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=BERLIN).astimezone(moment.tzinfo)


def send_silently(severity: str, moment: datetime) -> bool:
    """Urgent alerts always ring; everything else is silent during quiet hours."""
    return severity != Severity.URGENT and is_quiet_time(moment)
