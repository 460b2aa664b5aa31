"""Test helpers: a recording Sender, a condition waiter with a deadline, data builders."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.alerts import lifecycle
from bot.alerts.progress import Progress, progress_from_counts
from bot.delivery.flood import Priority
from bot.storage import outbox, subscribers
from bot.storage.alerts import NewAlert
from bot.storage.database import Database

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)  # 12:00 in Berlin: not quiet hours


def daytime_clock() -> Callable[[], datetime]:
    """A clock that starts at NOW (midday in Berlin) and runs at real speed."""
    start = time.monotonic()
    return lambda: NOW + timedelta(seconds=time.monotonic() - start)


async def wait_for(condition: Callable, *, timeout: float = 10.0, what: str = "condition"):
    """Poll `condition` (sync or async) until truthy; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = condition()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.005)


@dataclass(frozen=True)
class Call:
    kind: str  # 'send' or 'edit'
    chat_id: int
    html: str
    silent: bool | None
    priority: Priority
    message_id: int
    at: float
    reply_to: int | None = None


class RecordingSender:
    """Sender that records every call. `fail[chat_id]` is a list of errors raised by the
    next calls for that chat (one per call); `always_fail[chat_id]` raises on every call.
    `hold` (an Event) makes calls wait until it is set."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.attempts: list[tuple[str, int]] = []
        self.failed_at: dict[int, float] = {}  # chat -> loop time of its latest raised error
        self.fail: dict[int, list[Exception]] = {}
        self.always_fail: dict[int, Exception] = {}
        self.hold: asyncio.Event | None = None
        self._next_id = 1000

    async def send(self, chat_id: int, html: str, **options) -> int:
        """As Sender.send: options silent, priority and (optional) reply_to, paid, button."""
        await self._gate("send", chat_id)
        self._next_id += 1
        silent, priority, reply_to = options["silent"], options["priority"], options.get("reply_to")
        call = Call("send", chat_id, html, silent, priority, self._next_id, _now(), reply_to)
        self.calls.append(call)
        return self._next_id

    async def edit(self, chat_id: int, message_id: int, html: str, **options) -> None:
        """As Sender.edit: options priority and (optional) button."""
        priority = options["priority"]
        await self._gate("edit", chat_id)
        self.calls.append(Call("edit", chat_id, html, None, priority, message_id, _now()))

    async def _gate(self, kind: str, chat_id: int) -> None:
        self.attempts.append((kind, chat_id))
        if self.hold is not None:
            await self.hold.wait()
        await asyncio.sleep(0)
        if chat_id in self.always_fail or self.fail.get(chat_id):
            self.failed_at[chat_id] = _now()
        if chat_id in self.always_fail:
            raise self.always_fail[chat_id]
        if self.fail.get(chat_id):
            raise self.fail[chat_id].pop(0)

    def sends(self, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.kind == "send" and chat_id in (None, c.chat_id)]

    def edits(self, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.kind == "edit" and chat_id in (None, c.chat_id)]


def _now() -> float:
    return asyncio.get_running_loop().time()


async def add_resident(
    db: Database,
    chat_id: int,
    districts: tuple[str, ...] = (),
    *,
    language: str = "de",
    all_districts: bool = False,
    now: datetime = NOW,
) -> None:
    async with db.transaction() as conn:
        await subscribers.set_language(conn, chat_id, language, now)
        for district in districts:
            await subscribers.add_district(conn, chat_id, district)
        if all_districts:
            await subscribers.set_all_districts(conn, chat_id, True)


async def came_back(db: Database, chat_id: int) -> None:
    """The resident unblocked the bot."""
    async with db.transaction() as conn:
        await subscribers.reactivate(conn, chat_id)


async def draft_alert(
    db: Database,
    districts: tuple[str, ...] = ("jena-nord",),
    *,
    severity: str = "warning",
    all_districts: bool = False,
    bodies: dict[str, str] | None = None,
    approvals_required: int = 1,
    now: datetime = NOW,
) -> int:
    """A stored draft (kind 'fraud', by admin 1); returns its id."""
    new = NewAlert(
        kind="fraud",
        severity=severity,
        district_ids=districts,
        all_districts=all_districts,
        bodies=bodies or {"de": "x", "en": "x"},
        created_by=1,
        approvals_required=approvals_required,
    )
    return await lifecycle.create_draft(db, new, now)


async def cancel(db: Database, alert_id: int, withdrawn: dict, notices: dict) -> int:
    """Withdraw the alert as admin 1 (Entwarnung); returns the copies to withdraw."""
    return await lifecycle.cancel(
        db, alert_id, withdrawn=withdrawn, notices=notices, cancelled_by=1, now=NOW
    )


async def queued_alert(
    db: Database,
    districts: tuple[str, ...] = ("jena-nord",),
    *,
    severity: str = "warning",
    all_districts: bool = False,
    body: str = "alert",
) -> int:
    """A draft, approved by one admin and queued; returns its id."""
    bodies = {"de": f"<b>{body}</b> DE", "en": f"<b>{body}</b> EN"}
    alert_id = await draft_alert(
        db, districts, severity=severity, all_districts=all_districts, bodies=bodies
    )
    await lifecycle.approve(db, alert_id, 1, NOW)
    await lifecycle.queue(db, alert_id, NOW)
    return alert_id


async def delivery_states(db: Database, alert_id: int) -> dict[int, str]:
    rows = await db.fetch_all(
        "SELECT chat_id, state FROM deliveries WHERE alert_id = ?", (alert_id,)
    )
    return {r["chat_id"]: r["state"] for r in rows}


async def progress_of(db: Database, alert_id: int) -> Progress:
    """An alert's progress as the comms desk reads it (AlertDesk.progress, without a rate)."""
    return progress_from_counts(alert_id, await outbox.counts(db.connection, alert_id), None)


async def residents_in_file(db_path: Path, chats: Iterable[int], districts=("winzerla",)) -> None:
    """Residents of `districts` in the database file, as a bot process will find them."""
    db = await Database.open(db_path)
    try:
        for chat_id in chats:
            await add_resident(db, chat_id, districts)
    finally:
        await db.close()
