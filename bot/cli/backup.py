"""`stadtwarn backup FILE` and `stadtwarn restore FILE`: a consistent copy of the database
while the bot runs, and that copy back in place while no bot runs (bot/storage/backup.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from bot.cli.wording import CliInputError, Wording
from bot.clock import utc_now
from bot.settings import Settings
from bot.storage.backup import back_up, restore
from bot.text_hygiene import shown


def add_commands(commands: argparse._SubParsersAction, say: Wording) -> None:
    backup = commands.add_parser("backup", help=say.help_backup())
    backup.add_argument("file", type=_file, metavar="FILE", help=say.help_backup_file())
    again = commands.add_parser("restore", help=say.help_restore())
    again.add_argument("file", type=_file, metavar="FILE", help=say.help_restore_file())


async def backup(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    copy = back_up(Path(settings.db_path), args.file)
    print(say.backed_up(_path(copy.path), copy.size, copy.version), file=out)
    return 0


async def restore_copy(
    args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording
) -> int:
    copy, kept = restore(args.file, Path(settings.db_path), utc_now())
    print(say.restored(_path(args.file), _path(copy.path), copy.version), file=out)
    if kept is not None:
        print(say.restore_kept(_path(kept)), file=out)
    return 0


def _file(value: str) -> Path:
    if not value.strip():
        raise CliInputError("empty_file")
    return Path(value)


def _path(path: Path) -> str:
    return shown(str(path), None)
