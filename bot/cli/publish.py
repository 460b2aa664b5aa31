"""`stadtwarn publish --out DIR`: the whole public site (pages, feeds, CAP messages,
alerts.json) written once from the database, each file atomically. The running bot keeps a
folder current by itself when `STADTWARN_PUBLIC_DIR` is set."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from bot.city.geo import city_boundaries
from bot.cli.session import open_desk
from bot.cli.wording import CliInputError, Wording
from bot.clock import utc_now
from bot.publish.site import read_snapshot, setup_for, write_site
from bot.settings import Settings
from bot.text_hygiene import shown


def add_command(commands: argparse._SubParsersAction, say: Wording) -> None:
    publish = commands.add_parser("publish", help=say.help_publish())
    publish.add_argument(
        "--out", type=_folder, required=True, metavar="DIR", help=say.help_publish_out()
    )


async def publish(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    async with open_desk(settings) as (desk, db, city):
        setup = setup_for(
            city, desk.texts, city_boundaries(city), bot_username=settings.bot_username,
            base_url=settings.public_url,
        )  # fmt: skip
        snapshot = await read_snapshot(db.connection, setup, utc_now(), settings.expiry.of)
    try:  # this command runs no other thread: a second process may write half the pages
        written = write_site(args.out, snapshot, setup, processes=min(2, os.cpu_count() or 1))
    except OSError as error:
        raise CliInputError("cannot_write", path=args.out, reason=error.strerror) from None
    where = shown(str(args.out), None)
    print(say.published(where, written.files, written.changed, len(snapshot.alerts)), file=out)
    return 0


def _folder(value: str) -> Path:
    """--out: a folder; an empty value is refused rather than read as the working directory."""
    if not value.strip():
        raise CliInputError("empty_out")
    return Path(value)
