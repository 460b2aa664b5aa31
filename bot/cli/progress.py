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
from bot.alerts.vocabulary import AlertState
from bot.cli.prompt import is_tty
from bot.delivery.progress import Progress

WAIT_POLL_SECONDS = 0.5
STALL_HINT_SECONDS = 10.0


async def wait_for_delivery(desk: AlertDesk, alert_id: int, rate: float, out: TextIO) -> None:
    started = time.monotonic()
    samples: deque[tuple[float, int]] = deque()
    hinted = False
    print("Waiting for the running bot to deliver (Ctrl-C stops waiting, not sending).", file=out)
    with _Display(out) as display:
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
                display.note(
                    "Nothing delivered yet: is the bot running (python -m bot run) on this "
                    "database?"
                )
            await asyncio.sleep(WAIT_POLL_SECONDS)
    cancelled = (await desk.get(alert_id)).state == AlertState.CANCELLED
    print(_summary(progress, time.monotonic() - started, cancelled), file=out)


class _Display:
    """In a terminal, rich's live progress bar; in a pipe or log, a line when it changes
    (at most one a second) and the last one at the end."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
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
        line = _progress_line(progress, eta)
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


def _progress_line(progress: Progress, eta: float | None) -> str:
    left = "" if eta is None or progress.finished else f" · ~{_duration(eta)} left"
    return (
        f"{progress.sent}/{progress.total} sent · {progress.blocked} blocked · "
        f"{progress.failed} failed{left}"
    )


def _summary(progress: Progress, seconds: float, cancelled: bool) -> str:
    ended = "was withdrawn (Entwarnung) while sending" if cancelled else "delivered"
    lines = [
        f"Alert {progress.alert_id} {ended} in {_duration(seconds)}: {progress.sent} sent, "
        f"{progress.blocked} blocked (resident unreachable, now inactive), "
        f"{progress.failed} failed, {progress.withdrawn} withdrawn before sending."
    ]
    lines += [f"  {state} – {reason}: {n}" for (state, reason), n in progress.reasons.items()]
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"
