"""Fold words for matching: no case, no accents, umlauts as their base letter (ä = ae = a)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+(?:-\w+)*")
_GERMAN_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """ "Überweisung", "Ueberweisung" and "uberweisung" all become "uberweisung"."""
    text = word.casefold().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for digraph, letter in _GERMAN_DIGRAPHS:
        text = text.replace(digraph, letter)
    return text


def words(text: str) -> list[tuple[int, str]]:
    """(position, folded word) for every word; a hyphenated word also yields its parts at the
    same position ("Online-Banking" -> "online-banking", "online", "banking")."""
    found = []
    for position, match in enumerate(_WORD.finditer(text)):
        word = fold(match.group())
        found.append((position, word))
        if "-" in word:
            found.extend((position, part) for part in word.split("-") if part)
    return found
