"""Is a host name made to look like an official domain? Typos, look-alike letters, swaps."""

from __future__ import annotations

import enum
import unicodedata
from functools import lru_cache

import tldextract
from confusable_homoglyphs import confusables
from rapidfuzz.distance import DamerauLevenshtein

# tldextract with its bundled Public Suffix List snapshot: never downloads, never writes a cache.
EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# Edit distance (Damerau-Levenshtein, separators removed) at which a name counts as a typo of
# an official name: one edit for names up to this length, two for longer ones.
SHORT_NAME = 15
# ASCII letter pairs that read as one letter on a small screen (TR39 confusables among ASCII).
_ASCII_CONFUSABLES = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"))


class LookalikeReason(enum.StrEnum):
    """Why a host imitates an official domain; the templates explain each."""

    HOMOGLYPH = "homoglyph"  # other alphabets or accents: "jеna.de" (Cyrillic е), "jéna.de"
    CONTAINS_OFFICIAL = "contains_official"  # "jena.de.evil.com", "jena.de-login.com"
    SWAPPED = "swapped"  # other ending or separators: "jena.com", "polizei-thueringen.de"
    TYPO = "typo"  # one or two letters off: "jna.de", "jean.de", "jana.de"


@lru_cache(maxsize=8192)
def skeleton(host: str) -> str:
    """The host as it reads: look-alike letters mapped to Latin (TR39 confusables), accents
    dropped."""
    text = unicodedata.normalize("NFKC", host).lower()
    found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or []
    mapping = {}
    for item in found:
        glyphs = [g["c"] for g in item["homoglyphs"] if g["c"].isascii()]
        if glyphs:
            mapping[item["character"]] = glyphs[0]
    text = "".join(mapping.get(ch, ch) for ch in text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def merged(text: str) -> str:
    """ASCII look-alike pairs merged: "rn" reads as "m", "vv" as "w", "1" as "l"."""
    for pair, letter in _ASCII_CONFUSABLES:
        text = text.replace(pair, letter)
    return text


def contains_labels(host: str, domain: str) -> bool:
    """`domain` appears in `host` starting at a label: "jena.de.evil.com", "jena.de-login.com"."""
    start = host.find(domain)
    while start >= 0:
        if start == 0 or host[start - 1] == ".":
            return True
        start = host.find(domain, start + 1)
    return False


def under(host: str, domains: frozenset[str]) -> str:
    """The domain of `domains` that `host` is or is a subdomain of, else ""."""
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return ""


def registrable(host: str) -> str:
    """ "www.uni-jena.de" -> "uni-jena.de" (the name a registrant owns)."""
    return EXTRACT(host).top_domain_under_public_suffix or host


def _name(host: str) -> tuple[str, str]:
    """(labels before the public suffix, suffix): "a.b.de" -> ("a.b", "de")."""
    parts = EXTRACT(host)
    name = ".".join(p for p in (parts.subdomain, parts.domain) if p)
    return name.removeprefix("www."), parts.suffix


def _bare(name: str) -> str:
    return name.replace(".", "").replace("-", "")


def lookalike_reason(host: str, official: frozenset[str]) -> LookalikeReason | None:
    """Why `host` (ASCII or Unicode, not itself official) imitates an official domain, or None."""
    shown = skeleton(host).removeprefix("www.")
    for domain in official:
        reason = _imitates(shown, domain)
        if reason is not None:
            return reason
    return None


def _imitates(shown: str, domain: str) -> LookalikeReason | None:
    target = skeleton(domain)
    if shown == target or shown.endswith("." + target) or merged(shown) == merged(target):
        return LookalikeReason.HOMOGLYPH
    if contains_labels(shown, target):
        return LookalikeReason.CONTAINS_OFFICIAL
    name = _name(shown)[0]
    target_name, target_suffix = _name(target)
    bare, target_bare = _bare(name), _bare(target_name)
    if not bare:
        return None
    if bare in (target_bare, target_bare + _bare(target_suffix)):
        return LookalikeReason.SWAPPED
    allowed = 1 if len(target_bare) <= SHORT_NAME else 2
    if any(
        DamerauLevenshtein.distance(a, b, score_cutoff=allowed) <= allowed
        for a, b in ((bare, target_bare), (merged(bare), merged(target_bare)))
    ):
        return LookalikeReason.TYPO
    return None
