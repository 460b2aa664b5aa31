"""Paid broadcasts: Telegram's `allow_paid_broadcast` lifts a bot's 30 messages/s to up to
1000 for a fee in Telegram Stars per message. Off unless the city enables it, and then by
default only for urgent alerts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.delivery.flood import FloodBudget

FREE_LIMIT = 30.0  # messages/s Telegram allows a bot's broadcasts without paying
PAID_LIMIT = 1000.0  # messages/s with allow_paid_broadcast


class PaidBroadcast(StrEnum):
    """Which alerts go out as paid broadcasts (`STADTWARN_PAID_BROADCAST`)."""

    OFF = "off"
    URGENT = "urgent"
    ALL = "all"

    def covers(self, urgent: bool) -> bool:
        return self is PaidBroadcast.ALL or (self is PaidBroadcast.URGENT and urgent)


@dataclass(frozen=True)
class PaidLane:
    """The alerts a city pays for, and their own budget at the paid rate. The budget shares
    the per-chat pace with the free one: a resident gets one message a second either way."""

    policy: PaidBroadcast
    budget: FloodBudget

    def covers(self, urgent: bool) -> bool:
        return self.policy.covers(urgent)


def paid_lane(policy: PaidBroadcast, rate: float, budget: FloodBudget) -> PaidLane | None:
    """The paid-broadcast lane at `rate`, if the city enabled it; it keeps `budget`'s
    per-chat pace."""
    if policy is PaidBroadcast.OFF:
        return None
    return PaidLane(policy, budget.sharing_chats(rate))
