"""`--wait`: a progress bar (rich) until delivery ends, then a summary with failure reasons."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, TextColumn
from rich.progress import Progress as RichProgress

from bot.alerts.desk import AlertDesk
from bot.alerts.progress import Progress
from bot.cli.prompt import is_tty
from bot.cli.wording import Wording
from bot.vocabulary import AlertState

WAIT_POLL_SECONDS = 0.5
STALL_HINT_SECONDS = 10.0


async def wait_for_delivery(
    desk: AlertDesk, alert_id: int, rate: float, out: TextIO, say: Wording
) -> None:
    started = time.monotonic()
    samples: deque[tuple[float, int]] = deque()
    hinted = False
    print(say.waiting(), file=out)
    with _Display(out, say) as display:
        while True:
            progress = await desk.progress(alert_id)
            now = time.monotonic()
            done = progress.total - progress.pending
            samples.append((now, done))
            while len(samples) > 2 and now - samples[0][0] > 10:
                samples.popleft()
            display.show(progress, _eta(progress, samples, rate))
            if progress.finished:
                break
            if not hinted and done == 0 and now - started > STALL_HINT_SECONDS:
                hinted = True
                display.note(say.stalled())
            await asyncio.sleep(WAIT_POLL_SECONDS)
    cancelled = (await desk.get(alert_id)).state == AlertState.CANCELLED
    lines = [say.summary(progress, round(time.monotonic() - started), cancelled)]
    lines += [f"  {say.state(s)} – {reason}: {n}" for (s, reason), n in progress.reasons.items()]
    print("\n".join(lines), file=out)


class _Display:
    """In a terminal, rich's live progress bar; in a pipe or log, a line when it changes
    (at most one a second) and the last one at the end."""

    def __init__(self, out: TextIO, say: Wording) -> None:
        self._out = out
        self._say = say
        self._bar: RichProgress | None = None
        if is_tty(out):
            self._bar = RichProgress(
                BarColumn(), TextColumn("{task.description}"), console=Console(file=out)
            )
            self._task = self._bar.add_task("", total=1)
        self._line, self._printed_at = "", 0.0

    def __enter__(self) -> _Display:
        if self._bar is not None:
            self._bar.start()
        return self

    def show(self, progress: Progress, eta: float | None) -> None:
        left = None if eta is None or progress.finished else round(eta)
        line = self._say.progress_line(progress, left)
        if self._bar is not None:
            done = progress.total - progress.pending
            self._bar.update(
                self._task, completed=done, total=max(progress.total, 1), description=line
            )
            return
        now = time.monotonic()
        if line != self._line and (now - self._printed_at >= 1.0 or progress.finished):
            print(line, file=self._out, flush=True)
            self._line, self._printed_at = line, now

    def note(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, highlight=False)
        else:
            print(text, file=self._out, flush=True)

    def __exit__(self, *_exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _eta(progress: Progress, samples: deque[tuple[float, int]], rate: float) -> float | None:
    (t0, d0), (t1, d1) = samples[0], samples[-1]
    if t1 - t0 >= 2 and d1 > d0:
        rate = (d1 - d0) / (t1 - t0)
    remaining = progress.pending + progress.followups_pending
    return remaining / rate if rate else None
