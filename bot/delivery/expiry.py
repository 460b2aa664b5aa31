"""How long an alert's copies are tried through a Telegram outage: per severity, 24 h unless
the city says otherwise (`STADTWARN_EXPIRY`). Until then a network error never gives up on a
reachable resident; a withdrawal ends the tries at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.vocabulary import SEVERITIES

DEFAULT_EXPIRY = timedelta(hours=24)


@dataclass(frozen=True)
class Expiry:
    default: timedelta = DEFAULT_EXPIRY
    by_severity: Mapping[str, timedelta] = field(default_factory=dict)

    def of(self, severity: str) -> timedelta:
        return self.by_severity.get(severity, self.default)

    def expired(self, severity: str, queued_at: datetime | None, now: datetime) -> bool:
        return queued_at is not None and now >= queued_at + self.of(severity)

    @classmethod
    def parse(cls, text: str) -> Expiry:
        """ "24" (hours, every severity) or "info=12,warning=24,urgent=48"; ValueError if not."""
        text = text.strip()
        if not text:
            return cls()
        if "=" not in text:
            return cls(default=_hours(text))
        pairs = dict(part.split("=", 1) for part in text.split(",") if part.strip())
        unknown = set(k.strip() for k in pairs) - set(SEVERITIES)
        if unknown:
            raise ValueError(f"unknown severity {sorted(unknown)[0]!r}")
        return cls(by_severity={k.strip(): _hours(v) for k, v in pairs.items()})


def _hours(value: str) -> timedelta:
    hours = float(value)
    if not 0 < hours <= 24 * 14:
        raise ValueError(f"{value!r} hours is not between 0 and 14 days")
    return timedelta(hours=hours)
