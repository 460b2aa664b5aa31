"""Whether a host names a brand: a host read as it looks (other alphabets mapped to Latin, "1"
read as "l") and split into its labels, and a brand's names and words found in a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.numbercheck.brand_config import Brand
from bot.numbercheck.lookalike import EXTRACT, merged, skeleton

# Inside a longer word a lone 0 or 1 reads as a letter ("paypa1"), not one within a number.
_LONE_DIGIT = re.compile(r"(?<!\d)[01](?!\d)")
_DIGIT_LETTERS = {"0": "o", "1": "l"}


@dataclass(frozen=True, slots=True)
class Host:
    """A host as it reads, split into its labels."""

    shown: str  # "dhl-paket.info"; other alphabets mapped to Latin: "dhі" -> "dhi"
    subdomains: tuple[str, ...]  # labels before the registered one, without "www"
    owner: str  # the label its owner registered ("dhl-paket"); private suffixes count
    suffix: str  # "info", "de", "github.io"
    hosted: bool  # on a platform where anyone publishes (a private public suffix: github.io)
    plain: bool  # written in ASCII


def reads_as(text: str) -> str:
    """Lower case; other alphabets and accents mapped to Latin ("ｄhІ" -> "dhi"). ASCII stays
    as written: digits are digits here ("02" is not "o2"); has_word reads "1" as "l" itself."""
    text = text.lower().rstrip(".")
    return text if text.isascii() else skeleton(text).lower()


def read_host(host: str) -> Host:
    """`host` read as it looks and split into its labels."""
    shown = reads_as(host)
    parts = EXTRACT(shown, include_psl_private_domains=True)
    subdomains = tuple(label for label in parts.subdomain.split(".") if label and label != "www")
    return Host(
        shown, subdomains, parts.domain, parts.suffix, bool(parts.is_private), host.isascii()
    )


def names_brand(brand: Brand, label: str, *, registered: bool = False) -> bool:
    """`label` names the brand: a name inside it, or a word as one of its hyphen parts."""
    words = (*brand.words, *brand.domain_words) if registered else brand.words
    return has_name(brand, label) or any(has_word(label, word) for word in words)


def has_name(brand: Brand, label: str) -> bool:
    """A name inside `label` ("mydhlpaket", "paypa1-login"); as a whole part also with every
    look-alike pair ("dhI-paket"). Inside a longer word "i" is not read as "l" (DHL is not in
    "gandhi"), nor a digit next to another digit ("dh100b" is a number)."""
    if not brand.names:
        return False
    for word in brand.ignore:
        label = label.replace(word, "-")
    if any(has_word(label, name) for name in brand.names):
        return True
    joined = label.replace("-", "")
    read = _LONE_DIGIT.sub(lambda m: _DIGIT_LETTERS[m.group()], joined)
    return any(name in joined or name in read for name in brand.names)


def has_word(label: str, word: str) -> bool:
    """`word` ("ing", "vr-bank") as whole hyphen-separated parts of `label`; read as it looks
    ("dhI", "dh1", "rnicrosoft") unless the word has digits itself ("o2" is not "02")."""
    parts = label.split("-")
    wanted = word.split("-")
    if starts(parts, wanted):
        return True
    if any(c.isdigit() for c in word):
        return False
    return bool(starts([merged(p) for p in parts], [merged(w) for w in wanted]))


def starts(parts: list[str], wanted: list[str]) -> list[int]:
    """Where `wanted` occurs in `parts` as consecutive items."""
    size = len(wanted)
    return [i for i in range(len(parts) - size + 1) if parts[i : i + size] == wanted]
