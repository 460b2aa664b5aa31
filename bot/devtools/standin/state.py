"""The stand-in's world: chats, the bot's messages, queued updates, commands and answers."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.devtools.standin.models import CallbackAnswer, SentMessage, Stats

T = TypeVar("T")

# Update types Telegram delivers when allowed_updates was never set (or set to []).
DEFAULT_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
    }
)


class ChangeSignal:
    """Wakes every waiter whenever the state changes; waiters re-check their condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], T], timeout: float | None) -> T:  # noqa: ASYNC109
        """Return predicate()'s first truthy value; raise TimeoutError after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while True:
                event = self._event
                result = predicate()
                if result:
                    return result
                await event.wait()


@dataclass
class Chat:
    """A private chat between the bot and one resident (chat id == user id)."""

    user: dict[str, Any]
    messages: dict[int, SentMessage] = field(default_factory=dict)  # the bot's messages
    user_message_ids: set[int] = field(default_factory=set)
    next_message_id: int = 1
    blocked: bool = False
    gone: bool = False

    @property
    def id(self) -> int:
        return self.user["id"]

    def api_chat(self) -> dict[str, Any]:
        chat = {"id": self.id, "type": "private", "first_name": self.user["first_name"]}
        for key in ("last_name", "username"):
            if self.user.get(key):
                chat[key] = self.user[key]
        return chat

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass(frozen=True)
class Webhook:
    url: str
    secret_token: str  # "" if none was given


@dataclass
class TelegramState:
    """Everything the fake Bot API knows; shared by the HTTP methods and the test API."""

    bot_user: dict[str, Any]
    chats: dict[int, Chat] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    menu_buttons: dict[int | None, dict[str, Any]] = field(default_factory=dict)
    open_queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    callback_answers: dict[str, CallbackAnswer] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    closing: bool = False
    webhook: Webhook | None = None  # set by setWebhook: updates are pushed, getUpdates is 409
    webhook_answers: list[int] = field(default_factory=list)  # HTTP statuses of the pushes
    changed: ChangeSignal = field(default_factory=ChangeSignal)
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _query_ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def queue_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.changed.notify()
        return update

    def set_blocked(self, chat: Chat, blocked: bool) -> None:
        """Block or unblock the bot in `chat`, queueing the my_chat_member update Telegram sends."""
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        self.queue_update(
            "my_chat_member",
            {
                "chat": chat.api_chat(),
                "from": dict(chat.user),
                "date": self.now(),
                "old_chat_member": self._bot_member(old),
                "new_chat_member": self._bot_member(new),
            },
        )

    def _bot_member(self, status: str) -> dict[str, Any]:
        member: dict[str, Any] = {"status": status, "user": self.bot_user}
        if status == "kicked":
            member["until_date"] = 0  # banned forever, as Telegram reports a block
        return member

    def new_query_id(self) -> str:
        return f"{next(self._query_ids):016d}"

    def chat(self, chat_id: int) -> Chat | None:
        return self.chats.get(chat_id)

    @staticmethod
    def now() -> int:
        return int(time.time())

    @staticmethod
    def monotonic() -> float:
        return time.monotonic()
