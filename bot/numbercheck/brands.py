"""Brands scammers imitate in links (DHL, Sparkasse, PayPal, ELSTER ...) and URL shorteners.

The brands, their real addresses and the names that identify them in a host are in
data/brands.toml, the shorteners in data/url_shorteners.txt; both name their sources.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bot.numbercheck.lookalike import EXTRACT, contains_labels, merged, skeleton

DATA = Path(__file__).resolve().parent / "data"
BRANDS_PATH = DATA / "brands.toml"
SHORTENERS_PATH = DATA / "url_shorteners.txt"

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z0-9-]{2,}")
_LOCAL_PART_SEPARATORS = re.compile(r"[._+-]+")
# Inside a longer word a lone 0 or 1 reads as a letter ("paypa1"), not one within a number.
_LONE_DIGIT = re.compile(r"(?<!\d)[01](?!\d)")
_DIGIT_LETTERS = {"0": "o", "1": "l"}


class BrandMatchKind(enum.StrEnum):
    """How a host that names a brand relates to it; the finding's `reason` says which."""

    IMITATION = "brand"  # a look-alike: "dhl-paket.info", "paypal.com.secure-login.net"
    REGIONAL = "regional"  # may be a regional member we do not list: "sparkasse-jena.de"
    OTHER_ENDING = "other_ending"  # the brand's exact name, another ending: "dhl.com", "amazon.fr"


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


@dataclass(frozen=True, slots=True)
class BrandMatch:
    brand: Brand
    kind: BrandMatchKind


@dataclass(frozen=True, slots=True)
class _Host:
    """A host as it reads, split into its labels."""

    shown: str  # "dhl-paket.info"; other alphabets mapped to Latin: "dhі" -> "dhi"
    subdomains: tuple[str, ...]  # labels before the registered one, without "www"
    owner: str  # the label its owner registered ("dhl-paket"); private suffixes count
    suffix: str  # "info", "de", "github.io"
    hosted: bool  # on a platform where anyone publishes (a private public suffix: github.io)
    plain: bool  # written in ASCII


class BrandRules:
    """The brands and shorteners. Build once (`load`); every method is thread-safe."""

    def __init__(
        self,
        brands: Iterable[Brand] = (),
        shorteners: Iterable[str] = (),
        phishing_words: Iterable[str] = (),
        regional_suffixes: Iterable[str] = (),
    ) -> None:
        self.brands = tuple(brands)
        self.shorteners = frozenset(shorteners)
        self.phishing_words = frozenset(phishing_words)
        self.regional_suffixes = frozenset(regional_suffixes)
        self._by_domain = {d: b for b in self.brands for d in b.domains}
        self._mailboxes = frozenset(m for b in self.brands for m in b.mailboxes)

    # --- real sites, shorteners --------------------------------------------------------------

    def site(self, host: str) -> Brand | None:
        """The brand whose real address `host` (ASCII, lower case) is or is under. A page on a
        platform where anyone publishes (a private public suffix: "x.github.io") is nobody's."""
        brand = _under(host, self._by_domain)
        if brand is None:
            return None
        hosted = EXTRACT(host, include_psl_private_domains=True)
        if hosted.is_private and hosted.top_domain_under_public_suffix not in self._by_domain:
            return None
        return brand

    def is_mailbox(self, host: str) -> bool:
        """`host` gives anyone an e-mail address (gmail.com): a sender there is not the brand."""
        return host.rstrip(".").lower() in self._mailboxes

    def is_shortener(self, host: str) -> bool:
        """`host` is a URL shortener or one of its subdomains."""
        labels = host.split(".")
        return any(".".join(labels[i:]) in self.shorteners for i in range(len(labels)))

    # --- imitations --------------------------------------------------------------------------

    def imitation(self, host: str) -> BrandMatch | None:
        """The brand that `host` (ASCII or Unicode, not a real site of a brand) names, and how.
        Real sites of others that happen to hold the name (`unrelated`) name no brand."""
        parsed = _read(host)
        registered = f"{parsed.owner}.{parsed.suffix}" if parsed.suffix else parsed.owner
        lenient: BrandMatch | None = None
        for brand in self.brands:
            if registered in brand.unrelated:
                continue
            kind = self._kind(brand, parsed)
            if kind is BrandMatchKind.IMITATION:
                return BrandMatch(brand, kind)  # "sparkasse-paypal.de" imitates PayPal
            if kind is not None and lenient is None:
                lenient = BrandMatch(brand, kind)
        return lenient

    def _kind(self, brand: Brand, host: _Host) -> BrandMatchKind | None:
        in_subdomain = any(_names(brand, label) for label in host.subdomains)
        in_owner = _names(brand, host.owner, registered=True)
        # The lenient answers only for a plain name, written as is, that its owner registered
        # with a registry (not a page on a hosting platform: "dhl.github.io").
        plain = in_owner and not in_subdomain and host.plain and not host.hosted
        if plain and host.owner in brand.exact_names:
            return BrandMatchKind.OTHER_ENDING  # "dhl.com", "google.com.br"
        if any(contains_labels(host.shown, domain) for domain in brand.domains):
            return BrandMatchKind.IMITATION  # "paypal.com.secure-login.net", "dhl.de-paket.info"
        if not (in_subdomain or in_owner):
            return None
        if plain and self._regional(brand, host):
            return BrandMatchKind.REGIONAL
        return BrandMatchKind.IMITATION

    def _regional(self, brand: Brand, host: _Host) -> bool:
        """ "sparkasse-jena.de": a regional word and words that are not phishing words."""
        if not brand.regional or host.suffix not in self.regional_suffixes:
            return False
        parts = host.owner.split("-")
        for word in brand.regional:
            wanted = word.split("-")
            for start in _starts(parts, wanted):
                rest = parts[:start] + parts[start + len(wanted) :]
                if rest and not any(part in self.phishing_words for part in rest):
                    return True
        return False

    # --- e-mail senders, disguised links ------------------------------------------------------

    def named_in_sender(self, local_part: str) -> Brand | None:
        """The brand a sender's name before the "@" names ("paypal.service@..."). Only the
        distinctive names count here: "hermes.mueller" is a person."""
        pieces = [p for p in _LOCAL_PART_SEPARATORS.split(_reads_as(local_part)) if p]
        for brand in self.brands:
            if any(_has_name(brand, piece) for piece in [*pieces, "".join(pieces)]):
                return brand
        return None

    def mentioned_in(self, text: str) -> Brand | None:
        """The brand whose real address is written in `text` ("/www.paypal.com/signin")."""
        match = self._mention.search(text)
        return self._by_domain.get(match.group(0).lower()) if match else None

    @cached_property
    def _mention(self) -> re.Pattern[str]:
        names = "|".join(re.escape(d) for d in sorted(self._by_domain, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{names or '(?!)'})(?![\w-])", re.IGNORECASE)

    # --- loading ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path = BRANDS_PATH, shorteners: Path = SHORTENERS_PATH) -> BrandRules:
        with path.open("rb") as file:
            raw = tomllib.load(file)
        return cls.from_config(raw, read_shorteners(shorteners.read_text(encoding="utf-8")))

    @classmethod
    def from_config(cls, raw: Mapping[str, Any], shorteners: Iterable[str] = ()) -> BrandRules:
        """Build from the TOML tables; raise ValueError naming the bad entry."""
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
        phishing = _tokens(raw.get("phishing_words", []), "phishing_words")
        suffixes = _tokens(raw.get("regional_suffixes", []), "regional_suffixes")
        return cls(brands, shorteners, phishing, suffixes)


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


# --- matching helpers ------------------------------------------------------------------------


def _under(host: str, domains: Mapping[str, Brand]) -> Brand | None:
    labels = host.rstrip(".").lower().split(".")
    for i in range(len(labels)):
        brand = domains.get(".".join(labels[i:]))
        if brand is not None:
            return brand
    return None


def _reads_as(text: str) -> str:
    """Lower case; other alphabets and accents mapped to Latin ("ｄhІ" -> "dhi"). ASCII stays
    as written: digits are digits here ("02" is not "o2"); _has_word reads "1" as "l" itself."""
    text = text.lower().rstrip(".")
    return text if text.isascii() else skeleton(text).lower()


def _read(host: str) -> _Host:
    shown = _reads_as(host)
    parts = EXTRACT(shown, include_psl_private_domains=True)
    subdomains = tuple(label for label in parts.subdomain.split(".") if label and label != "www")
    return _Host(
        shown, subdomains, parts.domain, parts.suffix, bool(parts.is_private), host.isascii()
    )


def _names(brand: Brand, label: str, *, registered: bool = False) -> bool:
    """`label` names the brand: a name inside it, or a word as one of its hyphen parts."""
    words = (*brand.words, *brand.domain_words) if registered else brand.words
    return _has_name(brand, label) or any(_has_word(label, word) for word in words)


def _has_name(brand: Brand, label: str) -> bool:
    """A name inside `label` ("mydhlpaket", "paypa1-login"); as a whole part also with every
    look-alike pair ("dhI-paket"). Inside a longer word "i" is not read as "l" (DHL is not in
    "gandhi"), nor a digit next to another digit ("dh100b" is a number)."""
    if not brand.names:
        return False
    for word in brand.ignore:
        label = label.replace(word, "-")
    if any(_has_word(label, name) for name in brand.names):
        return True
    joined = label.replace("-", "")
    read = _LONE_DIGIT.sub(lambda m: _DIGIT_LETTERS[m.group()], joined)
    return any(name in joined or name in read for name in brand.names)


def _has_word(label: str, word: str) -> bool:
    """`word` ("ing", "vr-bank") as whole hyphen-separated parts of `label`; read as it looks
    ("dhI", "dh1", "rnicrosoft") unless the word has digits itself ("o2" is not "02")."""
    parts = label.split("-")
    wanted = word.split("-")
    if _starts(parts, wanted):
        return True
    if any(c.isdigit() for c in word):
        return False
    return bool(_starts([merged(p) for p in parts], [merged(w) for w in wanted]))


def _starts(parts: list[str], wanted: list[str]) -> list[int]:
    """Where `wanted` occurs in `parts` as consecutive items."""
    size = len(wanted)
    return [i for i in range(len(parts) - size + 1) if parts[i : i + size] == wanted]


# --- parsing ---------------------------------------------------------------------------------


def _brand(raw: Any, where: str) -> Brand:
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
        key: _tokens(raw.get(key, []), f"{where}.{key}")
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


def _tokens(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"{where}: must be a list")
    tokens = []
    for item in raw:
        token = str(item).strip().lower()
        if not _TOKEN.fullmatch(token):
            raise ValueError(f"{where}: {item!r} must be lower-case letters, digits and hyphens")
        tokens.append(token)
    return tuple(tokens)
