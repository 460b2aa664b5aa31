"""`stadtwarn reports [--days 7] [--district ID] [--csv]`: residents' reports per district and
kind against the period before, the top numbers and the spikes; --csv exports the counts.

What residents typed (a number, a link) reaches neither the terminal with its control
characters (print_table and the spike lines clean it) nor a spreadsheet as a formula (every
CSV cell passes csv_cell)."""

from __future__ import annotations

import argparse
import csv
from typing import TextIO

from bot.city.data import load_city
from bot.cli.draft_args import number
from bot.cli.tables import print_table
from bot.cli.wording import CliInputError, Wording
from bot.reports.keys import ReportKeys
from bot.reports.service import Reports
from bot.settings import Settings
from bot.storage import Database
from bot.text_hygiene import clean, csv_cell

MAX_DAYS = 3650  # ten years; a much larger period would run the dates off the calendar


def add_command(commands: argparse._SubParsersAction, say: Wording) -> None:
    reports = commands.add_parser("reports", help=say.help_reports())
    reports.add_argument(
        "--days", type=number("--days", 1, MAX_DAYS), default=7, help=say.help_days()
    )
    reports.add_argument("--district", metavar="ID", default="", help=say.help_report_district())
    reports.add_argument("--csv", action="store_true", help=say.help_csv())


async def show(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    city = load_city(settings.city_path)
    district = clean(args.district, one_line=True)
    if district and city.district(district) is None:
        near = [d.id for d in city.districts if d.id.startswith(district[:3])]
        raise CliInputError("unknown_district", district=district, near=near[:3])
    db = await Database.open(settings.db_path)
    try:
        reports = Reports(db, city, ReportKeys(settings.report_key))
        overview = await reports.overview(args.days, district, top=10)
    finally:
        await db.close()
    if args.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(say.columns("reports_csv_header"))
        writer.writerows([_csv_cell(cell) for cell in row] for row in overview.rows)
        return 0
    print(say.reports_heading(overview.days, overview.total, overview.previous_total), file=out)
    rows = [say.columns("reports_district_header")]
    rows += [(city.district_name(d), str(n), str(p)) for d, n, p in overview.by_district]
    print_table(rows, out, numbers_from=1)
    rows = [say.columns("reports_kind_header")]
    rows += [(str(k), str(n), str(p)) for k, n, p in overview.by_kind]
    print_table(rows, out, numbers_from=1)
    if overview.top_subjects:
        rows = [say.columns("reports_subject_header")]
        rows += [(subject, str(n)) for subject, n in overview.top_subjects]
        print_table(rows, out, numbers_from=1)
    for spike in overview.spikes:
        where = ", ".join(city.district_name(d) for d in spike.districts)
        subject = clean(spike.subject, one_line=True) or str(spike.kind)
        print(say.reports_spike(subject, spike.count, where), file=out)
    return 0


def _csv_cell(value: object) -> object:
    """A text as a spreadsheet gets it: one line without control characters, never a formula."""
    return csv_cell(clean(value, one_line=True)) if isinstance(value, str) else value
