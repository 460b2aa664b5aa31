"""`stadtwarn alert send|list|show|update|cancel` and `stadtwarn stats`: the comms desk's
command line. Every step goes through AlertDesk, on the same SQLite file the running bot
(`python -m bot run`) uses; the bot's delivery engine picks queued alerts up within 0.5 s."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO

from bot.alerts.compose import KINDS, AlertInputError
from bot.alerts.desk import CLI_ADMIN_ID
from bot.alerts.vocabulary import SEVERITIES, AlertAction, AlertStateError, may
from bot.cli import reference
from bot.cli.draft_args import draft_from, text_from
from bot.cli.progress import wait_for_delivery
from bot.cli.prompt import confirm, interactive, print_preview
from bot.cli.session import CliInputError, open_desk
from bot.cli.tables import list_alerts, show_alert, stats_table
from bot.settings import Settings

EXIT_DECLINED = 1  # the comms desk answered "no" at the prompt; nothing was stored


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
    send.add_argument(
        "--text-file", metavar="FILE", help="read the text from a UTF-8 file (- : stdin)"
    )
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
    update.add_argument("--yes", action="store_true", help="update without asking")

    cancel = actions.add_parser("cancel", help="Entwarnung: withdraw every delivered copy")
    cancel.add_argument("alert_id", type=int, metavar="ID")
    cancel.add_argument("--yes", action="store_true", help="withdraw without asking")

    actions.add_parser("templates", help="the alert templates and their variables")
    commands.add_parser("stats", help="subscribers per district, active and blocked")
    commands.add_parser("districts", help="the district ids and names for --district")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run one parsed `alert …` or `stats` command; returns the exit status."""
    out = out or sys.stdout
    settings = Settings.from_env(require_token=False)
    command = args.alert_command if args.command == "alert" else args.command
    if command in _WITHOUT_DATABASE:
        return asyncio.run(_COMMANDS[command](args, settings, out))
    if not Path(settings.db_path).is_file():
        # Never create an empty database here: an alert "sent" to nobody would look sent.
        raise CliInputError(
            f"no database at {settings.db_path}: set STADTWARN_DB to the running bot's file"
        )
    return asyncio.run(_COMMANDS[command](args, settings, out))


# --- opening the shared database --------------------------------------------------------------


# --- alert send -------------------------------------------------------------------------------


async def _send(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    draft = draft_from(args)
    async with open_desk(settings) as (desk, _db, _city):
        bodies = desk.preview(draft)  # validates: districts, variables, length
        recipients = await desk.recipients(draft)
        question = f"Send to {_recipients(recipients)}? [y/N] "
        if not _confirmed(args, desk, bodies, question, "sending", out):
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
        print(f"Alert {alert_id} queued to {_recipients(outcome.recipients)}.", file=out)
        if outcome.recipients == 0:
            print("Nobody has subscribed to these districts: nothing to deliver.", file=out)
        elif args.wait:
            await wait_for_delivery(desk, alert_id, settings.send_rate, out)
        else:
            print(
                f"The running bot delivers it; follow with: stadtwarn alert show {alert_id}",
                file=out,
            )
    return 0


# --- alert send --wait: a progress bar until delivery ends ------------------------------------


# --- alert list / show ------------------------------------------------------------------------


# --- alert update / cancel --------------------------------------------------------------------


async def _update(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    text = text_from(args)
    if text is None:
        raise CliInputError("give the new text with --text or --text-file")
    if not text.strip():
        raise CliInputError("the text is empty")
    async with open_desk(settings) as (desk, _db, _city):
        alert = await desk.get(args.alert_id)
        if not may(AlertAction.UPDATE, alert.state):
            raise CliInputError(f"alert {alert.id} is {alert.state}; it cannot be updated")
        question = f"Edit every copy of alert {alert.id} to this text? [y/N] "
        if not _confirmed(args, desk, desk.preview_update(alert, text), question, "updating", out):
            print(f"Not updated; alert {alert.id} is unchanged.", file=out)
            return EXIT_DECLINED
        copies = await desk.update_text(alert.id, text)
        progress = await desk.progress(alert.id)
    print(
        f"Alert {alert.id} updated: {copies} delivered copies will be edited; "
        f"{progress.pending} copies not yet sent get the new text.",
        file=out,
    )
    return 0


async def _cancel(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    async with open_desk(settings) as (desk, _db, _city):
        alert = await desk.get(args.alert_id)
        if not may(AlertAction.CANCEL, alert.state):
            raise CliInputError(f"alert {alert.id} is already cancelled")
        question = f"Withdraw alert {alert.id}? Every copy will read like this. [y/N] "
        if not _confirmed(args, desk, desk.preview_cancel(alert), question, "withdrawing", out):
            print(f"Not withdrawn; alert {alert.id} still applies.", file=out)
            return EXIT_DECLINED
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


# --- helpers ----------------------------------------------------------------------------------


def _recipients(count: int) -> str:
    return "1 recipient" if count == 1 else f"{count} recipients"


def _confirmed(args, desk, bodies: dict[str, str], question: str, doing: str, out) -> bool:
    """--yes, or the preview in every language and a yes at the prompt."""
    if args.yes:
        return True
    if not interactive():
        raise CliInputError(
            f"not {doing} without confirmation: there is no terminal to ask on; add --yes"
        )
    print_preview(bodies, desk.texts, out)
    return confirm(question, out)


_COMMANDS = {
    "send": _send,
    "list": list_alerts,
    "show": show_alert,
    "update": _update,
    "cancel": _cancel,
    "stats": stats_table,
    "districts": reference.districts,
    "templates": reference.templates,
}
_WITHOUT_DATABASE = frozenset({"districts", "templates"})
