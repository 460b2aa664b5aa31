"""The Dockerfile's HEALTHCHECK, run as the container engine would run it (its exec form,
with the image's STADTWARN_HTTP), against the real bot: healthy while the database can be
written, unhealthy once it cannot. No engine runs on this machine: this is the command."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from bot.devtools.standin import FakeTelegram
from tests.auxil.cli import cli_environment
from tests.auxil.deploy_files import ROOT, dockerfile_instructions
from tests.auxil.http_bot import start_bot, stop
from tests.auxil.ports import free_port

TOKEN = "123456:SECRET-TOKEN-abcdefgh"


def healthcheck_command() -> list[str]:
    """The HEALTHCHECK's CMD, with the image's `python` as this one."""
    (check,) = [a for w, a in dockerfile_instructions(ROOT / "Dockerfile") if w == "HEALTHCHECK"]
    command = json.loads(check[check.index("CMD") + 3 :].strip())
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


async def healthy(port: int) -> bool:
    """What the engine would record: the check's exit status 0."""
    check = await asyncio.create_subprocess_exec(
        *healthcheck_command(),
        env=cli_environment({"STADTWARN_HTTP": f"0.0.0.0:{port}"}),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await asyncio.wait_for(check.wait(), 10) == 0


async def until_health(port: int, expected: bool) -> None:
    async with asyncio.timeout(30):
        while await healthy(port) is not expected:
            await asyncio.sleep(0.2)


@pytest.mark.slow
async def test_the_healthcheck_follows_the_bot(tmp_path):
    port = free_port()
    db_path = tmp_path / "data" / "stadtwarn.sqlite3"
    db_path.parent.mkdir()
    async with FakeTelegram(TOKEN) as tg:
        assert not await healthy(port)  # no bot yet: unhealthy, not an error of the check
        bot = await start_bot(tg, db_path, port, tmp_path / "bot.log", webhook=False)
        try:
            await until_health(port, True)
            db_path.chmod(0o444)
            await until_health(port, False)
            db_path.chmod(0o644)
            await until_health(port, True)
        finally:
            db_path.chmod(0o644)
            assert await stop(bot) == 0
