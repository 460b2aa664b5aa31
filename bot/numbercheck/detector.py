"""The scam detector: does a text a resident pasted look like a scam, a warning about scams, or
neither? A linear model over character and word n-grams and structured signals, trained on the
public corpus in bench/data/scam_corpus/ (`make model`, bench/train_detector.py) and shipped
as bot/numbercheck/data/detector.npz.

Structured signals (data/signals.toml, six languages): who the text claims to be, what it asks
for, pressure and secrecy, the channel (call, message, door, letter) and the stance (her own
experience, or a report about scams). An ask in a sentence with a negation counts as negated
("Wir fragen Sie niemals nach Ihrer PIN"). The cue-word red flags and what the check found in
the text (look-alike links, foreign numbers …) are signals too. None of them decides alone:
the model weighs them, and thresholds taken from the corpus's dev split turn its calibrated
score into an outcome.
"""

from __future__ import annotations

import bisect
import enum
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

DATA = Path(__file__).resolve().parent / "data"
SIGNALS_PATH = DATA / "signals.toml"
MODEL_PATH = DATA / "detector.npz"
CLASSES = ("scam", "warning", "honest")  # the model's classes, in its order
# Families of honest texts that are warnings about scams (news, police advice, press).
WARNING_FAMILIES = frozenset({"police_advice", "police_press", "news_article"})
SHORT_STEM = 3  # a stem this short matches a whole word only ("pin", "son", "tan")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_AMOUNT = re.compile(r"\d[\d.,]*\s?(?:€|eur\b|euro\b)|€\s?\d", re.IGNORECASE)
_CODE = re.compile(r"(?<!\d)\d{3}[- ]?\d{3}(?!\d)")


class Outcome(enum.StrEnum):
    """The answer to "Is this a scam?"."""

    FRAUD = "fraud"  # ⛔ this is fraud
    UNSURE = "unsure"  # ❔ ask the question that decides
    WARNING = "warning"  # ℹ️ a warning about fraud (news, police advice), not a fraud itself
    NO_SIGNS = "no_signs"  # no signs of fraud


class Channel(enum.StrEnum):
    """How it reached the resident; the advice fits it."""

    CALL = "call"
    MESSAGE = "message"
    DOOR = "door"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class Assessment:
    outcome: Outcome
    score: float  # the model's probability that the text is a scam
    channel: Channel
    claims: tuple[str, ...] = ()  # who it claims to be: police, bank, relative, authority …
    asks: tuple[str, ...] = ()  # what it asks for (not negated): money, code, pin, data …


class SignalReader:
    """The structured signals of a text, in one pass of one regular expression."""

    def __init__(self, lexicon: dict[str, dict[str, list[str]]]) -> None:
        self.names: tuple[str, ...] = tuple(
            f"{group}.{signal}" for group, signals in lexicon.items() for signal in signals
        )
        self._of: dict[str, list[str]] = {}
        parts = []
        for group, signals in lexicon.items():
            for signal, stems in signals.items():
                for stem in stems:
                    key = stem.casefold()
                    if key not in self._of:
                        self._of[key] = []
                        parts.append(_stem_pattern(key))
                    self._of[key].append(f"{group}.{signal}")
        parts.sort(key=len, reverse=True)
        self._pattern = re.compile("|".join(parts))

    @classmethod
    @cache
    def load(cls, path: Path = SIGNALS_PATH) -> SignalReader:
        with path.open("rb") as file:
            return cls(tomllib.load(file))

    def read(self, text: str) -> set[str]:
        """Signal names present; asks negated in every sentence they occur in get ".negated"."""
        folded = text.casefold()
        ends = [m.end() for m in _SENTENCE_END.finditer(folded)]
        found: set[str] = set()
        asks_in: dict[str, set[int]] = {}
        negated: set[int] = set()
        for match in self._pattern.finditer(folded):
            sentence = bisect.bisect_right(ends, match.start())
            for name in self._of[match.group()]:
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
        return found


def _stem_pattern(stem: str) -> str:
    escaped = re.escape(stem)
    if _ARABIC.search(stem):
        return escaped  # Arabic: prefixes (و، ف، ب، ل، ال) attach to the word
    if len(stem) <= SHORT_STEM:
        return rf"(?<!\w){escaped}(?!\w)"
    return rf"(?<!\w){escaped}"


def finding_signals(kinds: Iterable[str], reasons: Iterable[str]) -> set[str]:
    """Signals from what the check found: "found.<verdict>" and "reason.<reason>"."""
    return {f"found.{k}" for k in kinds} | {f"reason.{r}" for r in reasons if r}


def flag_signals(families: Iterable[str]) -> set[str]:
    """The cue-word red flags, as signals "flag.<family>"."""
    return {f"flag.{f}" for f in families}


@dataclass(frozen=True)
class Features:
    """How a text becomes a vector: hashed n-grams plus named signals. The same object builds
    the training matrix and the one row at run time."""

    signal_names: tuple[str, ...]
    char_features: int = 2**18
    word_features: int = 2**17
    signal_weight: float = 1.0

    @property
    def size(self) -> int:
        return self.char_features + self.word_features + len(self.signal_names)

    @property
    def _char(self) -> HashingVectorizer:
        return _vectorizer("char_wb", (2, 4), self.char_features)

    @property
    def _word(self) -> HashingVectorizer:
        return _vectorizer("word", (1, 2), self.word_features)

    def matrix(self, texts: Sequence[str], signals: Sequence[set[str]]) -> sparse.csr_matrix:
        index = {name: i for i, name in enumerate(self.signal_names)}
        rows, cols = [], []
        for row, present in enumerate(signals):
            for name in present:
                if name in index:
                    rows.append(row)
                    cols.append(index[name])
        values = np.full(len(rows), self.signal_weight, dtype=np.float64)
        named = sparse.csr_matrix(
            (values, (rows, cols)), shape=(len(texts), len(self.signal_names))
        )
        blocks = [self._char.transform(texts), self._word.transform(texts), named]
        return sparse.hstack(blocks, format="csr")


@cache
def _vectorizer(analyzer: str, ngrams: tuple[int, int], features: int) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer=analyzer,
        ngram_range=ngrams,
        n_features=features,
        alternate_sign=False,
        lowercase=True,
        token_pattern=r"(?u)\b\w+\b",  # noqa: S106 -- a regular expression, not a password
    )


@dataclass(frozen=True)
class Thresholds:
    fraud: float  # score from which the answer is "fraud"
    unsure: float  # score from which the bot asks


class Detector:
    """The trained model: weights per class, thresholds from the dev split."""

    def __init__(
        self,
        features: Features,
        weights: np.ndarray,
        intercept: np.ndarray,
        thresholds: Thresholds,
        signals: SignalReader,
    ) -> None:
        self.features = features
        self.weights = weights  # (classes, features)
        self.intercept = intercept
        self.thresholds = thresholds
        self.signals = signals

    @classmethod
    @cache
    def load(cls, path: Path = MODEL_PATH) -> Detector | None:
        """The shipped model, or None if there is none (the check then works without it)."""
        if not path.exists():
            return None
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            features = Features(
                tuple(meta["signal_names"]),
                meta["char_features"],
                meta["word_features"],
                meta["signal_weight"],
            )
            weights = stored["weights"].astype(np.float64)
            intercept = stored["intercept"].astype(np.float64)
        thresholds = Thresholds(meta["fraud"], meta["unsure"])
        return cls(features, weights, intercept, thresholds, SignalReader.load())

    def probabilities(self, texts: Sequence[str], signals: Sequence[set[str]]) -> np.ndarray:
        """(texts, classes) probabilities, the classes in CLASSES' order."""
        scores = self.features.matrix(texts, signals) @ self.weights.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def assess(self, text: str, extra: set[str], dangerous: bool = False) -> Assessment:
        """The outcome for one text; `extra`: the signals of its findings and red flags;
        `dangerous`: the check found something dangerous in it (a look-alike link)."""
        present = self.signals.read(text) | extra
        scam, warning, honest = self.probabilities([text], [present])[0]
        return judge(
            float(scam), float(warning), float(honest), present, self.thresholds, dangerous
        )


def judge(
    scam: float,
    warning: float,
    honest: float,
    present: set[str],
    thresholds: Thresholds,
    dangerous: bool = False,
) -> Assessment:
    """Probabilities and signals to an outcome. A call or visit she tells of, or something
    dangerous the check found, is never "no signs": the bot asks instead."""
    channel = channel_of(present)
    if scam >= thresholds.fraud:
        outcome = Outcome.FRAUD
    elif scam >= thresholds.unsure:
        outcome = Outcome.UNSURE
    elif warning > honest and warning > scam:
        outcome = Outcome.WARNING
    else:
        outcome = Outcome.NO_SIGNS
    told = channel in (Channel.CALL, Channel.DOOR) and "stance.own" in present
    if outcome is Outcome.NO_SIGNS and (told or dangerous):
        outcome = Outcome.UNSURE
    claims = tuple(sorted(n.removeprefix("claims.") for n in present if n.startswith("claims.")))
    asks = tuple(
        sorted(
            n.removeprefix("asks.")
            for n in present
            if n.startswith("asks.") and not n.endswith(".negated")
        )
    )
    return Assessment(outcome, scam, channel, claims, asks)


def channel_of(present: set[str]) -> Channel:
    """Someone at the door, or a call or letter she tells of ("hat mich angerufen"); else the
    text is the message itself (an SMS that says "call us" is still a message)."""
    if "channel.door" in present:
        return Channel.DOOR
    if "stance.own" in present:
        for channel in (Channel.CALL, Channel.LETTER):
            if f"channel.{channel}" in present:
                return channel
    return Channel.MESSAGE
