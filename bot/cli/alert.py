"""`stadtwarn alert send|list|show|update|cancel` and `stadtwarn stats`: the comms desk's
command line. Every step goes through AlertDesk, on the same SQLite file the running bot
(`python -m bot run`) uses; the bot's delivery engine picks queued alerts up within 0.5 s."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.alerts.compose import KINDS, AlertDraft, AlertInputError
from bot.alerts.desk import CLI_ADMIN_ID, AlertDesk
from bot.alerts.vocabulary import SEVERITIES
from bot.city.data import City, load_city
from bot.cli.terminal_text import html_to_terminal
from bot.clock import BERLIN
from bot.delivery.progress import Progress
from bot.settings import Settings
from bot.storage import Database
from bot.storage import alerts as alert_store
from bot.storage.alerts import Alert, AlertStateError
from bot.texts import Texts

EXIT_DECLINED = 1  # the comms desk answered "no" at the prompt; nothing was stored
WAIT_POLL_SECONDS = 0.5
STALL_HINT_SECONDS = 10.0


class CliInputError(Exception):
    """Bad command-line input; the message is the one line shown after 'stadtwarn: '."""


# Errors that end a command with one line on stderr and exit status 2.
INPUT_ERRORS = (CliInputError, AlertInputError, AlertStateError)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register `alert …` and `stats` on the top-level subcommands."""
    alert = commands.add_parser("alert", help="send and manage city alerts (comms desk)")
    actions = alert.add_subparsers(dest="alert_command", required=True, metavar="ACTION")

    send = actions.add_parser("send", help="validate, preview, confirm and queue an alert")
    send.add_argument("--district", action="append", metavar="ID", help="district id, repeatable")
    send.add_argument("--all", action="store_true", help="all of the city")
    send.add_argument("--severity", metavar="|".join(SEVERITIES))
    send.add_argument("--text", help="the comms desk's text (shown literally, never as HTML)")
    send.add_argument("--text-file", metavar="FILE", help="read the text from a UTF-8 file")
    send.add_argument("--template", metavar="NAME", help=f"one of {', '.join(KINDS)}")
    send.add_argument("--var", action="append", default=[], metavar="KEY=VALUE")
    send.add_argument("--yes", action="store_true", help="send without asking")
    send.add_argument("--wait", action="store_true", help="show progress until delivered")

    listing = actions.add_parser("list", help="the newest alerts")
    listing.add_argument("--limit", type=int, default=20)

    show = actions.add_parser("show", help="one alert: counts, failure reasons, text")
    show.add_argument("alert_id", type=int, metavar="ID")

    update = actions.add_parser("update", help="new text; every delivered copy is edited")
    update.add_argument("alert_id", type=int, metavar="ID")
    update.add_argument("--text")
    update.add_argument("--text-file", metavar="FILE")

    cancel = actions.add_parser("cancel", help="Entwarnung: withdraw every delivered copy")
    cancel.add_argument("alert_id", type=int, metavar="ID")

    commands.add_parser("stats", help="subscribers per district, active and blocked")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run one parsed `alert …` or `stats` command; returns the exit status."""
    out = out or sys.stdout
    settings = Settings.from_env(require_token=False)
    command = "stats" if args.command == "stats" else args.alert_command
    if not Path(settings.db_path).is_file():
        # Never create an empty database here: an alert "sent" to nobody would look sent.
        raise CliInputError(
            f"no database at {settings.db_path}: set STADTWARN_DB to the running bot's file"
        )
    return asyncio.run(_COMMANDS[command](args, settings, out))


# --- opening the shared database --------------------------------------------------------------


@asynccontextmanager
async def _desk(settings: Settings) -> AsyncIterator[tuple[AlertDesk, Database, City]]:
    city = load_city(settings.city_path)
    db = await Database.open(settings.db_path)
    try:
        desk = AlertDesk(
            db,
            city,
            Texts(city=city),
            approvals_required=settings.approvals_required,
            rate=settings.send_rate,
        )
        yield desk, db, city
    finally:
        await db.close()


# --- alert send -------------------------------------------------------------------------------


async def _send(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    draft = _draft(args)
    async with _desk(settings) as (desk, _db, _city):
        bodies = desk.preview(draft)  # validates: districts, variables, length
        recipients = await desk.recipients(draft)
        if not args.yes:
            if not _interactive():
                raise CliInputError(
                    "not sending without confirmation: there is no terminal to ask on; "
                    "add --yes to send"
                )
            _print_preview(bodies, out)
            if not _confirm(f"Send to {recipients} recipients? [y/N] ", out):
                print("Not sent; nothing was stored.", file=out)
                return EXIT_DECLINED
        alert_id = await desk.create(draft, CLI_ADMIN_ID)
        try:
            outcome = await desk.send(alert_id, CLI_ADMIN_ID)
        except BaseException:
            await asyncio.shield(desk.discard(alert_id))
            raise
        if not outcome.queued:
            print(
                f"Alert {alert_id} is stored and awaits a second admin's approval in Telegram "
                f"({outcome.approvals} of {outcome.approvals_required} approvals); "
                f"nothing is sent before that.",
                file=out,
            )
            return 0
        print(f"Alert {alert_id} queued to {outcome.recipients} recipients.", file=out)
        if outcome.recipients == 0:
            print("Nobody has subscribed to these districts: nothing to deliver.", file=out)
        elif args.wait:
            await _wait(desk, alert_id, settings.send_rate, out)
        else:
            print(
                f"The running bot delivers it; follow with: stadtwarn alert show {alert_id}",
                file=out,
            )
    return 0


def _draft(args: argparse.Namespace) -> AlertDraft:
    """Check the options that need no database; the rest is AlertDesk.preview's job."""
    if args.all and args.district:
        raise CliInputError("--all cannot be combined with --district: choose one or the other")
    if not args.all and not args.district:
        raise CliInputError("choose --district ID (repeatable) or --all")
    if args.severity is None:
        raise CliInputError(f"missing --severity: choose one of {', '.join(SEVERITIES)}")
    text = _text(args)
    if text is None and args.template is None:
        raise CliInputError("give --text, --text-file or --template")
    if text is not None and not text.strip():
        raise CliInputError("the text is empty")
    return AlertDraft(
        kind=args.template or "free_text",
        severity=args.severity,
        district_ids=tuple(dict.fromkeys(args.district or ())),
        all_districts=args.all,
        text=text or "",
        variables=_variables(args.var),
    )


def _text(args: argparse.Namespace) -> str | None:
    if args.text is not None and args.text_file is not None:
        raise CliInputError("use --text or --text-file, not both")
    if args.text_file is None:
        return args.text
    try:
        return Path(args.text_file).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliInputError(f"cannot read --text-file {args.text_file}: not UTF-8 text") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CliInputError(f"cannot read --text-file {args.text_file}: {reason}") from None


def _variables(pairs: list[str]) -> dict[str, str]:
    variables: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise CliInputError(f"--var expects KEY=VALUE, got {pair!r}")
        if key.strip() in variables:
            raise CliInputError(f"--var {key.strip()} is given twice")
        variables[key.strip()] = value
    return variables


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or replaced stdin
        return False


def _confirm(question: str, out: TextIO) -> bool:
    print(question, end="", file=out, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        answer = ""
    if not answer.endswith("\n"):
        print(file=out)  # end of input: keep the next line off the prompt
    return answer.strip().lower() in ("y", "yes", "j", "ja")


def _print_preview(bodies: dict[str, str], out: TextIO) -> None:
    color = _is_tty(out)
    for language, title in (("de", "Deutsch"), ("en", "English")):
        print(f"──── {title}: as residents get it ────", file=out)
        print(html_to_terminal(bodies[language], color=color), file=out)
        print(file=out)


def _is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


# --- alert send --wait: a progress bar until delivery ends ------------------------------------


async def _wait(desk: AlertDesk, alert_id: int, rate: float, out: TextIO) -> None:
    tty = _is_tty(out)
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
    cancelled = (await desk.get(alert_id)).state == "cancelled"
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


# --- alert list / show ------------------------------------------------------------------------


async def _list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if args.limit < 1:
        raise CliInputError(f"--limit must be at least 1, got {args.limit}")
    async with _desk(settings) as (desk, _db, _city):
        alerts = await desk.list(limit=args.limit)
        if not alerts:
            print("No alerts yet.", file=out)
            return 0
        rows = [("ID", "TIME (Berlin)", "SEVERITY", "KIND", "DISTRICTS", "STATE", "SENT/TOTAL")]
        for alert in alerts:
            progress = await desk.progress(alert.id)
            rows.append(
                (
                    str(alert.id),
                    _berlin(alert.queued_at or alert.created_at),
                    alert.severity,
                    alert.kind,
                    _districts(alert),
                    alert.state,
                    f"{progress.sent}/{progress.total}",
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip(), file=out
        )
    return 0


async def _show(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    async with _desk(settings) as (desk, _db, city):
        alert = await desk.get(args.alert_id)
        progress = await desk.progress(alert.id)
    names = [city.district(d).name if city.district(d) else d for d in alert.district_ids]
    print(f"Alert {alert.id}: {alert.severity} {alert.kind}, {alert.state}", file=out)
    print(f"Districts: {'all of the city' if alert.all_districts else ', '.join(names)}", file=out)
    print(f"Approvals: {len(alert.approved_by)} of {alert.approvals_required}", file=out)
    for label, moment in (
        ("Created", alert.created_at),
        ("Queued", alert.queued_at),
        ("Finished", alert.finished_at),
        ("Cancelled", alert.cancelled_at),
    ):
        if moment is not None:
            print(f"{label}: {_berlin(moment)} (Europe/Berlin)", file=out)
    if alert.revision > 1:
        print(f"Text revision: {alert.revision} (updated {_berlin(alert.updated_at)})", file=out)
    print(
        f"Deliveries: {progress.total} total · {progress.sent} sent · "
        f"{progress.pending} pending · {progress.blocked} blocked · {progress.failed} failed · "
        f"{progress.withdrawn} withdrawn before sending",
        file=out,
    )
    if progress.followups_pending or progress.followups_done or progress.followups_failed:
        print(
            f"Edits/withdrawals of delivered copies: {progress.followups_done} done · "
            f"{progress.followups_pending} pending · {progress.followups_failed} failed",
            file=out,
        )
    if progress.reasons:
        print("Reasons:", file=out)
        for (state, reason), count in sorted(progress.reasons.items()):
            print(f"  {state} – {reason or 'no reason recorded'}: {count}", file=out)
    _print_preview({"de": alert.body_de, "en": alert.body_en}, out)
    return 0


# --- alert update / cancel --------------------------------------------------------------------


async def _update(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    text = _text(args)
    if text is None:
        raise CliInputError("give the new text with --text or --text-file")
    if not text.strip():
        raise CliInputError("the text is empty")
    async with _desk(settings) as (desk, _db, _city):
        alert = await desk.get(args.alert_id)
        if alert.state not in ("queued", "sending", "done"):
            raise CliInputError(f"alert {alert.id} is {alert.state}; it cannot be updated")
        copies = await desk.update_text(alert.id, text)
        progress = await desk.progress(alert.id)
    print(
        f"Alert {alert.id} updated: {copies} delivered copies will be edited; "
        f"{progress.pending} copies not yet sent get the new text.",
        file=out,
    )
    return 0


async def _cancel(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    async with _desk(settings) as (desk, _db, _city):
        alert = await desk.get(args.alert_id)
        if alert.state == "cancelled":
            raise CliInputError(f"alert {alert.id} is already cancelled")
        before = await desk.progress(alert.id)
        copies = await desk.cancel(alert.id, CLI_ADMIN_ID)
        after = await desk.progress(alert.id)
    dropped = after.withdrawn - before.withdrawn
    print(
        f"Alert {alert.id} withdrawn (Entwarnung): {copies} delivered copies will be marked "
        f"withdrawn and followed by a short notice; {dropped} unsent copies will not be sent.",
        file=out,
    )
    if after.pending:
        print(
            f"{after.pending} copies in flight are withdrawn as soon as Telegram accepts them.",
            file=out,
        )
    return 0


# --- stats ------------------------------------------------------------------------------------


async def _stats(_args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    async with _desk(settings) as (desk, _db, city):
        stats = await desk.stats()
    rows = [("DISTRICT", "ACTIVE", "BLOCKED")]
    for district in city.districts:
        counts = stats.by_district.get(district.id)
        active, blocked = (counts.active, counts.inactive) if counts else (0, 0)
        rows.append((f"{district.name} ({district.id})", str(active), str(blocked)))
    rows.append((f"All of {city.name} (chose every district)", *_pair(stats.all_districts)))
    rows.append(("Residents in total", str(stats.active), str(stats.inactive)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print(
            f"{row[0].ljust(widths[0])}  {row[1].rjust(widths[1])}  {row[2].rjust(widths[2])}",
            file=out,
        )
    print(
        "A resident counts in every district they chose; blocked: unreachable, not sent to.",
        file=out,
    )
    return 0


def _pair(counts: alert_store.DistrictStats) -> tuple[str, str]:
    return str(counts.active), str(counts.inactive)


# --- helpers ----------------------------------------------------------------------------------


def _berlin(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")


def _districts(alert: Alert) -> str:
    return "all" if alert.all_districts else ",".join(alert.district_ids)


_COMMANDS = {
    "send": _send,
    "list": _list,
    "show": _show,
    "update": _update,
    "cancel": _cancel,
    "stats": _stats,
}
