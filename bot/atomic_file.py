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
import tempfile
from pathlib import Path

DEFAULT_MODE = 0o644  # readable by everyone, as a flyer or a page is meant to be


def write_atomically(
    path: Path | str, data: bytes, *, mode: int = DEFAULT_MODE, durable: bool = True
) -> None:
    """`data` as the file `path` (its folder must exist). Raises OSError if it cannot be
    written; then `path` is as it was and no temporary file is left behind. `durable`:
    on disk (fsync) before the rename; without it, readers still never see half a file,
    but a power cut may lose it (the public site, rewritten at the next start, takes that
    for speed: thousands of files at a time)."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            if durable:
                os.fsync(file.fileno())
            os.fchmod(file.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
