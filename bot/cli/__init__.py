"""Command line: `python -m bot run | demo | alert … | stats | districts | flyer | reports |
officers … | city reload | publish | backup | restore` (also installed as `stadtwarn`).

Bad input ends with one line on stderr, `stadtwarn: …`, and exit status 2. Every error is
one line: what came from outside (a typed value, a path) is shown with its control characters
as escapes (`\x1b`), never raw."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from typing import NoReturn

from bot.city.data import CityDataError
from bot.cli import alert as cli_alert
from bot.cli import backup as cli_backup
from bot.cli import city as cli_city
from bot.cli import flyer as cli_flyer
from bot.cli import officers as cli_officers
from bot.cli import publish as cli_publish
from bot.cli import reports as cli_reports
from bot.cli.wording import Wording, one_line, wording
from bot.logsetup import configure_logging, logs_as_json
from bot.settings import Settings, SettingsError
from bot.storage.backup import BackupError, BotRunning
from bot.storage.database import DatabaseUnusable
from bot.storage.lock import DatabaseInUse

EXIT_BAD_INPUT = 2
EXIT_DATABASE_UNUSABLE = 3
EXIT_TOKEN_REJECTED = 4
EXIT_TELEGRAM_UNREACHABLE = 5
EXIT_ALREADY_RUNNING = 6
EXIT_BACKUP_FAILED = 7  # backup or restore not done; nothing changed
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # as if killed by SIGPIPE, like other Unix tools


class _UsageError(Exception):
    """argparse found bad arguments; shown as one line instead of usage and a message."""


class _Parser(argparse.ArgumentParser):
    """argparse in the desk's language: headings, usage and -h are our phrases (argparse's
    own error texts stay English)."""

    say: Wording  # set on the subclass _parser() makes, so subcommands inherit it

    def __init__(self, *args, **kwargs) -> None:
        kwargs["add_help"] = False
        kwargs["formatter_class"] = self._formatter
        super().__init__(*args, **kwargs)
        self._positionals.title = self.say.help_positionals()
        self._optionals.title = self.say.help_options()
        self.add_argument("-h", "--help", action="help", help=self.say.help_help())

    def _formatter(self, prog: str) -> argparse.HelpFormatter:
        say = self.say

        class Formatter(argparse.HelpFormatter):
            def add_usage(self, usage, actions, groups, prefix=None) -> None:
                if prefix is None:
                    prefix = say.help_usage() + " "
                super().add_usage(usage, actions, groups, prefix)

        return Formatter(prog)

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("stadtwarn").strip()  # e.g. "alert send"
        raise _UsageError(f"{command}: {message}" if command else message)


def _parser(say: Wording) -> argparse.ArgumentParser:
    parser_class = type("_Parser", (_Parser,), {"say": say})
    parser = parser_class(prog="stadtwarn", description=say.help_description())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help=say.help_run())
    demo = commands.add_parser("demo", help=say.help_demo())
    demo.add_argument(
        "--language",
        choices=say.texts.languages,
        default=say.language,  # from LANG, as the command line's own words: LANG=uk make demo
        help=say.help_demo_language(),
    )
    cli_alert.add_commands(commands, say)
    cli_flyer.add_command(commands, say)
    cli_reports.add_command(commands, say)
    cli_officers.add_command(commands, say)
    cli_publish.add_command(commands, say)
    cli_city.add_command(commands, say)
    cli_backup.add_commands(commands, say)
    return parser


def main(argv: list[str] | None = None) -> int:
    say = wording()
    try:
        args = _parser(say).parse_args(argv)
        if args.command == "run":
            return _run()
        if args.command == "demo":
            return _demo(say, args.language)
        status = cli_alert.run(args, say)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at exit
        return status
    except (_UsageError, SettingsError, CityDataError, *cli_alert.INPUT_ERRORS) as error:
        _complain(say.error(error))
        return EXIT_BAD_INPUT
    except BackupError as error:
        _complain(say.error(error))
        return EXIT_ALREADY_RUNNING if isinstance(error, BotRunning) else EXIT_BACKUP_FAILED
    except (DatabaseUnusable, DatabaseInUse) as error:
        _complain(str(error))
        unusable = isinstance(error, DatabaseUnusable)
        return EXIT_DATABASE_UNUSABLE if unusable else EXIT_ALREADY_RUNNING
    except KeyboardInterrupt:
        _complain(say.interrupted())
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `stadtwarn … | head`: the reader has all it wanted. Say nothing; silence stdout so
        # Python's own flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _complain(message: str) -> None:
    """The one line on stderr an error ends with (a JSON one where the log is JSON)."""
    if logs_as_json():
        logging.getLogger("stadtwarn").critical(one_line(message))
        return
    print(f"stadtwarn: {one_line(message)}", file=sys.stderr)


def _demo(say: Wording, language: str) -> int:
    """The demo is a dev tool: it needs the `demo` extra, and only it imports bot.devtools."""
    try:
        from bot.devtools.demo import main as demo_main
    except ModuleNotFoundError as error:
        _complain(say.error_demo_needs(error.name))
        return EXIT_BAD_INPUT
    return demo_main(language, say) or 0


def _run() -> int:
    settings = Settings.from_env()
    configure_logging(settings.token, log_format=settings.log_format)
    from bot.app import TelegramUnusable, run_until_signalled

    try:
        asyncio.run(run_until_signalled(settings))
    except TelegramUnusable as error:
        _complain(str(error))
        return EXIT_TOKEN_REJECTED if error.token_rejected else EXIT_TELEGRAM_UNREACHABLE
    return 0
