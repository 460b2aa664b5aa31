"""Shared end-to-end helpers: run the real bot against the stand-in, probe its database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from telegram.ext import Application

from bot.app import running_application
from bot.clock import BERLIN
from bot.devtools.standin import FakeTelegram
from bot.settings import Settings
from bot.telemetry import Telemetry

# Friday 21 Nov 2026, noon in Jena: the next Winzerla office hour is Monday 23.11., 10:00.
FRIDAY_NOON = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)


def settings_for(telegram: FakeTelegram, db_path: Path, **changes) -> Settings:
    settings = Settings.for_demo(api_url=telegram.api_url, db_path=db_path)
    return settings.__class__(**{**settings.__dict__, "token": telegram.token, **changes})


class SetClock:
    """A clock the test sets (`clock.now = …`), for a bot that must see time pass."""

    def __init__(self, now: datetime = FRIDAY_NOON) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@asynccontextmanager
async def running_bot(
    telegram: FakeTelegram,
    db_path: Path,
    *,
    now: datetime = FRIDAY_NOON,
    clock: SetClock | None = None,
    telemetry: Telemetry | None = None,
    **changes,
) -> AsyncIterator[Application]:
    """The real Application, polling the stand-in, with the clock fixed at `now` (or read
    from `clock`, which the test moves)."""
    settings = settings_for(telegram, db_path, **changes)
    async with running_application(
        settings, clock=clock or (lambda: now), telemetry=telemetry
    ) as application:
        yield application
