"""The structured signals of a text a resident pasted (data/signals.toml, six languages): who
the text claims to be, what it asks for, pressure and secrecy, the channel (call, message, door,
letter) and the stance (her own experience, or a report about scams). An ask in a sentence with
a negation counts as negated ("Wir fragen Sie niemals nach Ihrer PIN"). The cue-word red flags
and what the check found in the text (look-alike links, foreign numbers …) are signals too.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

SIGNALS_PATH = Path(__file__).resolve().parent / "data" / "signals.toml"
SHORT_TEXT = 6  # words: a text this short is never fraud on one signal alone
BRIEF_TEXT = 12  # words: a text this brief that only names who it claims to be is no proof
SHORT_STEM = 3  # a stem this short matches a whole word only ("pin", "son", "tan")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD = re.compile(r"\w+")
PREFIX = 2  # letters a word and a stem must share before the stem is compared
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_AMOUNT = re.compile(r"\d[\d.,]*\s?(?:€|eur\b|euro\b)|€\s?\d", re.IGNORECASE)
_CODE = re.compile(r"(?<!\d)\d{3}[- ]?\d{3}(?!\d)")


class SignalReader:
    """The structured signals of a text: each word's start is looked up among the stems that
    begin with its first letters (a phrase is a stem with spaces), in one pass over the words."""

    def __init__(self, lexicon: dict[str, dict[str, list[str]]]) -> None:
        self.names: tuple[str, ...] = tuple(
            f"{group}.{signal}" for group, signals in lexicon.items() for signal in signals
        )
        of: dict[str, list[str]] = {}
        for group, signals in lexicon.items():
            for signal, stems in signals.items():
                for stem in stems:
                    of.setdefault(stem.casefold(), []).append(f"{group}.{signal}")
        # word stems by their first PREFIX letters; the others ("€", Arabic) are searched
        self._by_start: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
        self._anywhere: list[tuple[str, tuple[str, ...], bool]] = []
        for stem, names in of.items():
            if not stem[0].isalnum() or _ARABIC.search(stem):
                # a short Arabic word ("لا") inside a longer one is another word
                whole = bool(_ARABIC.search(stem)) and len(stem) <= SHORT_STEM
                self._anywhere.append((stem, tuple(names), whole))
                continue
            # "pin", "son": a whole word only; "oğl", "kız" begin Turkish words
            whole = len(stem) <= SHORT_STEM and stem.isascii()
            self._by_start.setdefault(stem[:PREFIX], []).append((stem, tuple(names), whole))

    @classmethod
    @cache
    def load(cls, path: Path = SIGNALS_PATH) -> SignalReader:
        with path.open("rb") as file:
            return cls(tomllib.load(file))

    def _hits(self, folded: str) -> list[tuple[int, tuple[str, ...]]]:
        hits = []
        for word in _WORD.finditer(folded):
            start = word.start()
            for stem, names, whole in self._by_start.get(folded[start : start + PREFIX], ()):
                if not folded.startswith(stem, start):
                    continue
                end = start + len(stem)
                if whole and end < len(folded) and (folded[end].isalnum() or folded[end] == "_"):
                    continue
                hits.append((start, names))
        for stem, names, whole in self._anywhere:
            at = folded.find(stem)
            while at >= 0:
                if not whole or _alone(folded, at, at + len(stem)):
                    hits.append((at, names))
                at = folded.find(stem, at + 1)
        return hits

    def read(self, text: str) -> set[str]:
        """Signal names present; asks negated in every sentence they occur in get ".negated"."""
        folded = text.casefold()
        ends = [m.end() for m in _SENTENCE_END.finditer(folded)]
        found: set[str] = set()
        asks_in: dict[str, set[int]] = {}
        negated: set[int] = set()
        for position, names in self._hits(folded):
            sentence = bisect.bisect_right(ends, position)
            for name in names:
                if name == "negation.negation":
                    negated.add(sentence)
                elif name.startswith("asks."):
                    asks_in.setdefault(name, set()).add(sentence)
                else:
                    found.add(name)
        for name, sentences in asks_in.items():
            found.add(f"{name}.negated" if sentences <= negated else name)
        if _AMOUNT.search(text):
            found.add("shape.amount")
        if _CODE.search(text):
            found.add("shape.code")
        if text.count("!") >= 2:
            found.add("shape.exclamations")
        words = len(text.split())
        if words < SHORT_TEXT:
            found.add("shape.short")
        if words < BRIEF_TEXT:
            found.add("shape.brief")
        return found


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word of its own; an Arabic word may carry "و" or "ف"."""
    if end < len(text) and text[end].isalnum():
        return False
    if start > 0 and text[start - 1] in "وف":
        start -= 1
    return start == 0 or not text[start - 1].isalnum()


def finding_signals(kinds: Iterable[str], reasons: Iterable[str]) -> set[str]:
    """Signals from what the check found: "found.<verdict>" and "reason.<reason>"."""
    return {f"found.{k}" for k in kinds} | {f"reason.{r}" for r in reasons if r}


def flag_signals(families: Iterable[str]) -> set[str]:
    """The cue-word red flags, as signals "flag.<family>"."""
    return {f"flag.{f}" for f in families}
