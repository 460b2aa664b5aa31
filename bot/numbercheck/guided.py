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
    CODE = "code"  # a code or a PIN (asked when the detector is unsure)
    LINK = "link"  # that she opens a link (asked when the detector is unsure)


# What the guided check of a call asks; the detector's question about a text adds code and link.
CALL_REQUESTS = (Request.MONEY, Request.DATA, Request.VISIT, Request.APPOINTMENT, Request.NOTHING)
TEXT_REQUESTS = (
    Request.MONEY, Request.CODE, Request.DATA, Request.VISIT, Request.LINK, Request.NOTHING,
)  # fmt: skip


# Families that only the guided check gives (their wording is in check_result.html.j2).
APPOINTMENT_UNCLEAR = RedFlag("appointment_unclear", FlagSeverity.CAUTION)
NOTHING_YET = RedFlag("nothing_yet", FlagSeverity.CAUTION)

_MONEY_BY_CALLER = {
    Caller.POLICE: RedFlag("fake_police", FlagSeverity.FRAUD),
    Caller.RELATIVE: RedFlag("relative_money", FlagSeverity.FRAUD),
}
_IMMEDIATE_TRANSFER = RedFlag("immediate_transfer", FlagSeverity.FRAUD)
_PIN_REQUEST = RedFlag("pin_request", FlagSeverity.FRAUD)
# Only the question after an unsure check gives it (its wording is in check_result.html.j2).
LINK_REQUEST = RedFlag("link_request", FlagSeverity.FRAUD)
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


# Who a text claims to be (the detector's claims) as the guided check's caller, first match.
_CALLER_OF_CLAIM = (
    ("police", Caller.POLICE),
    ("relative", Caller.RELATIVE),
    ("bank", Caller.BANK),
    ("utility", Caller.UTILITY),
    ("authority", Caller.CITY),
)


def caller_of(claims: tuple[str, ...]) -> Caller:
    """The caller a text claims to be, for the question the bot asks when it is unsure."""
    return next((caller for claim, caller in _CALLER_OF_CLAIM if claim in claims), Caller.OTHER)


def guided_flags(caller: Caller, request: Request) -> tuple[RedFlag, ...]:
    """The red flag the answers amount to. Asking for money or data on the phone is fraud,
    whoever the caller claims to be (seed 000); a visit or an appointment calls for caution."""
    if request in (Request.DATA, Request.CODE):
        return (_PIN_REQUEST,)
    if request is Request.LINK:
        return (LINK_REQUEST,)
    if request is Request.MONEY:
        return (_MONEY_BY_CALLER.get(caller, _IMMEDIATE_TRANSFER),)
    if request is Request.VISIT:
        return (_DOOR_VISIT,)
    if request is Request.APPOINTMENT:
        return (APPOINTMENT_UNCLEAR,)
    return (NOTHING_YET,)
