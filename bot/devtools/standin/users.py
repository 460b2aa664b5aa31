"""A resident in a private chat with the bot: sends messages, presses buttons, reads replies."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from bot.devtools.standin.methods import message_api
from bot.devtools.standin.models import Button, SentMessage
from bot.devtools.standin.state import Chat, TelegramState
from bot.telegram_html import utf16_length

T = TypeVar("T")

_LEADING_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?")
_URL = re.compile(r"https?://[^\s<>\"]+")


def _text_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram detects in a resident's plain text: a leading command and URLs."""
    entities = []
    command = _LEADING_COMMAND.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_length(command[0])})
    for url in _URL.finditer(text):
        entities.append(
            {
                "type": "url",
                "offset": utf16_length(text[: url.start()]),
                "length": utf16_length(url[0]),
            }
        )
    return entities


class FakeUser:
    """Test-side handle of one resident; chat id == user id. Get it from FakeTelegram.user()."""

    def __init__(self, state: TelegramState, chat: Chat) -> None:
        self._state = state
        self._chat = chat
        self._cursor = 0  # highest message_id already returned by next_message()

    @property
    def id(self) -> int:
        return self._chat.id

    @property
    def chat_id(self) -> int:
        return self._chat.id

    @property
    def api_user(self) -> dict[str, Any]:
        return dict(self._chat.user)

    # --- what the resident does -------------------------------------------------------------

    def send(self, text: str) -> int:
        """Type and send `text`; returns the new message's id."""
        extra: dict[str, Any] = {"text": text}
        entities = _text_entities(text)
        if entities:
            extra["entities"] = entities
        return self._queue_message(extra)

    def send_location(self, latitude: float, longitude: float) -> int:
        """Share a location, as the phone's "send location" button does."""
        return self._queue_message({"location": {"latitude": latitude, "longitude": longitude}})

    def share_live_location(
        self, latitude: float, longitude: float, *, live_period: int = 900
    ) -> int:
        """Share a live location: its first position, as a message; `move_live_location`
        then sends each new position as Telegram does, an edit of that message."""
        location = {"latitude": latitude, "longitude": longitude, "live_period": live_period}
        return self._queue_message({"location": location})

    def move_live_location(self, message_id: int, latitude: float, longitude: float) -> None:
        """A new position of the live location shared in `message_id` (an edited_message)."""
        message = {
            "message_id": message_id,
            "from": self.api_user,
            "chat": self._chat.api_chat(),
            "date": self._state.now(),
            "edit_date": self._state.now(),
            "location": {"latitude": latitude, "longitude": longitude, "live_period": 900},
        }
        self._state.queue_update("edited_message", message)

    def send_contact(
        self,
        phone_number: str,
        first_name: str,
        last_name: str | None = None,
        *,
        user_id: int | None = None,
    ) -> int:
        """Share a contact card (pass user_id=user.id when sharing one's own number)."""
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        if user_id is not None:
            contact["user_id"] = user_id
        return self._queue_message({"contact": contact})

    def forward(self, text: str, *, origin_name: str = "Unbekannt") -> int:
        """Forward a text from someone who hides their account (forward_origin hidden_user)."""
        extra: dict[str, Any] = {
            "text": text,
            "forward_origin": {
                "type": "hidden_user",
                "sender_user_name": origin_name,
                "date": self._state.now(),
            },
        }
        entities = [e for e in _text_entities(text) if e["type"] != "bot_command"]
        if entities:
            extra["entities"] = entities
        return self._queue_message(extra)

    def press(self, button_text: str, *, message: SentMessage | None = None) -> str:
        """Press the inline button labelled `button_text` (exact, else unique substring).

        Searches `message`, else the newest bot message here with an inline keyboard.
        Returns the callback query id (see FakeTelegram.callback_answers).
        """
        target = message or self._last_keyboard_message()
        button = _find_button(target, button_text)
        if button.callback_data is None:
            raise LookupError(f"button {button.text!r} opens a URL and cannot be pressed")
        return self.press_data(button.callback_data, target)

    def press_data(self, callback_data: str, message: SentMessage) -> str:
        """Send a callback query with arbitrary (possibly forged or stale) data for `message`."""
        if message.deleted:
            raise LookupError(f"message {message.message_id} was deleted; nothing to press")
        query_id = self._state.new_query_id()
        query = {
            "id": query_id,
            "from": self.api_user,
            "message": message_api(self._state, self._chat, message),
            "chat_instance": f"ci{self.id}",
            "data": callback_data,
        }
        self._state.open_queries[query_id] = query
        self._state.queue_update("callback_query", query)
        return query_id

    def press_inline(self, callback_data: str) -> str:
        """A callback query without its message, as for a button under an inline-mode
        message (Telegram then sends `inline_message_id` instead)."""
        query_id = self._state.new_query_id()
        query = {
            "id": query_id,
            "from": self.api_user,
            "inline_message_id": f"inline-{query_id}",
            "chat_instance": f"ci{self.id}",
            "data": callback_data,
        }
        self._state.open_queries[query_id] = query
        self._state.queue_update("callback_query", query)
        return query_id

    def _queue_message(self, fields: dict[str, Any]) -> int:
        # Writing to a blocked bot means restarting it in the client, which unblocks it.
        self._state.set_blocked(self._chat, False)
        message_id = self._chat.take_message_id()
        self._chat.user_message_ids.add(message_id)
        message = {
            "message_id": message_id,
            "from": self.api_user,
            "chat": self._chat.api_chat(),
            "date": self._state.now(),
            **fields,
        }
        self._state.queue_update("message", message)
        return message_id

    def _last_keyboard_message(self) -> SentMessage:
        for message in reversed(self.messages):
            if message.buttons:
                return message
        raise LookupError(f"no bot message with an inline keyboard in chat {self.id}")

    # --- what the resident sees -------------------------------------------------------------

    @property
    def messages(self) -> list[SentMessage]:
        """The bot's messages in this chat, oldest first, current state, without deleted ones."""
        return [m for m in self._chat.messages.values() if not m.deleted]

    @property
    def last_message(self) -> SentMessage | None:
        messages = self.messages
        return messages[-1] if messages else None

    async def next_message(self, timeout: float = 5) -> SentMessage:  # noqa: ASYNC109
        """The next message the bot sent here since the previous call (not edits)."""

        def newer() -> SentMessage | None:
            for message_id, message in self._chat.messages.items():
                if message_id > self._cursor:
                    return message
            return None

        try:
            message = await self._state.changed.wait_for(newer, timeout)
        except TimeoutError:
            seen = [m.text[:60] for m in self.messages[-3:]]
            raise TimeoutError(
                f"the bot sent no new message to chat {self.id} within {timeout}s "
                f"(latest messages: {seen})"
            ) from None
        self._cursor = message.message_id
        return message

    async def wait_for_text(self, start: str | tuple[str, ...], timeout: float = 5) -> SentMessage:  # noqa: ASYNC109
        """Wait until the bot's latest message here starts with `start`; return it."""

        def latest_starts(user: FakeUser) -> SentMessage | None:
            latest = user.last_message
            return latest if latest and latest.text.startswith(start) else None

        return await self.wait_for(latest_starts, timeout)

    async def press_and_read(
        self,
        label: str,
        start: str,
        timeout: float = 5,  # noqa: ASYNC109
        message: SentMessage | None = None,
    ) -> SentMessage:
        """Press `label` on `message` (default: the latest); wait for the bot's answer
        (a new message or that one edited) starting `start`."""
        if message is None:
            self.press(label)
            return await self.wait_for_text(start, timeout)
        edits, known = message.edit_count, len(self.messages)
        self.press(label, message=message)

        def answer(_: FakeUser) -> SentMessage | None:
            edited = [message] if message.edit_count > edits else []
            return next(
                (m for m in edited + self.messages[known:] if m.text.startswith(start)), None
            )

        return await self.wait_for(answer, timeout)

    async def wait_for_button(
        self,
        label: str,
        timeout: float = 5,  # noqa: ASYNC109
        message: SentMessage | None = None,
    ) -> SentMessage:
        """Wait until `message` (default: the bot's latest here) has a button `label`."""

        def latest_has_it(user: FakeUser) -> SentMessage | None:
            latest = message or user.last_message
            return latest if latest and label in latest.button_texts else None

        return await self.wait_for(latest_has_it, timeout)

    async def ask(self, text: str, timeout: float = 5) -> SentMessage:  # noqa: ASYNC109
        """Send `text` and return the bot's next message."""
        self.send(text)
        return await self.next_message(timeout)

    async def wait_for(
        self,
        predicate: Callable[[FakeUser], T],
        timeout: float = 5,  # noqa: ASYNC109 - tests pass plain timeouts
    ) -> T:
        """Wait until predicate(user) is truthy and return its value; TimeoutError otherwise."""
        try:
            return await self._state.changed.wait_for(lambda: predicate(self), timeout)
        except TimeoutError:
            raise TimeoutError(
                f"condition not met for chat {self.id} within {timeout}s "
                f"(latest: {[m.text[:60] for m in self.messages[-3:]]})"
            ) from None

    def __repr__(self) -> str:
        return f"FakeUser(id={self.id}, first_name={self._chat.user['first_name']!r})"


def _find_button(message: SentMessage, label: str) -> Button:
    buttons = [button for row in message.buttons for button in row]
    exact = [b for b in buttons if b.text == label]
    if len(exact) == 1:
        return exact[0]
    partial = [b for b in buttons if label in b.text]
    if len(exact) > 1 or len(partial) > 1:
        raise LookupError(f"button label {label!r} is ambiguous in {[b.text for b in buttons]}")
    if not partial:
        raise LookupError(f"no button {label!r}; the message has {[b.text for b in buttons]}")
    return partial[0]
