"""`python -m bot run` when it cannot work: it ends by itself within 10 s, with one line,
a documented exit status and never the token."""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.alerts.compose import AlertDraft
from bot.app import FULL_DISK_GIVE_UP
from bot.devtools.bot_process import queue_alert, start_bot_process
from bot.devtools.standin import FakeTelegram
from tests.auxil.cli import cli_environment
from tests.auxil.delivery import residents_in_file
from tests.auxil.unprivileged import unprivileged

TOKEN = "123456:SECRET-TOKEN-abcdefgh"
ENDS_WITHIN = 10  # seconds


def run_bot(
    db_path: Path, api_url: str, cwd: Path, timeout: float = ENDS_WITHIN + 20
) -> subprocess.CompletedProcess:
    """`python -m bot run`, bound by file permissions even as root (tests/auxil/unprivileged)."""
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url, "STADTWARN_DB": str(db_path)}
    return subprocess.run(
        unprivileged([sys.executable, "-m", "bot", "run"]),
        env=cli_environment(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_clean_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    assert TOKEN not in text and TOKEN.partition(":")[2] not in text
    return lines[0]


def schema_version_999(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(20_000))


def damaged_pages(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [("x" * 200,)] * 500)
    with path.open("r+b") as file:
        for page in (2, 3, 4):
            file.seek(4096 * page)
            file.write(b"\x07\xff\xff\x00" * 50)


def under_a_regular_file(path: Path) -> Path:
    path.write_text("not a folder")
    return path / "stadtwarn.sqlite3"


def read_only_file(path: Path) -> None:
    schema_version_999(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 0")
    path.chmod(0o444)


def read_only_backup(path: Path) -> None:
    """The bot's own database, restored with the wrong owner: in WAL mode and migrated, so
    opening it needs no write; only the first real one would fail."""
    asyncio.run(residents_in_file(path, range(1, 5)))
    path.chmod(0o444)


def read_only_folder(path: Path) -> None:
    read_only_file(path)
    path.chmod(0o644)
    path.parent.chmod(0o555)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (random_bytes, "file is not a database"),
        (schema_version_999, "schema version 999, newer than this program"),
        (damaged_pages, "damaged"),
        (under_a_regular_file, "cannot be used"),
        (read_only_file, "is read-only: give the bot's user write access"),
        (read_only_backup, "is read-only: give the bot's user write access"),
        (read_only_folder, "folder"),
    ],
)
def test_an_unusable_database_ends_the_bot_with_one_line(tmp_path, spoil, expected):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "stadtwarn.sqlite3"
    path = spoil(path) or path
    try:
        # Telegram is not even asked: the port is closed, the database is checked first.
        # As root, without the capabilities that override file permissions (setpriv).
        result = run_bot(path, "http://127.0.0.1:9/bot", tmp_path, timeout=ENDS_WITHIN)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 3
    line = one_clean_line(result.stderr)
    assert expected in line
    if spoil is read_only_folder:
        assert "is read-only: give the bot's user write access" in line


@pytest.mark.slow
async def test_a_rejected_token_at_start_ends_with_one_line(tmp_path):
    async with FakeTelegram("999:ANOTHER-TOKEN") as tg:  # so ours gets 401
        result = await asyncio.to_thread(run_bot, tmp_path / "db.sqlite3", tg.api_url, tmp_path)
    assert result.returncode == 4
    assert "Telegram rejected the bot token" in one_clean_line(result.stderr)


@pytest.mark.slow
def test_an_unreachable_bot_api_ends_with_one_line(tmp_path):
    result = run_bot(tmp_path / "db.sqlite3", "http://127.0.0.1:9/bot", tmp_path)
    assert result.returncode == 5
    assert "cannot reach the Bot API at http://127.0.0.1:9/bot" in one_clean_line(result.stderr)


@pytest.mark.slow
async def test_a_token_revoked_while_running_ends_the_bot(tmp_path):
    log = tmp_path / "bot.log"
    async with FakeTelegram(TOKEN) as tg:
        bot = await start_bot_process(tg, tmp_path / "db.sqlite3", rate=30, log=log)
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            tg.revoke_token()
            status = await asyncio.wait_for(bot.wait(), ENDS_WITHIN)
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
    assert status == 4
    text = log.read_text()
    assert TOKEN not in text and TOKEN.partition(":")[2] not in text
    assert text.strip().splitlines()[-1].startswith("stadtwarn: Telegram rejected the bot token")


@pytest.mark.slow
async def test_a_second_bot_on_the_same_database_refuses_to_start(tmp_path):
    db_path = tmp_path / "db.sqlite3"
    async with FakeTelegram(TOKEN) as tg:
        first = await start_bot_process(tg, db_path, rate=30, log=tmp_path / "first.log")
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            second = await asyncio.to_thread(run_bot, db_path, tg.api_url, tmp_path)
            assert first.returncode is None  # the first one runs on
        finally:
            first.terminate()
            await asyncio.wait_for(first.wait(), 15)
    assert second.returncode == 6
    assert "another Stadtwarn bot already runs on" in one_clean_line(second.stderr)


@pytest.mark.slow
async def test_sigterm_during_a_two_minute_429_pause_ends_the_bot_within_5_s(tmp_path):
    db_path, log = tmp_path / "db.sqlite3", tmp_path / "bot.log"
    async with FakeTelegram(TOKEN) as tg:
        bot = await start_bot_process(tg, db_path, rate=30, log=log)
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            tg.fail_next(1, method="sendMessage", kind="flood")  # retry_after: 120 s
            tg.user(1).send("/start winzerla")
            await tg.wait_for(lambda t: ("sendMessage", "flood") in t.injected_failures, 15)
            draft = AlertDraft("free_text", "warning", ("winzerla",), False, text="Test")
            await queue_alert(db_path, draft)  # its copy waits out the pause as well
            stopped = time.monotonic()
            bot.terminate()
            status = await asyncio.wait_for(bot.wait(), 15)
            took = time.monotonic() - stopped
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
    assert status == 0 and took < 5, (status, took)
    assert "Traceback" not in log.read_text()


@pytest.mark.slow
async def test_a_disk_that_stays_full_ends_the_bot_and_residents_hear_why(tmp_path):
    db_path = tmp_path / "db.sqlite3"
    await residents_in_file(db_path, range(1, 50))
    limit = db_path.stat().st_size  # no file of the bot may grow beyond this: a full disk
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "STADTWARN_DB": str(db_path)}
    async with FakeTelegram(TOKEN, rate_limit_per_second=None) as tg:
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            env=cli_environment({**env, "TELEGRAM_API_URL": tg.api_url}),
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
        )  # fmt: skip
        errors = asyncio.create_task(bot.stderr.read())  # read all along: a full pipe blocks
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            replies = []
            for chat_id in range(1000, 1100):  # each /start writes, until nothing fits
                replies.append((await tg.user(chat_id).ask("/start winzerla", 10)).text)
                if replies[-1].startswith("Entschuldigung: Stadtwarn kann gerade nichts"):
                    break
            status = await asyncio.wait_for(bot.wait(), FULL_DISK_GIVE_UP + ENDS_WITHIN)
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
        stderr = (await errors).decode()
    assert replies[-1].startswith("Entschuldigung: Stadtwarn kann gerade nichts speichern.")
    assert status == 3
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("stadtwarn: writing to the database")
