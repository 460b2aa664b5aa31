"""/healthz while Telegram cannot be reached: 200 within the grace, 503 after it, 200 again
once Telegram answers. The real bot, polling the stand-in; the clock of Telegram's answers is
the test's, so the grace of five minutes passes at once."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from bot.telemetry import Telemetry
from tests.auxil.ports import free_port
from tests.auxil.running_bot import running_bot

GRACE = 300.0


class MovedClock:
    """Monotonic seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def answer_with(client: httpx.AsyncClient, status: int, clock: MovedClock, step: float):
    """/healthz's answer once it has `status`; before each ask, `step` seconds pass."""
    async with asyncio.timeout(30):
        while True:
            clock.now += step
            answer = await client.get("/healthz")
            if answer.status_code == status:
                return answer.json()
            await asyncio.sleep(0.1)


@pytest.mark.slow
async def test_healthz_is_503_only_after_telegram_is_unreachable_beyond_the_grace(
    telegram, tmp_path
):
    clock, port = MovedClock(), free_port()
    telemetry = Telemetry(monotonic=clock)
    resident = telegram.user(5550101)
    async with (
        running_bot(
            telegram, tmp_path / "db.sqlite3", telemetry=telemetry,
            http=("127.0.0.1", port), health_grace=GRACE,
        ),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client,
    ):  # fmt: skip
        well = await answer_with(client, 200, clock, 0)
        assert well["telegram_reached"] is True

        telegram.outage(3600, methods=("getUpdates", "sendMessage"))  # a proxy's 502 page
        resident.send("/hilfe")  # ends the long poll in progress; the next ones fail
        # Less than the grace after the first failure: still well.
        await telegram.wait_for(lambda t: bool(t.injected_failures), 10)
        clock.now += GRACE - 10
        within = await client.get("/healthz")
        assert within.status_code == 200, within.text
        assert within.json()["telegram_reached"] is False
        down = await answer_with(client, 503, clock, 20)
        assert down["telegram_unreachable_seconds"] > GRACE
        assert down["database_writable"] is True

        telegram.outage(0, methods=("getUpdates", "sendMessage"))  # Telegram is back
        up = await answer_with(client, 200, clock, 0)
        assert up["telegram_reached"] is True and up["telegram_unreachable_seconds"] == 0
        # The resident's question was not lost: answered once Telegram was back.
        await telegram.wait_for(lambda t: resident.messages, 30)
