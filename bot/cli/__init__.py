"""Command line: `python -m bot run | demo | alert … | stats` (also installed as `stadtwarn`).

Bad input ends with one line on stderr, `stadtwarn: …`, and exit status 2."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import NoReturn

from bot.city.data import CityDataError
from bot.cli import alert as cli_alert
from bot.logsetup import configure_logging
from bot.settings import Settings, SettingsError

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # as if killed by SIGPIPE, like other Unix tools


class _UsageError(Exception):
    """argparse found bad arguments; shown as one line instead of usage and a message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("stadtwarn").strip()  # e.g. "alert send"
        raise _UsageError(f"{command}: {message}" if command else message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="stadtwarn", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help="run the bot for real (long polling)")
    commands.add_parser("demo", help="offline demo: a local Telegram stand-in and a terminal chat")
    cli_alert.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "run":
            return _run()
        if args.command == "demo":
            return _demo()
        status = cli_alert.run(args)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at exit
        return status
    except (_UsageError, SettingsError, CityDataError, *cli_alert.INPUT_ERRORS) as error:
        print(f"stadtwarn: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("stadtwarn: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `stadtwarn … | head`: the reader has all it wanted. Say nothing; silence stdout so
        # Python's own flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _demo() -> int:
    """The demo is a dev tool: it needs the `demo` extra, and only it imports bot.devtools."""
    try:
        from bot.devtools.demo import main as demo_main
    except ModuleNotFoundError as error:
        print(
            f"stadtwarn: the demo needs {error.name}: pip install 'stadtwarn[demo]'",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return demo_main() or 0


def _run() -> int:
    settings = Settings.from_env()
    configure_logging(settings.token)
    from bot.app import run_until_signalled

    asyncio.run(run_until_signalled(settings))
    return 0
