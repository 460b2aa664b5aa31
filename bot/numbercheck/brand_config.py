"""What a brand is and how it is read: the brands scammers imitate in links (DHL, Sparkasse,
PayPal, ELSTER ...), their real addresses and the names that identify them in a host, from
data/brands.toml; the URL shorteners from data/url_shorteners.txt. Both files name their sources;
a bad entry raises ValueError naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
BRANDS_PATH = DATA / "brands.toml"
SHORTENERS_PATH = DATA / "url_shorteners.txt"

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z0-9-]{2,}")


@dataclass(frozen=True, slots=True)
class Brand:
    """One company or authority, with its real addresses and the names that identify it."""

    id: str
    name: str
    domains: tuple[str, ...]
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    domain_words: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    regional: tuple[str, ...] = ()
    unrelated: tuple[str, ...] = ()
    mailboxes: tuple[str, ...] = ()  # its domains where anyone gets an address (gmail.com)
    source: str = ""

    @property
    def exact_names(self) -> frozenset[str]:
        """Every name and word without hyphens: a host label that is exactly one of them."""
        return frozenset(t for t in (*self.names, *self.words, *self.domain_words) if "-" not in t)


def read_brands(raw: Mapping[str, Any]) -> list[Brand]:
    """The brands of the TOML tables; raise ValueError naming the bad entry."""
    brands: list[Brand] = []
    seen_ids: set[str] = set()
    owner_of: dict[str, str] = {}
    for index, item in enumerate(raw.get("brand", [])):
        brand = _brand(item, f"brand[{index}]")
        if brand.id in seen_ids:
            raise ValueError(f"brand[{index}].id: duplicate {brand.id!r}")
        seen_ids.add(brand.id)
        for domain in brand.domains:
            if domain in owner_of:
                raise ValueError(f"brand[{index}].domains: {domain!r} is {owner_of[domain]}'s")
            owner_of[domain] = brand.id
        brands.append(brand)
    return brands


def read_shorteners(text: str) -> list[str]:
    """The hosts of a shortener list: one a line, "#" starts a comment."""
    hosts = []
    for number, line in enumerate(text.splitlines(), start=1):
        host = line.split("#", 1)[0].strip().lower()
        if not host:
            continue
        if not _DOMAIN.fullmatch(host):
            raise ValueError(f"shortener list line {number}: {host!r} is not a host name")
        hosts.append(host)
    return hosts


def _brand(raw: Any, where: str) -> Brand:
    """One brand's table, checked."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: must be a table")
    brand_id = str(raw.get("id", "")).strip()
    name = str(raw.get("name", "")).strip()
    source = " ".join(str(raw.get("source", "")).split())
    if not brand_id:
        raise ValueError(f"{where}.id: missing")
    if not name:
        raise ValueError(f"{where}.name: missing")
    if not source:
        raise ValueError(f"{where}.source: every brand needs its public source")
    domains = tuple(_domain(d, f"{where}.domains") for d in raw.get("domains", []))
    tokens = {
        key: read_tokens(raw.get(key, []), f"{where}.{key}")
        for key in ("names", "words", "domain_words", "ignore", "regional")
    }
    if not domains and not (tokens["names"] or tokens["words"] or tokens["domain_words"]):
        raise ValueError(f"{where}: needs domains or names")
    for name_ in tokens["names"]:
        if "-" in name_ or len(name_) < 3:
            raise ValueError(f"{where}.names: {name_!r} must be one word of 3 letters or more")
    unrelated = tuple(_domain(d, f"{where}.unrelated") for d in raw.get("unrelated", []))
    mailboxes = tuple(_domain(d, f"{where}.mailboxes") for d in raw.get("mailboxes", []))
    if not set(mailboxes) <= set(domains):
        raise ValueError(f"{where}.mailboxes: each must be one of its domains")
    return Brand(
        id=brand_id,
        name=name,
        domains=domains,
        names=tokens["names"],
        words=tokens["words"],
        domain_words=tokens["domain_words"],
        ignore=tokens["ignore"],
        regional=tokens["regional"],
        unrelated=unrelated,
        mailboxes=mailboxes,
        source=source,
    )


def _domain(raw: Any, where: str) -> str:
    domain = str(raw).strip().lower().rstrip(".")
    if not _DOMAIN.fullmatch(domain):
        raise ValueError(f"{where}: {raw!r} is not a domain name")
    return domain.removeprefix("www.")


def read_tokens(raw: Any, where: str) -> tuple[str, ...]:
    """A list of lower-case words (hyphens allowed); raise ValueError naming `where`."""
    if not isinstance(raw, list):
        raise ValueError(f"{where}: must be a list")
    tokens = []
    for item in raw:
        token = str(item).strip().lower()
        if not _TOKEN.fullmatch(token):
            raise ValueError(f"{where}: {item!r} must be lower-case letters, digits and hyphens")
        tokens.append(token)
    return tuple(tokens)
