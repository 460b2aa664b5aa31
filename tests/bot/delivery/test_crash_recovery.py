"""kill -9 in the middle of a broadcast: a second `python -m bot run` finishes it.

Every recipient gets the alert at least once; duplicates only for copies Telegram had
accepted but the killed process had not yet recorded as sent (bounded by max_in_flight).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.alerts.compose import AlertDraft
from bot.alerts.desk import AlertDesk
from bot.city.data import load_city
from bot.clock import BERLIN
from bot.delivery.engine import IN_FLIGHT
from bot.devtools.bot_process import queue_alert, start_bot_process
from bot.devtools.standin import FakeTelegram
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import alerts
from bot.storage.database import Database
from bot.texts import Texts
from bot.vocabulary import HourChange
from tests.auxil.delivery import residents_in_file, wait_for

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "123456:CRASH-TEST"
CHATS = range(90_001, 90_301)  # 300 residents of Winzerla
RATE = 50
KILL_AFTER = 80
MAX_IN_FLIGHT = IN_FLIGHT  # the bot runs without paid broadcasts here
MARKER = "Crash-Test-Warnung"


async def _queue_alert(db_path: Path) -> int:
    await residents_in_file(db_path, CHATS)
    draft = AlertDraft("free_text", "warning", ("winzerla",), False, text=MARKER)
    alert_id, recipients = await queue_alert(db_path, draft)
    assert recipients == len(CHATS)
    return alert_id


async def _queue_hours_notice(db_path: Path) -> int:
    """A cancelled office hour of Jena-Winzerla, announced as the command line does."""
    await residents_in_file(db_path, CHATS)
    db = await Database.open(db_path)
    try:
        city = load_city(BUNDLED_CITY_PATH)
        desk = AlertDesk(db, city, Texts(city=city), approvals_required=1, rate=None)
        officer = next(o for o in city.officers if o.area_id == "jena-winzerla")
        monday = datetime.now(BERLIN).date() + timedelta(days=7 - datetime.now(BERLIN).weekday())
        change = HourChange(officer.area_id, HourChange.CANCELLED, monday, note=MARKER)
        outcome = await desk.announce_hours(officer, change, None, admin_id=0)
        assert outcome.queued and outcome.recipients == len(CHATS)
        return outcome.alert_id
    finally:
        await db.close()


async def _sent_chats(db_path: Path, alert_id: int) -> set[int]:
    db = await Database.open(db_path)
    try:
        rows = await db.fetch_all(
            "SELECT chat_id FROM deliveries WHERE alert_id = ? AND state = 'sent'", (alert_id,)
        )
        return {row["chat_id"] for row in rows}
    finally:
        await db.close()


async def _alert_state(db_path: Path, alert_id: int) -> str:
    db = await Database.open(db_path)
    try:
        return (await alerts.get(db.connection, alert_id)).state
    finally:
        await db.close()


@pytest.mark.slow
@pytest.mark.parametrize("queue", [_queue_alert, _queue_hours_notice], ids=["alert", "hours"])
async def test_kill_9_mid_broadcast_every_resident_gets_the_alert(tmp_path, queue):
    """Also for a change of office hours the desk announced: it takes the alerts' outbox."""
    db_path = tmp_path / "stadtwarn.sqlite3"
    log = tmp_path / "bot.log"
    alert_id = await queue(db_path)
    processes: list[asyncio.subprocess.Process] = []
    async with FakeTelegram(TOKEN, rate_limit_per_second=RATE) as tg:
        for chat_id in CHATS:
            tg.user(chat_id)

        def copies(chat_id: int) -> int:
            return sum(MARKER in m.text for m in tg.user(chat_id).messages)

        try:
            processes.append(await start_bot_process(tg, db_path, rate=RATE, log=log))
            await tg.wait_for(lambda t: t.stats.sent >= KILL_AFTER, timeout=30)
            os.kill(processes[0].pid, signal.SIGKILL)
            assert await asyncio.wait_for(processes[0].wait(), 10) == -signal.SIGKILL
            accepted_at_crash = tg.stats.sent
            recorded_at_crash = await _sent_chats(db_path, alert_id)
            assert accepted_at_crash < len(CHATS), "killed too late to prove anything"

            processes.append(await start_bot_process(tg, db_path, rate=RATE, log=log))
            await tg.wait_for(lambda _t: all(copies(c) >= 1 for c in CHATS), timeout=60)
            await wait_for(
                lambda: _done(db_path, alert_id), timeout=20, what="the alert to be done"
            )
        finally:
            for process in processes:
                if process.returncode is None:
                    process.kill()
                    with contextlib.suppress(ProcessLookupError):
                        await asyncio.wait_for(process.wait(), 10)

    received = {chat_id: copies(chat_id) for chat_id in CHATS}
    assert min(received.values()) >= 1, log.read_text()
    duplicated = {chat_id for chat_id, n in received.items() if n > 1}
    duplicates = sum(received.values()) - len(CHATS)
    print(
        f"accepted at crash {accepted_at_crash}, recorded {len(recorded_at_crash)}, "
        f"duplicates {duplicates}"
    )
    # Only copies in flight at the crash (accepted, 'sent' not yet committed) are resent ...
    assert duplicates <= MAX_IN_FLIGHT, (duplicates, accepted_at_crash, len(recorded_at_crash))
    assert max(received.values()) <= 2
    # ... and a copy recorded as sent is never sent again.
    assert not duplicated & recorded_at_crash
    assert await _sent_chats(db_path, alert_id) == set(CHATS)


async def _done(db_path: Path, alert_id: int) -> bool:
    return await _alert_state(db_path, alert_id) == "done"
