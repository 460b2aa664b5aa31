"""Shared fixtures: a started Telegram stand-in that fails tests on unexpected rejections."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.devtools.standin import FakeTelegram

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
