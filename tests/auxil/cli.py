"""Command-line test helpers: a database with five residents, and reading it back."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.delivery import worklist
from bot.storage.database import Database
from tests.auxil.delivery import add_resident
from tests.auxil.unprivileged import unprivileged

NOW = datetime(2026, 11, 21, 11, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
_LOCALE = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")


def cli_environment(env: dict[str, str], locale: str = "en_US.UTF-8") -> dict[str, str]:
    """For `python -m bot` in a subprocess: this environment without our settings and
    locale, then the desk's `locale` (LANG) and `env`."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "STADTWARN_")) and k not in _LOCALE
    }
    return {**clean, "PYTHONPATH": str(ROOT), "LANG": locale, **env}


def run_cli(
    *args: str,
    cwd: Path,
    env: dict[str, str],
    locale: str = "en_US.UTF-8",
    as_bot_user: bool = False,
    **options,
) -> subprocess.CompletedProcess:
    """The real `python -m bot <args>` in a subprocess (text, 60 s at most). `as_bot_user`:
    bound by file permissions even as root (tests/auxil/unprivileged.py). `options`: more
    for subprocess.run (e.g. preexec_fn)."""
    command = [sys.executable, "-m", "bot", *args]
    return subprocess.run(
        unprivileged(command) if as_bot_user else command,
        env=cli_environment(env, locale),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **options,
    )


# chat id -> (districts, language, all_districts, active)
RESIDENTS = {
    1: (("winzerla",), "de", False, True),
    2: (("winzerla", "neulobeda"), "en", False, True),
    3: (("neulobeda",), "de", False, True),
    4: ((), "de", True, True),  # all of the city
    5: (("winzerla",), "de", False, False),  # blocked the bot: never a recipient
}
WINZERLA_RECIPIENTS = {1, 2, 4}


async def fill(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        for chat_id, (districts, language, all_districts, active) in RESIDENTS.items():
            await add_resident(
                db, chat_id, districts, language=language, all_districts=all_districts
            )
            if not active:
                await worklist.mark_gone(db, chat_id, "Forbidden: bot was blocked", NOW)
    finally:
        await db.close()


async def _query(db_path: Path, fn):
    db = await Database.open(db_path)
    try:
        return await fn(db)
    finally:
        await db.close()


def query(db_path: Path, fn):
    return asyncio.run(_query(db_path, fn))


def delivery_chats(db_path: Path) -> set[int]:
    async def fetch(db):
        return {r["chat_id"] for r in await db.fetch_all("SELECT chat_id FROM deliveries")}

    return query(db_path, fetch)


def alert_count(db_path: Path) -> int:
    async def fetch(db):
        return (await db.fetch_one("SELECT COUNT(*) FROM alerts"))[0]

    return query(db_path, fetch)


class FakeTerminal(io.StringIO):
    """stdin of an interactive terminal with the comms desk's typed answer."""

    def isatty(self) -> bool:
        return True


def send_args(*extra: str) -> list[str]:
    return ["alert", "send", "--district", "winzerla", "--severity", "warning", *extra]


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("stadtwarn: ")
    assert "Traceback" not in err
    return lines[0]
