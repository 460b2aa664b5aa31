"""The command line's database fixture: five residents, the environment pointing at it."""

import asyncio
import os
from pathlib import Path

import pytest

from tests.auxil.cli import fill


@pytest.fixture(autouse=True)
def english_desk(monkeypatch):
    """These tests read the command line's English; test_wording.py covers the German."""
    monkeypatch.setenv("STADTWARN_CLI_LANGUAGE", "en")


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A filled database; the environment points the command line at it (and nothing else)."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "STADTWARN_")) and name != "STADTWARN_CLI_LANGUAGE":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no developer .env is read
    path = tmp_path / "stadtwarn.sqlite3"
    monkeypatch.setenv("STADTWARN_DB", str(path))
    asyncio.run(fill(path))
    return path
