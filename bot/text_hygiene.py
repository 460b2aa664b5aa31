"""Text hygiene: the one place that decides which characters of an untrusted text the bot keeps.

Every text the bot stores, shows or sends that came from outside (a resident's note, an
alert's text, a name typed on the command line, button data) passes `clean` where it enters.
It removes what can hide, forge or break a line: C0 controls but newline and tab, DEL, C1
controls, Unicode's explicit direction controls (RLO and the like) and lone surrogates. Marks
that only steer the direction of one place (LRM, RLM, ALM) stay: Arabic text needs them.

A leaf module: it imports nothing of the project."""

from __future__ import annotations

import re
import unicodedata

# Unicode's explicit embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they can make
# an echoed number, link or line read differently from what it is.
_DIRECTION_CONTROLS = frozenset({"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})
# What `clean` removes, as one character class: C0 but tab and newline, DEL and C1, the
# explicit direction controls (U+202A-202E, U+2066-2069; `_dropped` says the same), surrogates.
_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Letters and symbols that draw nothing (Hangul fillers, the Braille blank, the Mongolian vowel
# separator): with the format characters and spaces, a text made of them looks empty.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP: CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _dropped(char: str) -> bool:
    code = ord(char)
    if char in "\n\t":
        return False
    if code < 0x20 or 0x7F <= code <= 0x9F:  # C0, DEL, C1
        return True
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be encoded as UTF-8
        return True
    return unicodedata.bidirectional(char) in _DIRECTION_CONTROLS


def clean(text: str, *, one_line: bool = False) -> str:
    """`text` without control and direction characters; CRLF and CR become a newline first.
    `one_line`: every line break and tab becomes one space (a name, a table cell)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = _DROPPED.sub("", text)
    if one_line:
        kept = " ".join(kept.split())
    return kept


def visible(text: str) -> bool:
    """Whether `text` shows anything: not only spaces, format characters and blank letters."""
    return any(
        not c.isspace()
        and c not in _BLANK_LETTERS
        and unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me")
        for c in text
    )


def shown(text: str, limit: int | None = 80) -> str:
    """An untrusted value inside a one-line message (a command line's error): its control
    characters written as escapes (`\\x1b`, `\\n`, `\\u202e`), cut to `limit` characters
    (None: never cut)."""
    out: list[str] = []
    for char in text if limit is None else text[:limit]:
        if char in "\n\t" or _dropped(char):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out) + ("…" if limit is not None and len(text) > limit else "")


def csv_cell(value: object) -> object:
    """A value for a CSV file a spreadsheet may open: a text that would start a formula gets a
    leading single quote (OWASP's advice), so it stays text. Numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
