"""The real bot process, `python -m bot run`, with its HTTP server (STADTWARN_HTTP), run
by file permissions even as root (tests/auxil/unprivileged.py)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.devtools.standin import FakeTelegram
from tests.auxil.cli import cli_environment
from tests.auxil.unprivileged import unprivileged

SECRET = "s3cret-" + "x" * 40  # the webhook's secret_token in webhook mode


async def start_bot(
    tg: FakeTelegram, db_path: Path, port: int, log: Path, *, webhook: bool, **more: str
) -> asyncio.subprocess.Process:
    """`python -m bot run` with its HTTP server, bound by file permissions even as root."""
    env = {
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_URL": tg.api_url,
        "STADTWARN_DB": str(db_path),
        "STADTWARN_HTTP": f"127.0.0.1:{port}",
        **more,
    }
    if webhook:
        env |= {
            "STADTWARN_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "STADTWARN_WEBHOOK_SECRET": SECRET,
        }
    with log.open("ab") as stderr:
        return await asyncio.create_subprocess_exec(
            *unprivileged([sys.executable, "-m", "bot", "run"]),
            env=cli_environment(env),
            cwd=db_path.parent,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )


async def stop(bot: asyncio.subprocess.Process) -> int:
    if bot.returncode is None:
        bot.terminate()
    return await asyncio.wait_for(bot.wait(), 15)
