"""The PTB adapter for processing updates: different chats at once, each chat's in order.

PTB handles one update at a time by default, so a reply that waits for its chat's pace
(about one message a second, bot/delivery/flood.py) held up every other resident: one who
forwarded 20 scam texts at once delayed everybody else by many seconds. With `PerChatOrder`
(`Application.builder().concurrent_updates(PerChatOrder())`) PTB starts a task per update;
the updates of one chat (else of one user) take turns on that chat's lock, in the order they
arrived, and updates of different chats never wait for each other. Updates with neither a
chat nor a user just run. A chat's lock is dropped once no update holds or waits for it.

Why the order holds: PTB creates one task per update in arrival order, and asyncio starts
tasks in the order they were created. Each task runs without suspending into
`do_process_update`, where it queues for its chat's lock before its first await; asyncio's
Lock is fair (first come, first served). The one place before that which could suspend is
PTB's semaphore in `process_update`, taken before `do_process_update`; it is sized so that it
never fills (`NEVER_FULL`), so no task waits there and overtakes another. The bound that
matters, on handlers actually running, is our own (`running`), taken after the chat's turn:
one chat has at most one update past its lock, so that bound's order cannot swap a chat's
updates, and an update waiting for its turn holds no place in it.

Conversation state (handlers/user_data.py) is read and written by the handlers themselves; a
chat's updates never overlap here, so each flow still sees one update at a time.

Stopping: PTB's Application.stop waits for every update task; the ones still queued for
their chat run in turn and end at once when replying, because the bot closes the flood budget
first (bot/app.py, running_application).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Handlers running at once, over all chats (PTB's own default for concurrent updates).
RUNNING_AT_ONCE = 256
# PTB's semaphore is taken before a chat's turn: it must never be what an update waits for.
NEVER_FULL = 2**31 - 1


@dataclass(eq=False)
class _ChatTurns:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0  # updates holding or waiting for the lock


def chat_key(update: object) -> int | None:
    """Whose turn an update takes: its chat, else its user (a button under an inline
    message); None for updates with neither (they run at once)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatOrder(BaseUpdateProcessor):
    """Concurrent updates, in arrival order per chat; at most `running` handlers at once."""

    def __init__(self, running: int = RUNNING_AT_ONCE) -> None:
        super().__init__(NEVER_FULL)
        if running < 1:
            raise ValueError(f"running must be at least 1, got {running}")
        self._running = asyncio.Semaphore(running)
        self._chats: dict[int, _ChatTurns] = {}

    @property
    def chats_with_updates(self) -> int:
        """Chats with an update running or waiting (their locks are kept until then)."""
        return len(self._chats)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await self._in_turn(chat_key(update), coroutine)
        except asyncio.CancelledError:
            _close(coroutine)  # cancelled before its turn came, it was never awaited
            raise

    async def _in_turn(self, key: int | None, coroutine: Awaitable[Any]) -> None:
        if key is None:
            async with self._running:
                await coroutine
            return
        # Synchronous up to lock.acquire(), which queues this update before its first await.
        turns = self._chats.get(key)
        if turns is None:
            turns = self._chats[key] = _ChatTurns()
        turns.users += 1
        try:
            async with turns.lock, self._running:
                await coroutine
        finally:
            turns.users -= 1
            if turns.users == 0:
                del self._chats[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _close(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:  # a finished coroutine closes as a no-op
        close()
