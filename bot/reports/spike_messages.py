"""The admins' messages about a spike: which message tells which admin, and one lock per spike
while those messages are read, sent or edited."""

from __future__ import annotations

import asyncio
import weakref

from bot.storage import Database, reports


class SpikeMessages:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def lock(self, spike_id: int) -> asyncio.Lock:
        """One lock per spike while its desk messages are read, sent or edited: two residents
        in different chats whose reports grow the same spike at once give each admin one
        message, edited to the newest counts (not two, nor older counts last)."""
        lock = self._locks.get(spike_id)
        if lock is None:
            lock = self._locks[spike_id] = asyncio.Lock()
        return lock

    async def of(self, spike_id: int) -> dict[int, int]:
        """admin id -> the message that tells them about the spike."""
        return await reports.spike_messages(self._db.connection, spike_id)

    async def remember(self, spike_id: int, admin_id: int, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await reports.save_spike_message(conn, spike_id, admin_id, message_id)
