"""`stadtwarn officers list|cancel|extra|substitute|history`: the contact officers' hours and the
comms desk's one-off changes of them (bot/office_hours.py). A change is previewed and asked
for, as an alert is; --yes skips the question."""

from __future__ import annotations

import argparse
import re
from datetime import date, time
from typing import TextIO

from bot.cli.prompt import confirm, interactive, is_tty
from bot.cli.session import open_desk
from bot.cli.tables import print_table
from bot.cli.wording import CliInputError, Wording
from bot.clock import BERLIN
from bot.hours_notice import HoursNotices
from bot.office_hours import OfficeHoursDesk
from bot.settings import Settings
from bot.terminal_text import html_to_terminal
from bot.text_hygiene import clean

CLI_ADMIN_ID = 0  # who the command line acts as in the records
_TIMES = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def add_command(commands: argparse._SubParsersAction, say: Wording) -> None:
    officers = commands.add_parser("officers", help=say.help_officers())
    actions = officers.add_subparsers(dest="officers_command", required=True, metavar="ACTION")
    actions.add_parser("list", help=say.help_officers_list())
    cancel = actions.add_parser("cancel", help=say.help_officers_cancel())
    extra = actions.add_parser("extra", help=say.help_officers_extra())
    for parser in (cancel, extra):
        parser.add_argument("--area", required=True, help=say.help_area())
        parser.add_argument("--date", required=True, type=_day, help=say.help_hours_date())
        parser.add_argument("--note", default="", help=say.help_hours_note())
        parser.add_argument("--yes", action="store_true", help=say.help_yes_hours())
    extra.add_argument("--time", required=True, type=_times, help=say.help_hours_time())
    extra.add_argument("--place", default="", help=say.help_hours_place())
    substitute = actions.add_parser("substitute", help=say.help_officers_substitute())
    substitute.add_argument("--area", required=True, help=say.help_area())
    substitute.add_argument("--from", dest="first", required=True, type=_day,
                            help=say.help_substitute_from())  # fmt: skip
    substitute.add_argument("--until", required=True, type=_day, help=say.help_substitute_until())
    substitute.add_argument("--name", required=True, help=say.help_substitute_name())
    substitute.add_argument("--phone", default="", help=say.help_substitute_phone())
    substitute.add_argument("--note", default="", help=say.help_hours_note())
    substitute.add_argument("--yes", action="store_true", help=say.help_yes_hours())
    history = actions.add_parser("history", help=say.help_officers_history())
    history.add_argument("--area", required=True, help=say.help_area())


async def run(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    async with open_desk(settings) as (alerts, db, city):
        desk = OfficeHoursDesk(db, city)
        action = args.officers_command
        if action == "list":
            return await _list(desk, city, out, say)
        officer = desk.area(clean(args.area, one_line=True))
        if action == "history":
            return await _history(desk, officer, out, say)
        return await _enter(args, desk, alerts, officer, out, say)


async def _list(desk: OfficeHoursDesk, city, out: TextIO, say: Wording) -> int:
    rows = [say.columns("officers_header")]
    for officer in city.officers:
        following = await desk.openings(officer, count=1)
        changes = await desk.changes(officer)
        rows.append(
            (
                officer.area_id,
                ", ".join(officer.names),
                say.hours(officer.office_hours),
                say.opening(following[0]) if following else "–",
                "; ".join(say.change(c) for c in changes) or "–",
            )
        )
    print_table(rows, out)
    return 0


async def _history(desk: OfficeHoursDesk, officer, out: TextIO, say: Wording) -> int:
    changes = await desk.history(officer)
    if not changes:
        print(say.no_hour_changes(officer.area), file=out)
        return 0
    rows = [say.columns("hour_changes_header")]
    for c in changes:
        entered = c.entered_at.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M") if c.entered_at else ""
        rows.append((say.change(c), c.note, say.entered_by(c.entered_by), entered))
    print_table(rows, out)
    return 0


async def _enter(args, desk: OfficeHoursDesk, alerts, officer, out: TextIO, say: Wording) -> int:
    if args.officers_command == "cancel":
        change = await desk.cancellation(officer, args.date, args.note, CLI_ADMIN_ID)
    elif args.officers_command == "substitute":
        days = (args.first, args.until)
        change = desk.substitution(officer, days, args.name, args.phone, args.note, CLI_ADMIN_ID)
    else:
        change = desk.added_hour(officer, args.date, args.time, args.place, args.note, CLI_ADMIN_ID)
    notices = HoursNotices(desk, alerts)
    preview = await notices.preview(change, alerts.texts.default_language)
    print(say.change_preview(officer.area, say.change(change)), file=out)
    print(html_to_terminal(preview.notice, color=is_tty(out)), file=out)
    print(say.hours_recipients(preview.recipients), file=out)
    if not args.yes:
        if not interactive():
            raise CliInputError("no_terminal", action="officers")
        if not confirm(say.change_question() + " ", out, say):
            print(say.change_not_saved(), file=out)
            return 1
    done = await notices.announce(change, CLI_ADMIN_ID)
    following = say.opening(done.next_opening) if done.next_opening else "–"
    print(say.change_saved(officer.area, following), file=out)
    print(say.hours_sent(done.outcome.recipients, done.outcome.alert_id), file=out)
    if done.due > alerts.clock():
        print(say.hours_held(done.due.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")), file=out)
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliInputError("bad_date", value=value) from None


_day.__name__ = "date"


def _times(value: str) -> tuple[time, time]:
    match = _TIMES.match(value.strip())
    try:
        h1, m1, h2, m2 = (int(g) for g in match.groups()) if match else (99, 0, 0, 0)
        return time(h1, m1), time(h2, m2)
    except ValueError:
        raise CliInputError("bad_time", value=value) from None
