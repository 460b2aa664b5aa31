"""`stadtwarn flyer <district|alias|all>`: print-ready A5 flyers (PDF, PNG or SVG) whose QR
code subscribes to the district in one scan; under the officers' hours, the comms desk's
changes of them for the next weeks, read from the bot's database if there is one."""

from __future__ import annotations

import argparse
import asyncio
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.atomic_file import write_atomically
from bot.city.data import load_city
from bot.city.model import City
from bot.cli.wording import CliInputError, Wording
from bot.clock import BERLIN, utc_now
from bot.flyer.content import UnknownFlyerTarget, flyer_targets, make_flyer
from bot.flyer.layout import FlyerTooLong, lay_out
from bot.flyer.render import Format, render
from bot.flyer.typeface import MissingGlyphs
from bot.office_hours import OfficeHoursDesk
from bot.settings import Settings
from bot.storage import Database
from bot.text_hygiene import clean, shown
from bot.texts import Texts
from bot.vocabulary import HourChange

DEFAULT_OUT = Path("flyers")


def add_command(commands: argparse._SubParsersAction, say: Wording) -> None:
    flyer = commands.add_parser("flyer", help=say.help_flyer())
    flyer.add_argument("target", metavar="DISTRICT", help=say.help_flyer_target())
    flyer.add_argument(
        "--format", choices=[f.value for f in Format], default=Format.PDF.value,
        help=say.help_flyer_format(),
    )  # fmt: skip
    flyer.add_argument(
        "--out", type=_folder, default=DEFAULT_OUT, metavar="DIR", help=say.help_out()
    )
    flyer.add_argument("--language", metavar="CODE", help=say.help_flyer_language())


async def flyers(args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording) -> int:
    city = load_city(settings.city_path)
    texts = Texts(settings.messages_dir, city=city)
    language = clean(args.language or texts.default_language, one_line=True)
    if language not in texts.languages:
        raise CliInputError("unknown_language", language=language, choices=texts.languages)
    try:
        targets = flyer_targets(clean(args.target, one_line=True), city)
    except UnknownFlyerTarget as unknown:
        raise CliInputError("unknown_district", district=unknown.name, near=unknown.near) from None
    username = settings.bot_username or await _username_from_telegram(settings)
    fmt = Format(args.format)
    printed_on, changes = await _desk_changes(settings, city)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for target in targets:
            flyer = make_flyer(target, city, texts, language, username, changes, printed_on)
            path = args.out / f"flyer-{target.slug}.{fmt.value}"
            # A symlink at the name is replaced, never followed: nothing outside DIR changes.
            write_atomically(path, render(lay_out(flyer), fmt))
            print(say.flyer_written(shown(str(path), None), flyer.deep_link), file=out)
    except FlyerTooLong as too_long:
        raise CliInputError("flyer_too_long", detail=str(too_long)) from None
    except MissingGlyphs as missing:
        raise CliInputError("flyer_missing_glyphs", detail=str(missing)) from None
    except OSError as error:
        raise CliInputError("cannot_write", path=args.out, reason=error.strerror) from None
    return 0


async def _desk_changes(settings: Settings, city: City) -> tuple[date, list[HourChange]]:
    """Today (Berlin) and the desk's changes of every area from today on. Without the bot's
    database (flyers printed before the bot first runs): none, and no database is made."""
    if not await asyncio.to_thread(Path(settings.db_path).exists):
        return utc_now().astimezone(BERLIN).date(), []
    db = await Database.open(settings.db_path)
    try:
        desk = OfficeHoursDesk(db, city)
        return desk.today(), [c for o in city.officers for c in await desk.changes(o)]
    finally:
        await db.close()


def _folder(value: str) -> Path:
    """--out: a folder; an empty value is refused rather than read as the working directory."""
    if not value.strip():
        raise CliInputError("empty_out")
    return Path(value)


async def _username_from_telegram(settings: Settings) -> str:
    """Telegram's getMe, with the bot token; without a token: say what to set."""
    if not settings.token:
        raise CliInputError("no_bot_username")
    from bot.app import TelegramUnusable, read_bot_username  # PTB only when it is needed

    try:
        return await read_bot_username(settings)
    except TelegramUnusable as error:
        raise CliInputError("bot_username_unknown", reason=str(error)) from None
