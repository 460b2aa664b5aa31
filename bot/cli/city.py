"""`stadtwarn city reload [--yes]`: the city file's officer data against what residents were
last told (bot/city_reload.py). Shows the difference and each area's notice with its
recipients, asks (or --yes), then announces, records the data as in force and makes the
running bot reload the file (SIGHUP to the process that holds the database's lock)."""

from __future__ import annotations

import argparse
import os
import signal
from typing import TextIO

from bot.alerts.desk import CLI_ADMIN_ID
from bot.city.officer_data import read_city_file
from bot.city_reload import CityReload, Notice, Reload
from bot.cli.prompt import confirm, interactive, is_tty
from bot.cli.session import open_desk
from bot.cli.wording import CliInputError, Wording
from bot.settings import Settings
from bot.storage.lock import running_bot
from bot.terminal_text import html_to_terminal

EXIT_DECLINED = 1


def add_command(commands: argparse._SubParsersAction, say: Wording) -> None:
    city = commands.add_parser("city", help=say.help_city())
    actions = city.add_subparsers(dest="city_command", required=True, metavar="ACTION")
    reload = actions.add_parser("reload", help=say.help_city_reload())
    reload.add_argument("--yes", action="store_true", help=say.help_yes_city())


async def run(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    file = read_city_file(settings.city_path)  # invalid: one line, exit 2, nothing changes
    async with open_desk(settings) as (alerts, db, _city):
        reload = CityReload(db, file.city, alerts.texts, alerts)
        pending = await reload.pending(file)  # more than officer data: one line, exit 2
        if pending.first:
            print(say.city_first(), file=out)
            return 0
        if not pending.changes:
            print(say.city_no_difference(str(settings.city_path)), file=out)
            return 0
        notices = await reload.notices(pending)
        print(say.city_difference(str(settings.city_path)), file=out)
        _show(pending, notices, file.city.district_name, alerts.texts, out, say)
        if not args.yes:
            if not interactive():
                raise CliInputError("no_terminal", action="city")
            if not confirm(say.city_question(), out, say):
                print(say.city_not_saved(), file=out)
                return EXIT_DECLINED
        outcomes = await reload.confirm(pending, CLI_ADMIN_ID)
    for notice, outcome in zip(notices, outcomes, strict=True):
        area = notice.change.area
        print(say.city_announced(area, outcome.recipients, outcome.alert_id), file=out)
    print(say.city_saved(), file=out)
    print(_tell_bot(settings, say), file=out)
    return 0


def _show(pending: Reload, notices: list[Notice], place, texts, out: TextIO, say: Wording) -> None:
    for change in pending.changes:
        print(say.city_change(change, place), file=out)
    print(file=out)
    for notice in notices:
        print(say.city_notice_title(notice.change.area, notice.recipients), file=out)
        body = notice.bodies[texts.default_language]
        print(html_to_terminal(body, color=is_tty(out)), file=out)
        print(file=out)
    if not notices:
        print(say.city_nothing_to_announce(), file=out)


def _tell_bot(settings: Settings, say: Wording) -> str:
    """SIGHUP to the bot that runs on this database, if one does."""
    pid = running_bot(settings.db_path)
    if pid is not None:
        try:
            os.kill(pid, signal.SIGHUP)
            return say.city_bot_told(pid)
        except (ProcessLookupError, PermissionError):
            pass
    return say.city_no_bot()
