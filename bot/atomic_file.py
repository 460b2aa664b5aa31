"""Writing a file so that nothing at its name is followed: the one way the bot writes files
others can read (flyers now, a public site later).

The bytes go to a new temporary file in the target folder (created exclusively, never through
an existing name), which then replaces the name in one step (`os.replace`). A symlink someone
placed at the name is replaced, never followed, so no file outside the folder is touched; a
reader sees the old file or the new one, never half of one.

A leaf module: it imports nothing of the project."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

DEFAULT_MODE = 0o644  # readable by everyone, as a flyer or a page is meant to be
# a new file only: never through a name that exists, a symlink included
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def write_atomically(
    path: Path | str, data: bytes, *, mode: int = DEFAULT_MODE, durable: bool = True
) -> None:
    """`data` as the file `path` (its folder must exist). Raises OSError if it cannot be
    written; then `path` is as it was and no temporary file is left behind. `durable`:
    on disk (fsync) before the rename; without it, readers still never see half a file,
    but a power cut may lose it (the public site, rewritten at the next start, takes that
    for speed: thousands of files at a time)."""
    fd, temporary = new_file_beside(os.fspath(path))
    try:
        try:
            write_all(fd, data)
            os.fchmod(fd, mode)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to the open file `fd` (os.write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def new_file_beside(path: str) -> tuple[int, str]:
    """A new file beside `path`, hidden, with a random name, only this user may read; open
    for writing. Raises OSError if it cannot be made."""
    folder, name = os.path.split(path)
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, NEW_FILE, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")
