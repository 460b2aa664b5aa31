"""`stadtwarn alert send|list|show|update|cancel` and `stadtwarn stats`: the comms desk's
command line. Every step goes through AlertDesk, on the same SQLite file the running bot
(`python -m bot run`) uses; the bot's delivery engine picks queued alerts up within 0.5 s."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO

from bot.alerts.compose import AlertInputError
from bot.alerts.desk import CLI_ADMIN_ID
from bot.cli import backup, city, flyer, officers, publish, reference, reports
from bot.cli.draft_args import (
    alert_id,
    draft_from,
    number,
    require_visible,
    text_from,
    translation_dest,
    translation_options,
    translations_from,
)
from bot.cli.progress import wait_for_delivery
from bot.cli.prompt import confirm, interactive, print_preview
from bot.cli.session import open_desk
from bot.cli.tables import list_alerts, show_alert, stats_table
from bot.cli.wording import CliInputError, Wording
from bot.settings import Settings
from bot.vocabulary import SEVERITIES, AlertAction, AlertStateError, require

EXIT_DECLINED = 1  # the comms desk answered "no" at the prompt; nothing was stored
MAX_LIMIT = 1000  # alert list --limit


# Errors that end a command with one line on stderr and exit status 2.
INPUT_ERRORS = (CliInputError, AlertInputError, AlertStateError)


def add_commands(commands: argparse._SubParsersAction, say: Wording) -> None:
    """Register `alert …`, `stats` and `districts` on the top-level subcommands."""
    alert = commands.add_parser("alert", help=say.help_alert())
    actions = alert.add_subparsers(dest="alert_command", required=True, metavar="ACTION")

    send = actions.add_parser("send", help=say.help_send())
    send.add_argument("--district", action="append", metavar="ID", help=say.help_district())
    send.add_argument("--all", action="store_true", help=say.help_all())
    send.add_argument("--severity", metavar="|".join(SEVERITIES), help=say.help_severity())
    _text_options(send, say)
    send.add_argument("--template", metavar="NAME", help=say.help_template())
    send.add_argument(
        "--var", action="append", default=[], metavar="KEY=VALUE", help=say.help_var()
    )
    send.add_argument("--yes", action="store_true", help=say.help_yes_send())
    send.add_argument("--wait", action="store_true", help=say.help_wait())

    listing = actions.add_parser("list", help=say.help_list())
    listing.add_argument(
        "--limit", type=number("--limit", 1, MAX_LIMIT), default=20, help=say.help_limit()
    )

    show = actions.add_parser("show", help=say.help_show())
    show.add_argument("alert_id", type=alert_id, metavar="ID")

    update = actions.add_parser("update", help=say.help_update())
    update.add_argument("alert_id", type=alert_id, metavar="ID")
    _text_options(update, say)
    update.add_argument("--yes", action="store_true", help=say.help_yes_update())

    cancel = actions.add_parser("cancel", help=say.help_cancel())
    cancel.add_argument("alert_id", type=alert_id, metavar="ID")
    cancel.add_argument("--yes", action="store_true", help=say.help_yes_cancel())

    actions.add_parser("templates", help=say.help_templates())
    commands.add_parser("stats", help=say.help_stats())
    commands.add_parser("districts", help=say.help_districts())


def _text_options(parser: argparse.ArgumentParser, say: Wording) -> None:
    parser.add_argument("--text", help=say.help_text())
    parser.add_argument("--text-file", metavar="FILE", help=say.help_text_file())
    # The desk's own translation per language the bot speaks besides German; residents of
    # a language without one get the German text under a line that says so.
    others = say.texts.languages[1:]
    parser.set_defaults(translation_languages=others)
    for language in others:
        text_option, file_option = translation_options(language)
        text_dest, file_dest = translation_dest(language)
        parser.add_argument(
            text_option, dest=text_dest, metavar="TEXT", help=say.help_translation(language)
        )
        parser.add_argument(
            file_option, dest=file_dest, metavar="FILE", help=say.help_translation_file(language)
        )


def run(args: argparse.Namespace, say: Wording, out: TextIO | None = None) -> int:
    """Run one parsed `alert …` or `stats` command; returns the exit status."""
    out = out or sys.stdout
    settings = Settings.from_env(require_token=False)
    command = args.alert_command if args.command == "alert" else args.command
    if command in _WITHOUT_DATABASE:
        return asyncio.run(_RUNNERS_BY_COMMAND[command](args, settings, out, say))
    if not Path(settings.db_path).is_file():
        # Never create an empty database here: an alert "sent" to nobody would look sent.
        raise CliInputError("no_database", path=settings.db_path)
    return asyncio.run(_RUNNERS_BY_COMMAND[command](args, settings, out, say))


# --- alert send (list, show and stats: bot/cli/tables.py; --wait: progress.py) ----------------


async def _send(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    draft = draft_from(args)
    async with open_desk(settings) as (desk, _db, _city):
        bodies = desk.preview(draft)  # validates: districts, variables, length
        recipients = await desk.recipients(draft)
        question = say.send_question(recipients) + " "
        if not _confirmed(args, desk, bodies, question, "send", out, say):
            print(say.not_sent(), file=out)
            return EXIT_DECLINED
        alert_id = await desk.create(draft, CLI_ADMIN_ID)
        try:
            outcome = await desk.send(alert_id, CLI_ADMIN_ID)
        except BaseException:
            await asyncio.shield(desk.discard(alert_id))
            raise
        if not outcome.queued:
            approvals = (outcome.approvals, outcome.approvals_required)
            print(say.awaiting_approval(alert_id, *approvals), file=out)
            return 0
        print(say.queued(alert_id, outcome.recipients), file=out)
        if outcome.recipients == 0:
            print(say.nobody_subscribed(), file=out)
        elif args.wait:
            await wait_for_delivery(desk, alert_id, settings.send_rate, out, say)
        else:
            print(say.follow_with(alert_id), file=out)
    return 0


# --- alert update / cancel --------------------------------------------------------------------


async def _update(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    text, translations = text_from(args), translations_from(args)
    if text is None and not translations:
        raise CliInputError("no_new_text")
    if text is not None:
        require_visible(text)
    async with open_desk(settings) as (desk, _db, _city):
        alert = await desk.updatable(args.alert_id)
        question = say.update_question(alert.id) + " "
        if text is None:  # only translations: the German text stays, and those it had
            text, translations = alert.admin_text, alert.translations | translations
        bodies = desk.preview_update(alert, text, translations)
        if not _confirmed(args, desk, bodies, question, "update", out, say):
            print(say.not_updated(alert.id), file=out)
            return EXIT_DECLINED
        copies = await desk.update_text(alert.id, text, translations)
        progress = await desk.progress(alert.id)
    print(say.updated(alert.id, copies, progress.pending), file=out)
    return 0


async def _cancel(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    async with open_desk(settings) as (desk, _db, _city):
        alert = await desk.get(args.alert_id)
        require(AlertAction.CANCEL, alert.state, alert.id)
        question = say.cancel_question(alert.id) + " "
        if not _confirmed(args, desk, desk.preview_cancel(alert), question, "cancel", out, say):
            print(say.not_withdrawn(alert.id), file=out)
            return EXIT_DECLINED
        before = await desk.progress(alert.id)
        copies = await desk.cancel(alert.id, CLI_ADMIN_ID)
        after = await desk.progress(alert.id)
    print(say.withdrawn(alert.id, copies, after.withdrawn - before.withdrawn), file=out)
    if after.pending:
        print(say.in_flight(after.pending), file=out)
    return 0


# --- helpers ----------------------------------------------------------------------------------


def _confirmed(args, desk, bodies: dict[str, str], question: str, action: str, out, say) -> bool:
    """--yes, or the preview in every language and a yes at the prompt."""
    if args.yes:
        return True
    if not interactive():
        raise CliInputError("no_terminal", action=action)
    print_preview(bodies, desk.texts, out, say)
    return confirm(question, out, say)


# Every command of the command line but `run` and `demo`: its name -> the coroutine that runs it.
_RUNNERS_BY_COMMAND = {
    "send": _send,
    "list": list_alerts,
    "show": show_alert,
    "update": _update,
    "cancel": _cancel,
    "stats": stats_table,
    "districts": reference.districts,
    "templates": reference.templates,
    "flyer": flyer.flyers,
    "reports": reports.show,
    "officers": officers.run,
    "publish": publish.publish,
    "city": city.run,
    "backup": backup.backup,
    "restore": backup.restore_copy,
}
# restore: a new machine may have no database yet
_WITHOUT_DATABASE = frozenset({"districts", "templates", "flyer", "restore"})
