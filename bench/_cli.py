"""What every bench script does at its end: exit with main's status, and quietly with 141 if
the reader of its output went away (`| head`), as a shell does for a closed pipe."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a closed pipe


def exit_with(main: Callable[[], int]) -> NoReturn:
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()  # nothing left to say, and no traceback about it
        sys.exit(CLOSED_PIPE)
    sys.exit(status)
