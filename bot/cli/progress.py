"""`--wait`: a progress bar until delivery ends, then a summary with failure reasons."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TextIO

from bot.alerts.desk import AlertDesk
from bot.alerts.vocabulary import AlertState
from bot.cli.prompt import is_tty
from bot.delivery.progress import Progress

WAIT_POLL_SECONDS = 0.5
STALL_HINT_SECONDS = 10.0


async def wait_for_delivery(desk: AlertDesk, alert_id: int, rate: float, out: TextIO) -> None:
    tty = is_tty(out)
    started = time.monotonic()
    samples: deque[tuple[float, int]] = deque()
    last_line, last_print, hinted = "", 0.0, False
    print("Waiting for the running bot to deliver (Ctrl-C stops waiting, not sending).", file=out)
    while True:
        progress = await desk.progress(alert_id)
        now = time.monotonic()
        done = progress.total - progress.pending
        samples.append((now, done))
        while len(samples) > 2 and now - samples[0][0] > 10:
            samples.popleft()
        line = _progress_line(progress, _eta(progress, samples, rate))
        if progress.finished:
            break
        if tty:
            print(f"\r{line}\x1b[K", end="", file=out, flush=True)
        elif line != last_line and now - last_print >= 1.0:
            print(line, file=out, flush=True)
            last_line, last_print = line, now
        if not hinted and done == 0 and now - started > STALL_HINT_SECONDS:
            hinted = True
            print(
                ("\n" if tty else "") + "Nothing delivered yet: is the bot running "
                "(python -m bot run) on this database?",
                file=out,
            )
        await asyncio.sleep(WAIT_POLL_SECONDS)
    print(("\r" if tty else "") + line + ("\x1b[K" if tty else ""), file=out)
    cancelled = (await desk.get(alert_id)).state == AlertState.CANCELLED
    print(_summary(progress, time.monotonic() - started, cancelled), file=out)


def _eta(progress: Progress, samples: deque[tuple[float, int]], rate: float) -> float | None:
    (t0, d0), (t1, d1) = samples[0], samples[-1]
    if t1 - t0 >= 2 and d1 > d0:
        rate = (d1 - d0) / (t1 - t0)
    remaining = progress.pending + progress.followups_pending
    return remaining / rate if rate else None


def _progress_line(progress: Progress, eta: float | None, width: int = 30) -> str:
    total = max(progress.total, 1)
    filled = round(width * (progress.total - progress.pending) / total)
    bar = "#" * filled + "." * (width - filled)
    left = "" if eta is None or progress.finished else f" · ~{_duration(eta)} left"
    return (
        f"[{bar}] {progress.sent}/{progress.total} sent · {progress.blocked} blocked · "
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
