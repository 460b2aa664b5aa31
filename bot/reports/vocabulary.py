"""The words of reports: what kind of fraud, how a report ended, what a spike is about."""

from __future__ import annotations

from enum import StrEnum


class ReportKind(StrEnum):
    """The fraud patterns of the seeds. All but OTHER share their name with an alert
    template, so a spike opens the composer with the matching one."""

    FAKE_CITY_CALLER = "fake_city_caller"  # fake city hall or Stadtwarn staff
    SHOCK_CALL = "shock_call"
    FAKE_POLICE = "fake_police"
    FAKE_UTILITY_STAFF = "fake_utility_staff"  # at the door
    APPOINTMENT_RESALE = "appointment_resale"
    PHISHING = "phishing"
    INVESTMENT_FRAUD = "investment_fraud"
    OTHER = "other"

    @property
    def alert_template(self) -> str:
        return "free_text" if self is ReportKind.OTHER else self.value


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
