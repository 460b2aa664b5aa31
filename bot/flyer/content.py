"""What a district's flyer says: its name, what the bot does, the deep link, the contact
officers' office hours (or the police inspection) with the comms desk's changes of them from
the print day on (HourChange: a cancelled or extra hour, a substitute), and the emergency
number. The words are in messages/<lang>/flyer.txt.j2."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from bot.city.model import City, District, Officer
from bot.city.names import alias_named, match_name
from bot.deep_links import deep_link
from bot.numbercheck.wording import fold
from bot.texts import Texts
from bot.vocabulary import HourChange

PHRASES = "flyer.txt.j2"
ALL = "all"  # `python -m bot flyer all`: one flyer per district
# How far ahead of the print day a flyer names the desk's changes: a flyer lies around for
# weeks, and one that names every change would not fit its page.
CHANGES_AHEAD = timedelta(days=28)
# Lines of changes an officer's block has room for; with more, the first but one and a line
# that says where to find the others.
SHOWN_CHANGES = 3


class Part(StrEnum):
    """A piece of the flyer; the layout gives each its type size and place."""

    BRAND = "brand"
    TITLE = "title"
    ABOUT = "about"
    QR = "qr"
    SCAN = "scan"
    LINK = "link"
    HEADING = "heading"
    BODY = "body"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class Block:
    part: Part
    text: str


@dataclass(frozen=True)
class FlyerTarget:
    """Whom a flyer is for: `slug` is the deep link's start parameter and the file name."""

    slug: str
    name: str
    districts: tuple[District, ...]


@dataclass(frozen=True)
class Flyer:
    target: FlyerTarget
    deep_link: str
    blocks: tuple[Block, ...]
    language: str
    direction: str  # 'ltr', or 'rtl' for a language written right to left (languages.txt)


class UnknownFlyerTarget(Exception):
    """No district and no name residents use is called that; `near`: close names."""

    def __init__(self, name: str, near: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name = name
        self.near = near


def flyer_targets(name: str, city: City) -> tuple[FlyerTarget, ...]:
    """`all`: every district; else the district or the alias ("Lobeda") `name` means."""
    if fold(name) == ALL:
        return tuple(FlyerTarget(d.id, d.name, (d,)) for d in city.districts)
    alias = alias_named(name, city)
    if alias is not None:
        districts = tuple(d for d in city.districts if d.id in alias.district_ids)
        return (FlyerTarget(_slug(alias.name), alias.name, districts),)
    found = match_name(name, city)
    if found.certain:
        district = found.districts[0]
        return (FlyerTarget(district.id, district.name, (district,)),)
    raise UnknownFlyerTarget(name, tuple(d.id for d in found.districts))


def make_flyer(
    target: FlyerTarget,
    city: City,
    texts: Texts,
    language: str,
    bot_username: str,
    changes: Sequence[HourChange] = (),
    printed_on: date | None = None,
) -> Flyer:
    """The flyer; `changes`: the desk's changes of every area (those of the target's areas
    from `printed_on` up to CHANGES_AHEAD later are printed under the officer's hours)."""
    say = texts.phrases(language, PHRASES)
    link = deep_link(bot_username, target.slug)
    blocks = [
        Block(Part.BRAND, say.brand()),
        Block(Part.TITLE, target.name),
        Block(Part.ABOUT, say.about()),
        Block(Part.QR, link),
        Block(Part.SCAN, say.scan()),
        Block(Part.LINK, link.removeprefix("https://")),
    ]
    officers = _officers(target, city)
    for officer in officers:
        blocks.append(Block(Part.HEADING, say.officers_heading(officer)))
        shown = _changes_of(officer, changes, printed_on)
        more = len(shown) - SHOWN_CHANGES + 1 if len(shown) > SHOWN_CHANGES else 0
        blocks += _body(say.officer(officer, shown[: len(shown) - more], more))
    if _uncovered(target, city):  # some of its districts have no officer
        blocks.append(Block(Part.HEADING, say.police_heading()))
        blocks += _body(say.police())
    blocks.append(Block(Part.EMERGENCY, say.emergency()))
    blocks = [Block(b.part, str(b.text).strip()) for b in blocks]
    return Flyer(target, link, tuple(blocks), language, texts.direction(language))


def _officers(target: FlyerTarget, city: City) -> tuple[Officer, ...]:
    ids = {d.id for d in target.districts}
    return tuple(o for o in city.officers if ids & set(o.district_ids))


def _changes_of(
    officer: Officer, changes: Sequence[HourChange], printed_on: date | None
) -> list[HourChange]:
    """The area's changes that touch the days from `printed_on` to CHANGES_AHEAD later (all
    of them without a print day), by day."""
    found = [c for c in changes if c.area_id == officer.area_id]
    if printed_on is not None:
        last = printed_on + CHANGES_AHEAD
        found = [c for c in found if c.last_day >= printed_on and c.day <= last]
    return sorted(found, key=lambda c: (c.day, c.start or time.min))


def _uncovered(target: FlyerTarget, city: City) -> bool:
    return any(not city.officers_for(d.id) for d in target.districts)


def _body(text: object) -> list[Block]:
    """One BODY block per line of the phrase."""
    lines = [line.strip() for line in str(text).strip().splitlines()]
    return [Block(Part.BODY, line) for line in lines if line]


def _slug(name: str) -> str:
    """A deep link's start parameter: folded, words joined by '-' ("Jena-Ost" -> "jena-ost")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
