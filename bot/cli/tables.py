"""`stadtwarn alert list|show` and `stadtwarn stats`: the comms desk's tables."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli.prompt import is_tty, print_preview
from bot.cli.session import open_desk
from bot.cli.wording import Wording
from bot.clock import BERLIN
from bot.settings import Settings
from bot.storage.subscribers import DistrictStats
from bot.storage.votes import votes as alert_votes
from bot.text_hygiene import clean


async def list_alerts(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    async with open_desk(settings) as (desk, _db, _city):
        alerts = await desk.list(limit=args.limit)
        if not alerts:
            print(say.no_alerts(), file=out)
            return 0
        rows = [say.columns("list_header")]
        for alert in alerts:
            progress = await desk.progress(alert.id)
            rows.append(
                (
                    str(alert.id),
                    _berlin(alert.queued_at or alert.created_at),
                    alert.severity,
                    alert.kind,
                    say.all_districts_short()
                    if alert.all_districts
                    else ",".join(alert.district_ids),
                    say.state(alert.state),
                    f"{progress.sent}/{progress.total}",
                )
            )
    print_table(rows, out)
    return 0


async def show_alert(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    async with open_desk(settings) as (desk, db, city):
        alert = await desk.get(args.alert_id)
        progress = await desk.progress(alert.id)
        votes = await alert_votes(db.connection, alert.id)
    language = say.language if say.language in desk.texts.languages else alert.default_language
    severity = desk.texts.label(language, f"severity_{alert.severity}")
    kind = desk.texts.label(language, f"kind_{alert.kind}")
    names = [] if alert.all_districts else [city.district_name(d) for d in alert.district_ids]
    lines = [
        say.show_title(alert.id, severity, kind, alert.state),
        say.show_districts(names),
        say.show_approvals(len(alert.approved_by), alert.approvals_required),
    ]
    for what in ("created", "queued", "finished", "cancelled"):
        moment = getattr(alert, f"{what}_at")
        if moment is not None:
            lines.append(say.show_moment(what, moment))
    if alert.revision > 1:
        lines.append(say.show_revision(alert.revision, alert.updated_at))
    lines.append(say.show_deliveries(progress))
    if progress.followups_pending or progress.followups_done or progress.followups_failed:
        lines.append(say.show_followups(progress))
    if votes:
        where = [f"{city.district_name(d) if d else '–'} {n}" for d, n in votes.items()]
        lines.append(say.show_votes(sum(votes.values()), where))
    if progress.reasons:
        lines.append(say.show_reasons())
        for (state, reason), count in sorted(progress.reasons.items()):
            reason = clean(reason or "", one_line=True) or say.no_reason()  # Telegram's words
            lines.append(f"  {say.state(state)} – {reason}: {count}")
    print("\n".join(lines), file=out)
    print_preview(alert.bodies, desk.texts, out, say)
    return 0


async def stats_table(_args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    async with open_desk(settings) as (desk, _db, city):
        stats = await desk.stats()
    rows = [say.columns("stats_header")]
    for district in city.districts:
        counts = stats.by_district.get(district.id)
        active, blocked = (counts.active, counts.inactive) if counts else (0, 0)
        rows.append((f"{district.name} ({district.id})", str(active), str(blocked)))
    rows.append((say.stats_all(city.name), *_pair(stats.all_districts)))
    rows.append((say.stats_total(), str(stats.active), str(stats.inactive)))
    print_table(rows, out, numbers_from=1)
    print(say.stats_note(), file=out)
    return 0


def print_table(
    rows: list[tuple[str, ...]], out: TextIO, *, numbers_from: int | None = None
) -> None:
    """A plain table (rich): the first row is the header; columns from `numbers_from` on
    are right-aligned. Never wrapped, so scripts can split its lines. A cell is shown as it
    is, never as rich markup (`[red]` stays `[red]`), on one line and without control
    characters: a resident's words cannot steer the terminal."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for index, header in enumerate(rows[0]):
        right = numbers_from is not None and index >= numbers_from
        table.add_column(_cell(header), justify="right" if right else "left", no_wrap=True)
    for row in rows[1:]:
        table.add_row(*map(_cell, row))
    console = Console(file=out, width=10_000, highlight=False, force_terminal=is_tty(out))
    console.print(table, crop=False)


def _cell(value: str) -> Text:
    return Text(clean(value, one_line=True))


def _pair(counts: DistrictStats) -> tuple[str, str]:
    return str(counts.active), str(counts.inactive)


def _berlin(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")
