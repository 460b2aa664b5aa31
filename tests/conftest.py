"""Shared fixtures: a started Telegram stand-in that fails tests on unexpected rejections."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.devtools.standin import FakeTelegram
from tests.auxil.browser import SKIPPED

FAKE_TOKEN = "123456:TEST-TOKEN"


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """A started FakeTelegram; rejected requests fail the test unless it expected them."""
    tg = FakeTelegram(FAKE_TOKEN)
    async with tg:
        yield tg
    if tg.rejections and not tg.rejections_expected:
        lines = "\n".join(f"  {r.method}: {r.error_code} {r.description}" for r in tg.rejections)
        pytest.fail(
            "Telegram would have rejected requests (call tg.expect_rejections() if intended):\n"
            + lines
        )


def pytest_terminal_summary(terminalreporter) -> None:
    """One plain line at the end when the browser tests were skipped, with how to install it."""
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        if SKIPPED in reason:
            terminalreporter.section("browser", sep="-", yellow=True, bold=True)
            terminalreporter.write_line(reason.removeprefix("Skipped: "), yellow=True, bold=True)
            return
