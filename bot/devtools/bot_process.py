"""For tests and benchmarks: `python -m bot run` as a real process, and queueing an alert."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from bot.alerts.compose import AlertDraft
from bot.alerts.desk import CLI_ADMIN_ID, AlertDesk
from bot.city.data import load_city
from bot.delivery.paid import FREE_LIMIT, PaidBroadcast
from bot.devtools.standin import FakeTelegram
from bot.settings import BUNDLED_CITY_PATH
from bot.storage.database import Database
from bot.texts import Texts

ROOT = Path(__file__).resolve().parents[2]  # the repository (the working directory of the bot)


async def start_bot_process(
    tg: FakeTelegram, db_path: Path, *, rate: float, log: Path, env: dict[str, str] | None = None
) -> asyncio.subprocess.Process:
    """The real bot in its own process, polling the stand-in; stderr goes to `log`; `env`:
    more settings (e.g. STADTWARN_CITY)."""
    extra = env or {}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STADTWARN_"))}
    env = {
        **clean,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_URL": tg.api_url,
        "STADTWARN_DB": str(db_path),
        "STADTWARN_SEND_RATE": f"{min(rate, FREE_LIMIT):g}",
    }
    if rate > FREE_LIMIT:  # beyond the free limit only as paid broadcasts
        env |= {"STADTWARN_PAID_BROADCAST": PaidBroadcast.ALL, "STADTWARN_PAID_RATE": f"{rate:g}"}
    env |= extra
    with log.open("ab") as stderr:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=env,
            cwd=db_path.parent,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


async def queue_alert(db_path: Path, draft: AlertDraft) -> tuple[int, int]:
    """Queue `draft` as the command line would; returns (alert id, recipients)."""
    db = await Database.open(db_path)
    try:
        city = load_city(BUNDLED_CITY_PATH)
        desk = AlertDesk(db, city, Texts(city=city), approvals_required=1, rate=None)
        alert_id = await desk.create(draft, CLI_ADMIN_ID)
        outcome = await desk.send(alert_id, CLI_ADMIN_ID)
        assert outcome.queued
        return alert_id, outcome.recipients
    finally:
        await db.close()
