"""Recognise the red flags of fraud in a message; the cue words are in data/red_flags.toml."""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import OSA

from bot.numbercheck.wording import fold, words

RED_FLAGS_PATH = Path(__file__).resolve().parent / "data" / "red_flags.toml"
# A starred cue word this long or longer still matches with one typo ("Kautoin"), but not
# when only its last letter differs: that is mostly another word ("abholen" is not "Abholer").
MIN_FUZZY_LENGTH = 7
# The next this many words after a negation ("nie", "never") do not count as cues; small words
# in between ("nach", "Ihre", "oder": `negation_skips` in the data file) are not counted.
NEGATION_REACH = 2


class FlagSeverity(enum.StrEnum):
    """How sure a red flag is: FRAUD opens the reply with "this is fraud"."""

    FRAUD = "fraud"
    CAUTION = "caution"


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One family of fraud recognised in a message, e.g. "pin_request"."""

    family: str
    severity: FlagSeverity


@dataclass(frozen=True, slots=True)
class _Rule:
    terms: tuple[int, ...]  # ids of term groups; each needs a word in the message
    within: int | None  # the most words the match may span, or None for anywhere


@dataclass(frozen=True, slots=True)
class _Family:
    flag: RedFlag
    rules: tuple[_Rule, ...]


class _Vocabulary:
    """Every cue word of every term group, answering "which groups does this word satisfy?"."""

    def __init__(self) -> None:
        self._exact: dict[str, set[int]] = {}
        self._prefixes: list[tuple[str, int]] = []
        self.size = 0
        self.groups_of = lru_cache(maxsize=65_536)(self._groups_of)

    def add_group(self, cues: Iterable[str], where: str) -> int:
        group = self.size
        self.size += 1
        for cue in cues:
            if not isinstance(cue, str) or not cue.strip("* "):
                raise ValueError(f"{where}: {cue!r} is not a cue word")
            word = fold(cue.strip())
            if word.endswith("*"):
                self._prefixes.append((word.rstrip("*"), group))
            else:
                self._exact.setdefault(word, set()).add(group)
        return group

    def _groups_of(self, word: str) -> frozenset[int]:
        groups = set(self._exact.get(word, ()))
        for prefix, group in self._prefixes:
            if word.startswith(prefix) or _near_prefix(word, prefix):
                groups.add(group)
        return frozenset(groups)


def _near_prefix(word: str, prefix: str) -> bool:
    """One typo (a letter wrong, missing, extra or two swapped) in the first len(prefix) letters."""
    if len(prefix) < MIN_FUZZY_LENGTH or len(word) < len(prefix) - 1:
        return False
    if word[: len(prefix) - 1] == prefix[:-1]:
        return False  # only the last letter differs
    return any(
        OSA.distance(word[:length], prefix, score_cutoff=1) <= 1
        for length in (len(prefix) - 1, len(prefix), len(prefix) + 1)
        if length <= len(word)
    )


class RedFlagRules:
    """The families of red flags, most dangerous first. Build once; `find` is thread-safe."""

    def __init__(
        self,
        families: tuple[_Family, ...],
        vocabulary: _Vocabulary,
        negations: set[str],
        skips: set[str],
    ) -> None:
        self._families = families
        self._vocabulary = vocabulary
        self._negations = frozenset(negations)
        self._skips = frozenset(skips)

    @property
    def families(self) -> tuple[RedFlag, ...]:
        return tuple(f.flag for f in self._families)

    def find(self, text: str) -> tuple[RedFlag, ...]:
        """The families whose rules match `text`, most dangerous first."""
        positions = self._positions(text)
        if not positions:
            return ()
        return tuple(f.flag for f in self._families if any(_matches(r, positions) for r in f.rules))

    def _positions(self, text: str) -> dict[int, list[int]]:
        """For each term group, the word positions that satisfy it (negated words left out)."""
        found: dict[int, list[int]] = {}
        negated, negated_position = 0, -1
        for position, word in words(text):
            if word in self._negations:
                negated, negated_position = NEGATION_REACH, position
                continue
            if negated and word in self._skips:
                continue  # small words do not use up a negation's reach
            if negated and position != negated_position:
                negated, negated_position = negated - 1, position
                continue
            if negated and position == negated_position:
                continue  # a part of the hyphenated word just skipped
            for group in self._vocabulary.groups_of(word):
                found.setdefault(group, []).append(position)
        return found

    @classmethod
    def load(cls, path: Path = RED_FLAGS_PATH) -> RedFlagRules:
        with path.open("rb") as file:
            return cls.from_config(tomllib.load(file))

    @classmethod
    def from_config(cls, raw: Mapping[str, Any]) -> RedFlagRules:
        """Build from the TOML tables; raise ValueError naming the bad entry."""
        vocabulary = _Vocabulary()
        families = []
        seen: set[str] = set()
        for index, item in enumerate(raw.get("family", [])):
            where = f"family[{index}]"
            family_id = str(item.get("id", "")).strip()
            if not family_id or family_id in seen:
                raise ValueError(f"{where}.id: missing or duplicate")
            seen.add(family_id)
            if not str(item.get("source", "")).strip():
                raise ValueError(f"{where}.source: every family needs its public source")
            try:
                severity = FlagSeverity(item.get("severity", ""))
            except ValueError:
                raise ValueError(f"{where}.severity: must be 'fraud' or 'caution'") from None
            rules = tuple(
                _rule(rule, vocabulary, f"{where}.rules[{n}]")
                for n, rule in enumerate(item.get("rules", []))
            )
            if not rules:
                raise ValueError(f"{where}.rules: at least one rule is needed")
            families.append(_Family(RedFlag(family_id, severity), rules))
        negations = {fold(word) for word in raw.get("negations", [])}
        skips = {fold(word) for word in raw.get("negation_skips", [])}
        return cls(tuple(families), vocabulary, negations, skips)


def _rule(raw: Mapping[str, Any], vocabulary: _Vocabulary, where: str) -> _Rule:
    groups = raw.get("all", [])
    if not groups:
        raise ValueError(f"{where}.all: at least one group of cue words is needed")
    terms = tuple(vocabulary.add_group(g, f"{where}.all[{n}]") for n, g in enumerate(groups))
    within = raw.get("within")
    if within is not None and (not isinstance(within, int) or within < 1):
        raise ValueError(f"{where}.within: must be a positive number of words")
    return _Rule(terms, within)


def _matches(rule: _Rule, positions: dict[int, list[int]]) -> bool:
    hits = [positions.get(term) for term in rule.terms]
    if not all(hits):
        return False
    if rule.within is None:
        return True
    anchors = sorted({p for group in hits for p in group})
    return any(
        all(any(a <= p <= a + rule.within for p in group) for group in hits) for a in anchors
    )
