"""The flood budget's per-chat pace: new messages to one chat at most CHAT_BURST at once, then
one per interval (Telegram's FAQ asks for about one a second in a chat), shared by the free
and the paid budget so that both keep one chat's pace together.

Telegram counts a message when it arrives, which may be long after its grant on a busy
machine: a burst whose first message arrives late, followed by the next ones on time, is
closer together at Telegram than it was here. So each message counts by its slot (slots.py),
which moves to when its request left and then to its answer, the latest moment it can have
arrived. The pace is a token bucket in its scheduling form (GCRA): the chat's "theoretical
arrival time" after its messages, each at its slot's latest moment; a message may go once
that is at most CHAT_BURST - 1 intervals ahead."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.delivery.slots import FLIGHT_CAP, Slot

CHAT_BURST = 3
FORGET_ABOVE = 10_000  # chats kept; beyond that, chats whose allowance is full are forgotten


@dataclass
class _Chat:
    settled: float = -math.inf  # the theoretical arrival time after the settled messages
    open: list[Slot] = field(default_factory=list)  # messages whose moment may still move

    def theoretical(self, now: float, interval: float) -> float:
        """When the chat's bucket is full again, counting every message at its latest
        moment. Slots answered more than FLIGHT_CAP ago no longer move: they are folded in
        (in any order, folding never gives an earlier time than the sorted order would)."""
        still_open = []
        for slot in self.open:
            if slot.flying or slot.last > now - FLIGHT_CAP:
                still_open.append(slot)
            else:
                self.settled = max(self.settled, slot.last) + interval
        self.open = still_open
        moment = self.settled
        for last in sorted(slot.last for slot in self.open):
            moment = max(moment, last) + interval
        return moment


class ChatPace:
    """The recent messages of each chat, by slot."""

    def __init__(self) -> None:
        self._chats: dict[int, _Chat] = {}

    def ready_at(self, chat_id: int, now: float, interval: float) -> float:
        """When the chat may have its next new message."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return now
        return max(now, chat.theoretical(now, interval) - (CHAT_BURST - 1) * interval)

    def take(self, chat_id: int, slot: Slot, now: float, interval: float) -> None:
        self._chats.setdefault(chat_id, _Chat()).open.append(slot)
        if len(self._chats) > FORGET_ABOVE:
            # A chat full again has no open slot: one answered under FLIGHT_CAP ago still counts
            # until past now (the interval is longer than FLIGHT_CAP).
            full = [c for c, chat in self._chats.items() if chat.theoretical(now, interval) <= now]
            for forgotten in full:
                del self._chats[forgotten]
