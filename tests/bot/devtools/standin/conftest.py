"""Fixtures for the stand-in's own tests: a real PTB Bot talking to the stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.devtools.standin import FakeTelegram
from tests.conftest import FAKE_TOKEN


@pytest.fixture
async def bot(telegram: FakeTelegram) -> AsyncIterator[Bot]:
    """A real python-telegram-bot client whose base_url is the stand-in."""
    client = Bot(FAKE_TOKEN, base_url=telegram.api_url)
    await client.initialize()
    yield client
    await client.shutdown()
