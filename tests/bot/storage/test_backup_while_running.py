"""`stadtwarn backup` beside a running bot: during a broadcast to 3,000 residents while 50
more write, the copy is whole and consistent, `restore` refuses while the bot runs, and a bot
starts on the restored copy and finishes the broadcast. Residents who left (/stop through the
real bot) are in no byte of a backup, even one taken before the bot's own scrub."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.alerts.compose import AlertDraft
from bot.cli import EXIT_ALREADY_RUNNING
from bot.devtools.bot_process import queue_alert, start_bot_process
from bot.devtools.standin import FakeTelegram
from bot.storage import subscribers
from bot.storage.database import Database
from tests.auxil.cli import cli_environment
from tests.auxil.delivery import NOW, wait_for
from tests.auxil.running_bot import running_bot
from tests.bot.storage.test_scrub import CHATS, encodings, subscribed_and_alerted

TOKEN = "123456:BACKUP-TEST"
BROADCAST = range(80_001, 83_001)  # 3,000 residents of Winzerla
WRITERS = range(95_001, 95_051)  # 50 more, who subscribe during the broadcast
MARKER = "Sicherungs-Warnung"
BACKUP_AFTER = 300  # copies accepted by Telegram


async def stadtwarn(db_path: Path, *args: str) -> tuple[int, str, str]:
    """`python -m bot …` as a process of its own, without holding up the running bot."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        env=cli_environment({"STADTWARN_DB": str(db_path)}),
        cwd=db_path.parent,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, out.decode(), err.decode()


async def residents(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        async with db.transaction() as conn:
            for chat_id in BROADCAST:
                await subscribers.set_language(conn, chat_id, "de", NOW)
                await subscribers.add_district(conn, chat_id, "winzerla")
    finally:
        await db.close()


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "subscribers": one("SELECT COUNT(*) FROM subscribers"),
            "subscriptions": one("SELECT COUNT(*) FROM subscriptions"),
            "deliveries": one("SELECT COUNT(*) FROM deliveries"),
            "sent": one("SELECT COUNT(*) FROM deliveries WHERE state = 'sent'"),
        }
    finally:
        connection.close()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


async def stop(process: asyncio.subprocess.Process) -> int:
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), 20)


@pytest.mark.slow
async def test_backup_during_a_broadcast_restores_to_a_bot_that_goes_on(tmp_path):
    db_path = tmp_path / "stadtwarn.sqlite3"
    backup = tmp_path / "backups" / "stadtwarn.sqlite3"
    backup.parent.mkdir()
    log = tmp_path / "bot.log"
    await residents(db_path)
    draft = AlertDraft("free_text", "urgent", ("winzerla",), False, text=MARKER)
    _, recipients = await queue_alert(db_path, draft)
    assert recipients == len(BROADCAST)
    async with FakeTelegram(TOKEN, rate_limit_per_second=30) as tg:
        for chat_id in BROADCAST:
            tg.user(chat_id)
        bot = await start_bot_process(tg, db_path, rate=1000, log=log)  # paid: 1,000/s
        try:
            await tg.wait_for(lambda t: t.stats.sent >= BACKUP_AFTER, timeout=30)
            writers = [tg.user(chat_id) for chat_id in WRITERS]
            for writer in writers:
                writer.send("/start winzerla")
            status, out, err = await stadtwarn(db_path, "backup", str(backup))
            assert status == 0, err + log.read_text()
            sent_after_backup = tg.stats.sent
            status, out, err = await stadtwarn(db_path, "restore", str(backup))
            assert status == EXIT_ALREADY_RUNNING and out == ""
            assert err.startswith(f"stadtwarn: a Stadtwarn bot (process {bot.pid}) runs on ")
            assert err.count("\n") == 1
            for writer in writers:
                await writer.next_message(timeout=30)
            await wait_for(
                lambda: counts(db_path)["sent"] == len(BROADCAST), timeout=40, what="the broadcast"
            )
        finally:
            assert await stop(bot) == 0, log.read_text()
        live = counts(db_path)
        assert live["subscribers"] == len(BROADCAST) + len(WRITERS)

        assert integrity(backup) == "ok"
        copy = counts(backup)
        print(f"backup: {copy}; Telegram had accepted {sent_after_backup} after it")
        assert len(BROADCAST) <= copy["subscribers"] <= len(BROADCAST) + len(WRITERS)
        assert copy["subscriptions"] == copy["subscribers"]  # one moment: each with its district
        assert copy["deliveries"] == len(BROADCAST)
        assert BACKUP_AFTER - 50 <= copy["sent"] < sent_after_backup  # a moment during it

        status, out, err = await stadtwarn(db_path, "restore", str(backup))
        assert status == 0, err
        assert counts(db_path) == copy
        (kept,) = tmp_path.glob("stadtwarn.sqlite3.before-restore-*")
        assert counts(kept) == live

        bot = await start_bot_process(tg, db_path, rate=1000, log=log)  # goes on from the copy
        try:
            await wait_for(
                lambda: counts(db_path)["sent"] == len(BROADCAST), timeout=40, what="the rest"
            )
        finally:
            assert await stop(bot) == 0, log.read_text()
        assert counts(db_path)["subscribers"] == copy["subscribers"]


def ids_in(path: Path) -> set[int]:
    data = path.read_bytes()
    return {c for c in CHATS if any(e in data for e in encodings(c))}


@pytest.mark.slow
async def test_residents_who_left_are_in_no_backup(telegram, tmp_path):
    """/stop through the real bot; a backup before the bot's scrub, and one after it."""
    db_path = tmp_path / "db.sqlite3"
    await subscribed_and_alerted(db_path)
    before_scrub, after_scrub = tmp_path / "before.sqlite3", tmp_path / "after.sqlite3"
    async with running_bot(telegram, db_path, scrub_delay=3600) as application:
        for chat_id in CHATS:
            resident = telegram.user(chat_id)
            await resident.ask("/stop")
            await resident.press_and_read("Ja, alles löschen", "Sie sind abgemeldet.")
        status, _, err = await stadtwarn(db_path, "backup", str(before_scrub))
        assert status == 0, err
        assert await application.bot_data["stadtwarn_services"].db.scrub()
        status, _, err = await stadtwarn(db_path, "backup", str(after_scrub))
        assert status == 0, err
    assert ids_in(before_scrub) == set() and ids_in(after_scrub) == set()
    kept = [c for c in range(CHATS.start + 1, CHATS.stop, 3)][:5]  # residents who stayed
    assert all(any(e in before_scrub.read_bytes() for e in encodings(c)) for c in kept)
