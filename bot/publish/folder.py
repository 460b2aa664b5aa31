"""Where the site's files go, so that a web server never serves half of one.

- Into a folder that is empty (or missing): every file is written into a new hidden folder
  inside it, then each of that folder's top-level entries is moved into place in one step
  (`os.rename`), the folders first and index.html last. A reader finds a subtree whole or
  not at all; no file is renamed one by one, which on a disk is the slow part.
- Into a folder that holds a site: each file whose bytes change replaces the old one in one
  step (bot/atomic_file.py); the others are left as they are.

A folder is named by a `Target`, plain values, so that a second process can write into the
same place (bot/publish/site.py)."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.atomic_file import DEFAULT_MODE, NEW_FILE, write_all, write_atomically

FOLDER_MODE = 0o755
STAGING_PREFIX = ".stadtwarn-new-"
STALE_AFTER = 3600  # seconds


@dataclass(frozen=True)
class Target:
    """The site's folder, and the hidden folder files go to first if it was empty."""

    out: Path
    staging: Path | None = None

    @classmethod
    def of(cls, out: Path) -> Target:
        """The target for `out` (created if missing). Raises OSError if it cannot be."""
        if not out.is_dir():  # made here: readable by the web server, whatever the umask
            out.mkdir(parents=True, exist_ok=True)
            out.chmod(FOLDER_MODE)
        entries = [e for e in os.scandir(out) if e.name != "lost+found" and not _stale(e)]
        if entries:
            return cls(out)
        return cls(out, Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out)))


class Writer:
    """Writes files into a Target; counts them, and those (re)written."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.files = self.changed = 0
        self._folders: set[Path] = set()

    def write(self, path: str, data: bytes) -> None:
        """`data` as the file at `path` (relative, '/'-separated, made by the site)."""
        self.files += 1
        base = self.target.staging or self.target.out
        file = base / path
        if file.parent not in self._folders:
            file.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            self._folders.add(file.parent)
        if self.target.staging is not None:
            _write_new(file, data)
        elif _holds(file, data):
            return
        else:
            write_atomically(file, data, durable=False)  # rewritten at the next start
        self.changed += 1

    def write_all(self, files: Iterable[tuple[str, bytes]]) -> None:
        for path, data in files:
            self.write(path, data)


def finish(target: Target) -> None:
    """Move a staged site into place. Raises OSError if an entry cannot be moved; the
    hidden folder is removed either way."""
    if target.staging is None:
        return
    try:
        entries = sorted(os.scandir(target.staging), key=_moved_when)
        for entry in entries:
            os.chmod(entry.path, FOLDER_MODE if entry.is_dir() else DEFAULT_MODE)
            if entry.is_dir():
                _readable(Path(entry.path))
            os.rename(entry.path, target.out / entry.name)
    finally:
        discard(target)


def discard(target: Target) -> None:
    """Remove the hidden folder and whatever is still in it."""
    if target.staging is not None:
        shutil.rmtree(target.staging, ignore_errors=True)


def _stale(entry: os.DirEntry) -> bool:
    """A hidden folder a run that was stopped left behind (an hour old): removed."""
    if not entry.name.startswith(STAGING_PREFIX):
        return False
    if time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
        return True  # another run's, still going: not ours to remove, not the site either
    shutil.rmtree(entry.path, ignore_errors=True)
    return True


def _moved_when(entry: os.DirEntry) -> tuple[int, bool, str]:
    """Folders first (the pages link into them), the front pages last."""
    return (not entry.is_dir(), entry.name == "index.html", entry.name)


def _readable(folder: Path) -> None:
    """Every folder below `folder` readable by everyone (mkdir obeys the umask)."""
    for below, names, _files in os.walk(folder):
        for name in names:
            os.chmod(os.path.join(below, name), FOLDER_MODE)


def _write_new(path: Path, data: bytes) -> None:
    """A new file in the hidden folder, which nobody else writes into (mode 0700)."""
    fd = os.open(path, NEW_FILE, DEFAULT_MODE)
    try:
        write_all(fd, data)
        os.fchmod(fd, DEFAULT_MODE)
    finally:
        os.close(fd)


def _holds(path: Path, data: bytes) -> bool:
    """True if the file at `path` holds exactly `data`."""
    with contextlib.suppress(OSError):  # not there yet, or unreadable: written anew
        found = os.stat(path, follow_symlinks=False)  # a symlink is replaced, never read
        return stat.S_ISREG(found.st_mode) and found.st_size == len(data) and _read(path) == data
    return False


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        return file.read()
