"""The words of the alert domain as types: how severe an alert is (stored as its value)."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    """An alert's severity; the value is what the database and the command line use."""

    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"  # rings even in the quiet hours and goes before other alerts


SEVERITIES = tuple(Severity)
