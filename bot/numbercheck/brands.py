"""Brands scammers imitate in links (DHL, Sparkasse, PayPal, ELSTER ...) and URL shorteners.

The rules: a brand's real site, a shortener, a host that imitates a brand, a sender's name or a
text that names one. What a brand is and how the data files are read: brand_config.py; whether
a host's labels name a brand: brand_names.py.
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

from bot.numbercheck.brand_config import (
    BRANDS_PATH,
    SHORTENERS_PATH,
    Brand,
    read_brands,
    read_shorteners,
    read_tokens,
)
from bot.numbercheck.brand_names import Host, has_name, names_brand, read_host, reads_as, starts
from bot.numbercheck.lookalike import EXTRACT, contains_labels

_LOCAL_PART_SEPARATORS = re.compile(r"[._+-]+")


class BrandMatchKind(enum.StrEnum):
    """How a host that names a brand relates to it; the finding's `reason` says which."""

    IMITATION = "brand"  # a look-alike: "dhl-paket.info", "paypal.com.secure-login.net"
    REGIONAL = "regional"  # may be a regional member we do not list: "sparkasse-jena.de"
    OTHER_ENDING = "other_ending"  # the brand's exact name, another ending: "dhl.com", "amazon.fr"


@dataclass(frozen=True, slots=True)
class BrandMatch:
    brand: Brand
    kind: BrandMatchKind


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
        parsed = read_host(host)
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

    def _kind(self, brand: Brand, host: Host) -> BrandMatchKind | None:
        in_subdomain = any(names_brand(brand, label) for label in host.subdomains)
        in_owner = names_brand(brand, host.owner, registered=True)
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

    def _regional(self, brand: Brand, host: Host) -> bool:
        """ "sparkasse-jena.de": a regional word and words that are not phishing words."""
        if not brand.regional or host.suffix not in self.regional_suffixes:
            return False
        parts = host.owner.split("-")
        for word in brand.regional:
            wanted = word.split("-")
            for start in starts(parts, wanted):
                rest = parts[:start] + parts[start + len(wanted) :]
                if rest and not any(part in self.phishing_words for part in rest):
                    return True
        return False

    # --- e-mail senders, disguised links ------------------------------------------------------

    def named_in_sender(self, local_part: str) -> Brand | None:
        """The brand a sender's name before the "@" names ("paypal.service@..."). Only the
        distinctive names count here: "hermes.mueller" is a person."""
        pieces = [p for p in _LOCAL_PART_SEPARATORS.split(reads_as(local_part)) if p]
        for brand in self.brands:
            if any(has_name(brand, piece) for piece in [*pieces, "".join(pieces)]):
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
        brands = read_brands(raw)
        phishing = read_tokens(raw.get("phishing_words", []), "phishing_words")
        suffixes = read_tokens(raw.get("regional_suffixes", []), "regional_suffixes")
        return cls(brands, shorteners, phishing, suffixes)


def _under(host: str, domains: Mapping[str, Brand]) -> Brand | None:
    labels = host.rstrip(".").lower().split(".")
    for i in range(len(labels)):
        brand = domains.get(".".join(labels[i:]))
        if brand is not None:
            return brand
    return None
