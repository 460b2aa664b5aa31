"""`stadtwarn alert list|show` and `stadtwarn stats`: the comms desk's tables."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TextIO

from rich.console import Console
from rich.table import Table

from bot.cli.prompt import is_tty, print_preview
from bot.cli.session import CliInputError, open_desk
from bot.clock import BERLIN
from bot.settings import Settings
from bot.storage.alerts import Alert
from bot.storage.subscribers import DistrictStats


async def list_alerts(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if args.limit < 1:
        raise CliInputError(f"--limit must be at least 1, got {args.limit}")
    async with open_desk(settings) as (desk, _db, _city):
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
    print_table(rows, out)
    return 0


async def show_alert(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    async with open_desk(settings) as (desk, _db, city):
        alert = await desk.get(args.alert_id)
        progress = await desk.progress(alert.id)
    names = [city.district_name(d) for d in alert.district_ids]
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
    print_preview(alert.bodies, desk.texts, out)
    return 0


async def stats_table(_args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    async with open_desk(settings) as (desk, _db, city):
        stats = await desk.stats()
    rows = [("DISTRICT", "ACTIVE", "BLOCKED")]
    for district in city.districts:
        counts = stats.by_district.get(district.id)
        active, blocked = (counts.active, counts.inactive) if counts else (0, 0)
        rows.append((f"{district.name} ({district.id})", str(active), str(blocked)))
    rows.append((f"All of {city.name} (chose every district)", *_pair(stats.all_districts)))
    rows.append(("Residents in total", str(stats.active), str(stats.inactive)))
    print_table(rows, out, numbers_from=1)
    print(
        "A resident counts in every district they chose; blocked: unreachable, not sent to.",
        file=out,
    )
    return 0


def print_table(
    rows: list[tuple[str, ...]], out: TextIO, *, numbers_from: int | None = None
) -> None:
    """A plain table (rich): the first row is the header; columns from `numbers_from` on
    are right-aligned. Never wrapped, so scripts can split its lines."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for index, header in enumerate(rows[0]):
        right = numbers_from is not None and index >= numbers_from
        table.add_column(header, justify="right" if right else "left", no_wrap=True)
    for row in rows[1:]:
        table.add_row(*row)
    console = Console(file=out, width=10_000, highlight=False, force_terminal=is_tty(out))
    console.print(table, crop=False)


def _pair(counts: DistrictStats) -> tuple[str, str]:
    return str(counts.active), str(counts.inactive)


def _berlin(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")


def _districts(alert: Alert) -> str:
    return "all" if alert.all_districts else ",".join(alert.district_ids)
