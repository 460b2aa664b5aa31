"""The guided check for callers: who called and what they wanted, tapped instead of typed."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.numbercheck.redflags import FlagSeverity, RedFlag

# The answers wait this long for the number; after that a message is an ordinary check again.
ANSWERS_WAIT = timedelta(minutes=10)


class Caller(enum.StrEnum):
    """Who called or came to the door, as the resident says."""

    POLICE = "police"
    CITY = "city"
    UTILITY = "utility"  # Stadtwerke
    RELATIVE = "relative"
    BANK = "bank"
    OTHER = "other"


class Request(enum.StrEnum):
    """What they wanted."""

    MONEY = "money"  # money or valuables
    DATA = "data"  # PIN, password or other data
    VISIT = "visit"  # to come into the home
    APPOINTMENT = "appointment"
    NOTHING = "nothing"  # nothing yet


# Families that only the guided check gives (their wording is in check_result.html.j2).
APPOINTMENT_UNCLEAR = RedFlag("appointment_unclear", FlagSeverity.CAUTION)
NOTHING_YET = RedFlag("nothing_yet", FlagSeverity.CAUTION)

_MONEY_BY_CALLER = {
    Caller.POLICE: RedFlag("fake_police", FlagSeverity.FRAUD),
    Caller.RELATIVE: RedFlag("relative_money", FlagSeverity.FRAUD),
}
_IMMEDIATE_TRANSFER = RedFlag("immediate_transfer", FlagSeverity.FRAUD)
_PIN_REQUEST = RedFlag("pin_request", FlagSeverity.FRAUD)
_DOOR_VISIT = RedFlag("door_visit", FlagSeverity.CAUTION)


@dataclass(frozen=True, slots=True)
class GuidedAnswers:
    """Who called and what they wanted, while the bot waits for the number (memory only)."""

    caller: Caller
    request: Request
    given_at: datetime

    def flags(self, now: datetime) -> tuple[RedFlag, ...]:
        """The red flags of these answers, or none if they waited too long."""
        if now - self.given_at > ANSWERS_WAIT:
            return ()
        return guided_flags(self.caller, self.request)


def guided_flags(caller: Caller, request: Request) -> tuple[RedFlag, ...]:
    """The red flag the answers amount to. Asking for money or data on the phone is fraud,
    whoever the caller claims to be (seed 000); a visit or an appointment calls for caution."""
    if request is Request.DATA:
        return (_PIN_REQUEST,)
    if request is Request.MONEY:
        return (_MONEY_BY_CALLER.get(caller, _IMMEDIATE_TRANSFER),)
    if request is Request.VISIT:
        return (_DOOR_VISIT,)
    if request is Request.APPOINTMENT:
        return (APPOINTMENT_UNCLEAR,)
    return (NOTHING_YET,)
