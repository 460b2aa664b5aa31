"""The words of the alert domain as types: severity and the outbox order (stored as values)."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    """An alert's severity; the value is what the database and the command line use."""

    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"  # rings even in the quiet hours and goes before other alerts


SEVERITIES = tuple(Severity)


class QueueOrder(enum.IntEnum):
    """Where an alert's copies stand in the outbox (stored in `priority`): lower goes first.
    The flood budget's lanes (bot/delivery/flood.py Priority) then order replies before both."""

    URGENT = 0
    NORMAL = 1

    @classmethod
    def of(cls, severity: str) -> QueueOrder:
        return cls.URGENT if severity == Severity.URGENT else cls.NORMAL
