"""The unit's MemoryDenyWriteExecute=yes, NoNewPrivileges=yes and empty capability set, as
the real `python -m bot run` meets them: the kernel's own switch for it (prctl PR_SET_MDWE,
which newer systemd uses too) set before the bot starts, no capability and no new
privileges (setpriv). The bot starts, answers a check (numpy, scipy, scikit-learn, SQLite,
TLS-capable httpx), reloads its city file on SIGHUP and stops with 0 on SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import mmap
import os
import shutil
import signal
import subprocess
import sys

import pytest

from bot.devtools.bot_process import ROOT
from bot.devtools.standin import FakeTelegram
from tests.auxil.delivery import wait_for

PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1  # linux/prctl.h, Linux 6.3
SCAM = "Hier Polizei. Rückruf unter 0900 1234567 oder jena-termine.de"
PREMIUM = "ist eine teure Sonderrufnummer – bitte nicht zurückrufen."
LIBC = ctypes.CDLL(None, use_errno=True)


def deny_write_execute() -> None:
    """In the child, before exec: no memory may be writable and executable, from now on."""
    if LIBC.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_MDWE)")


def _kernel_has_mdwe() -> bool:
    probe = "import mmap; mmap.mmap(-1, 4096, prot=7)"  # read, write and execute
    try:
        run = subprocess.run(
            [sys.executable, "-c", probe],
            preexec_fn=deny_write_execute,
            capture_output=True,
            check=False,
        )
    except subprocess.SubprocessError:  # prctl failed: a kernel before 6.3
        return False
    return run.returncode != 0 and b"PermissionError" in run.stderr


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not _kernel_has_mdwe(), reason="the kernel has no PR_SET_MDWE (Linux 6.3 or later)"
    ),
]


def test_the_probe_is_refused_writable_and_executable_memory():
    """The switch this test relies on works (also after exec), and plain Python may map it."""
    assert mmap.mmap(-1, 4096, prot=7) is not None
    assert _kernel_has_mdwe()


def _command() -> list[str]:
    bot = [sys.executable, "-m", "bot", "run"]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return bot
    return [setpriv, "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all", "--", *bot]


async def test_the_bot_runs_under_memory_deny_write_execute(tmp_path):
    log = tmp_path / "bot.log"
    async with FakeTelegram("123456:MDWE-TEST") as tg:
        resident = tg.user(8601, language_code="de")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": tg.token,
            "TELEGRAM_API_URL": tg.api_url,
            "STADTWARN_DB": str(tmp_path / "stadtwarn.sqlite3"),
        }
        with log.open("ab") as stderr:
            bot = await asyncio.create_subprocess_exec(
                *_command(),
                env=env,
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                preexec_fn=deny_write_execute,
            )
        try:
            await resident.ask("/start winzerla", timeout=60)
            known = len(resident.messages)
            resident.forward(SCAM, origin_name="Unbekannt")
            reply = await resident.wait_for(
                lambda r: next((m for m in r.messages[known:] if PREMIUM in m.text), None),
                timeout=30,
            )
            bot.send_signal(signal.SIGHUP)  # what `systemctl reload stadtwarn` sends
            await wait_for(
                lambda: "city file reloaded" in log.read_text(), timeout=15, what="the reload"
            )
            bot.send_signal(signal.SIGTERM)  # what `systemctl stop stadtwarn` sends
            status = await asyncio.wait_for(bot.wait(), 15)
        finally:
            with contextlib.suppress(ProcessLookupError):
                bot.kill()
    text = log.read_text()
    assert PREMIUM in reply.text
    assert status == 0, text
    assert "Traceback" not in text and "MemoryError" not in text
