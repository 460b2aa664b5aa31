"""A subprocess that file permissions bind, also when the tests run as root.

root ignores file permissions through three capabilities (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH, CAP_FOWNER). As root, the command runs under util-linux's `setpriv`
with them dropped from its bounding set, so a read-only file is read-only to it, as to the
bot's own user on a real machine. Not as root, plain permissions already bind it."""

from __future__ import annotations

import os
import shutil

DROPPED = "-dac_override,-dac_read_search,-fowner"


def unprivileged(command: list[str]) -> list[str]:
    """`command` as run so that file permissions apply to it."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise RuntimeError(
            "the tests run as root and need setpriv (util-linux) to drop the capabilities "
            "that override file permissions"
        )
    return [setpriv, f"--bounding-set={DROPPED}", "--", *command]
