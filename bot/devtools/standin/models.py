"""What the stand-in remembers: messages the bot sent, buttons, callback answers, statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Button(NamedTuple):
    """One inline keyboard button as the resident sees it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class SentMessage:
    """A message the bot sent to a chat, in its current state (edits applied)."""

    message_id: int
    chat_id: int
    text: str
    html: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    buttons: list[list[Button]] = field(default_factory=list)
    reply_keyboard: list[list[str]] | None = None
    parse_mode: str | None = None
    disable_notification: bool = False
    protect_content: bool = False
    link_preview_options: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    date: int = 0
    edit_date: int | None = None
    edit_count: int = 0
    deleted: bool = False

    @property
    def button_texts(self) -> list[str]:
        """All inline button labels, row by row."""
        return [button.text for row in self.buttons for button in row]

    @property
    def link_preview_disabled(self) -> bool:
        return bool((self.link_preview_options or {}).get("is_disabled"))

    def entity_texts(self, entity_type: str) -> list[str]:
        """The plain-text pieces covered by entities of `entity_type` (e.g. "bold")."""
        units = self.text.encode("utf-16-le")
        return [
            units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
            for e in self.entities
            if e["type"] == entity_type
        ]


class CallbackAnswer(NamedTuple):
    """The bot's answerCallbackQuery for one button press."""

    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int


@dataclass
class Stats:
    """Counters tests use to check throughput and flood control."""

    sent: int = 0
    edited: int = 0
    deleted: int = 0
    too_many_requests: int = 0
    send_times: list[float] = field(default_factory=list)  # time.monotonic() of accepted sends

    def max_sends_within(self, seconds: float) -> int:
        """The most accepted sendMessage calls that fell into any window of `seconds`."""
        best = 0
        start = 0
        for end, moment in enumerate(self.send_times):
            while moment - self.send_times[start] > seconds:
                start += 1
            best = max(best, end - start + 1)
        return best
