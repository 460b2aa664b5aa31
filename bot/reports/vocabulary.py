"""The words of reports: how a report ended, how a vote did, what a spike is about. The kinds
of fraud (ReportKind) are bot/vocabulary.py's: alerts and reports share them."""

from __future__ import annotations

from enum import StrEnum


class ReportOutcome(StrEnum):
    SAVED = "saved"
    ALREADY_TODAY = "already_today"  # this chat reported this number today
    DAILY_LIMIT = "daily_limit"  # this chat sent MAX_PER_DAY reports today


class VoteOutcome(StrEnum):
    COUNTED = "counted"
    ALREADY = "already"  # this chat answered this alert before
    NOT_COUNTED = "not_counted"  # no delivered copy in this chat, or the alert is withdrawn


class SpikeScope(StrEnum):
    NUMBER = "number"  # one number (or site), anywhere in the city
    KIND = "kind"  # one kind of fraud in one district
