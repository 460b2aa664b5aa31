"""The flood budget's per-chat pace: new messages to one chat at most CHAT_BURST at once, then
one per window (Telegram's FAQ asks for about one a second in a chat). A token bucket per
chat, shared by the free and the paid budget so that both keep one chat's pace together."""

from __future__ import annotations

from dataclasses import dataclass

CHAT_BURST = 3
FORGET_ABOVE = 10_000  # chats kept; beyond that, chats whose allowance is full are forgotten


@dataclass
class _ChatTokens:
    tokens: float
    updated: float


class ChatPace:
    """Tokens per chat, refilled by one per `window` seconds up to CHAT_BURST."""

    def __init__(self) -> None:
        self._chats: dict[int, _ChatTokens] = {}

    def ready_at(self, chat_id: int, now: float, window: float) -> float:
        """When the chat may have its next new message."""
        tokens = self._tokens(chat_id, now, window)
        return now if tokens >= 1.0 else now + (1.0 - tokens) * window

    def take(self, chat_id: int, now: float, window: float) -> None:
        self._chats[chat_id] = _ChatTokens(self._tokens(chat_id, now, window) - 1.0, now)
        if len(self._chats) > FORGET_ABOVE:
            full = [c for c in self._chats if self._tokens(c, now, window) >= CHAT_BURST]
            for forgotten in full:
                del self._chats[forgotten]

    def _tokens(self, chat_id: int, now: float, window: float) -> float:
        state = self._chats.get(chat_id)
        if state is None:
            return float(CHAT_BURST)
        return min(float(CHAT_BURST), state.tokens + (now - state.updated) / window)
