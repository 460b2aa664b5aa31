"""Fixtures: a fresh migrated SQLite file per test."""

import pytest

from bot.storage.database import Database


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "stadtwarn.sqlite3")
    yield database
    await database.close()
