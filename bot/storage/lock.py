"""One bot per database: an exclusive OS lock on `<database>.lock`, held while `run` runs.
The OS drops it when the process ends in any way (also kill -9), so it never goes stale."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.storage.database import DatabaseUnusable, unusable


class DatabaseInUse(Exception):
    """Another bot process runs on this database."""


@contextmanager
def only_bot_on(db_path: Path) -> Iterator[None]:
    """Hold the database's bot lock, or raise DatabaseInUse (at once, never waiting)."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise DatabaseUnusable(unusable(db_path, error)) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseInUse(
                f"another Stadtwarn bot already runs on {db_path}: stop it first "
                f"(two bots would send every alert twice)"
            ) from None
        yield
    finally:
        os.close(descriptor)  # closing drops the lock
