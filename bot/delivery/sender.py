"""What the engine needs from a messenger, and the errors a send can end in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.delivery.flood import Priority


class SendError(Exception):
    """A send or edit did not succeed; `reason` is short text kept in the database."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RecipientGone(SendError):
    """The chat cannot be reached any more (blocked the bot, deactivated, chat not found)."""


class RetryLater(SendError):
    """Flood control: nothing may be sent for `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = float(seconds)


class TransientFailure(SendError):
    """Might work later: network errors, timeouts, server errors."""


class PermanentFailure(SendError):
    """Will not work if repeated: a bad request other than a missing chat."""


@dataclass(frozen=True)
class Button:
    """One button under an alert (label in the resident's language, callback data)."""

    label: str
    data: str


class Sender(Protocol):
    """Sends and edits HTML messages; raises the errors above."""

    async def send(
        self,
        chat_id: int,
        html: str,
        *,
        silent: bool,
        priority: Priority,
        reply_to: int | None = None,
        paid: bool = False,
        button: Button | None = None,
    ) -> int:
        """Send `html` (as a reply to message `reply_to`, if given and still there) and
        return the message id Telegram gave it. `paid`: as a paid broadcast. `button`: one
        button under it, if any."""
        ...

    async def edit(
        self,
        chat_id: int,
        message_id: int,
        html: str,
        *,
        priority: Priority,
        button: Button | None = None,
    ) -> None:
        """Replace the text of an earlier message (no error if it is unchanged); its button
        stays only if given again."""
        ...
