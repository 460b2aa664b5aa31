"""Command line: `python -m bot run | demo` (also installed as `stadtwarn`)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.citydata import CityDataError, load_city
from bot.logsetup import configure_logging
from bot.settings import Settings, SettingsError

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stadtwarn", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help="run the bot for real (long polling)")
    commands.add_parser("demo", help="offline demo: a local Telegram stand-in and a terminal chat")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "run":
            return _run()
        if args.command == "demo":
            from bot.demo import main as demo_main

            return demo_main() or 0
    except (SettingsError, CityDataError) as error:
        print(f"stadtwarn: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT


def _run() -> int:
    settings = Settings.from_env()
    load_city(settings.city_path)  # a bad city file stops us before we touch Telegram
    configure_logging(settings.token)
    from bot.app import run_until_signalled

    asyncio.run(run_until_signalled(settings))
    return 0
