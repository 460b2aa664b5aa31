"""UTC timestamps as fixed-width ISO text, so SQL compares them correctly as strings."""

from __future__ import annotations

from datetime import UTC, datetime


def to_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
