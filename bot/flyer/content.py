"""What a district's flyer says: its name, what the bot does, the deep link, the contact
officers' office hours (or the police inspection) and the emergency number. The words are in
messages/<lang>/flyer.txt.j2."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.city.model import City, District, Officer
from bot.city.names import alias_named, match_name
from bot.numbercheck.wording import fold
from bot.texts import Texts

PHRASES = "flyer.txt.j2"
ALL = "all"  # `python -m bot flyer all`: one flyer per district


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


def deep_link(bot_username: str, slug: str) -> str:
    return f"https://t.me/{bot_username}?start={slug}"


def make_flyer(
    target: FlyerTarget, city: City, texts: Texts, language: str, bot_username: str
) -> Flyer:
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
        blocks += _body(say.officer(officer))
    if _uncovered(target, city):  # some of its districts have no officer
        blocks.append(Block(Part.HEADING, say.police_heading()))
        blocks += _body(say.police())
    blocks.append(Block(Part.EMERGENCY, say.emergency()))
    blocks = [Block(b.part, str(b.text).strip()) for b in blocks]
    return Flyer(target, link, tuple(blocks), language, texts.direction(language))


def _officers(target: FlyerTarget, city: City) -> tuple[Officer, ...]:
    ids = {d.id for d in target.districts}
    return tuple(o for o in city.officers if ids & set(o.district_ids))


def _uncovered(target: FlyerTarget, city: City) -> bool:
    return any(not city.officers_for(d.id) for d in target.districts)


def _body(text: object) -> list[Block]:
    """One BODY block per line of the phrase."""
    lines = [line.strip() for line in str(text).strip().splitlines()]
    return [Block(Part.BODY, line) for line in lines if line]


def _slug(name: str) -> str:
    """A deep link's start parameter: folded, words joined by '-' ("Jena-Ost" -> "jena-ost")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
