"""One bot per database: an exclusive OS lock on `<database>.lock`, held while `run` runs.
The OS drops it when the process ends in any way (also kill -9), so it never goes stale.
The lock file holds the running bot's process id, for `stadtwarn city reload` (SIGHUP)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.storage.database import DatabaseUnusable, unusable


class DatabaseInUse(Exception):
    """Another bot process runs on this database."""


def _lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def only_bot_on(db_path: Path) -> Iterator[None]:
    """Hold the database's bot lock, or raise DatabaseInUse (at once, never waiting)."""
    lock_path = _lock_path(db_path)
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
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing drops the lock


def running_bot(db_path: Path) -> int | None:
    """The process id of the bot that runs on this database; None if none runs (nobody
    holds the lock) or it wrote no id."""
    try:
        descriptor = os.open(_lock_path(db_path), os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # held: a bot runs
            text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else None
        return None  # we got it: nobody runs (closing drops it again)
    finally:
        os.close(descriptor)
