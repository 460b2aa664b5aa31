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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scikit-learn and scipy load with the first model, not with the check
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

DATA = Path(__file__).resolve().parent / "data"
SIGNALS_PATH = DATA / "signals.toml"
MODEL_PATH = DATA / "detector.npz"
CLASSES = ("scam", "warning", "honest")  # the model's classes, in its order
# Families of honest texts that are warnings about scams (news, police advice, press).
WARNING_FAMILIES = frozenset({"police_advice", "police_press", "news_article"})
CHAR_NGRAMS = (3, 5)  # letters per character n-gram, within word bounds
SHORT_TEXT = 6  # words: a text this short is never fraud on one signal alone
BRIEF_TEXT = 12  # words: a text this brief that only names who it claims to be is no proof
SHORT_STEM = 3  # a stem this short matches a whole word only ("pin", "son", "tan")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_INT_MIN = -(2**31)
_WORD = re.compile(r"\w+")
PREFIX = 2  # letters a word and a stem must share before the stem is compared
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_AMOUNT = re.compile(r"\d[\d.,]*\s?(?:€|eur\b|euro\b)|€\s?\d", re.IGNORECASE)
_CODE = re.compile(r"(?<!\d)\d{3}[- ]?\d{3}(?!\d)")


_NOT_IN_A_WARNING = frozenset(
    {"found.unknown_link", "found.lookalike_link", "found.city_name_link", "found.telegram_handle"}
)


# Who a call or visit claims to be that makes the bot ask even without other signs.
_OFFICIAL_CLAIMS = frozenset(
    {"claims.police", "claims.bank", "claims.authority", "claims.support", "claims.utility"}
)

_SECRETS = frozenset({"asks.pin", "asks.code"})  # not negated: negated asks end ".negated"
_TOLD_CHANNELS = frozenset({"channel.call", "channel.door", "channel.message", "channel.letter"})

# What a scam is made of: who it claims to be, what it asks for, a red flag, pressure, secrecy,
# a number or link the check found.
_EVIDENCE = ("asks.", "claims.", "found.", "flag.", "pressure.", "secrecy.")
# Findings that are what they claim to be (the city's own link, a real local or brand site) are
# no sign of a scam.
_BENIGN = frozenset({"found.official_link", "found.local_site", "found.brand_site"})
_DEEDS = tuple(e for e in _EVIDENCE if e != "claims.")  # evidence beyond who it claims to be
_SAID = tuple(e for e in _EVIDENCE if e != "found.")  # evidence in its words, not its findings


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
    told: bool = False  # she tells of a call, visit, message or letter of her own


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


@dataclass(frozen=True)
class Features:
    """How a text becomes a vector: hashed n-grams plus named signals. The same object builds
    the training matrix and the one row at run time."""

    signal_names: tuple[str, ...]
    char_features: int = 2**17
    word_features: int = 2**16
    signal_weight: float = 1.0

    @property
    def size(self) -> int:
        return self.char_features + self.word_features + len(self.signal_names)

    @property
    def _char(self) -> HashingVectorizer:
        return _vectorizer("char_wb", CHAR_NGRAMS, self.char_features)

    @property
    def _word(self) -> HashingVectorizer:
        return _vectorizer("word", (1, 2), self.word_features)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.signal_names)}

    def row_scores(self, text: str, present: set[str], by_feature: np.ndarray) -> np.ndarray:
        """`matrix([text], [present]) @ by_feature` for one text, without building sparse
        matrices (they cost more than the model): the same analyzers, the same hash
        (murmurhash3_32, as scikit-learn's FeatureHasher), the same L2 norm per block.
        tests/bot/numbercheck/test_detector.py holds the two equal."""
        total = np.zeros(by_feature.shape[1])
        offset = 0
        for analyze, size in (
            (_analyzer("char_wb", CHAR_NGRAMS, self.char_features), self.char_features),
            (_analyzer("word", (1, 2), self.word_features), self.word_features),
        ):
            counts = Counter(_bucket(token, size) for token in analyze(text))
            if counts:
                indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                values /= np.sqrt(values @ values)
                total += values @ by_feature[offset + indices]
            offset += size
        named = [offset + self._index[n] for n in present if n in self._index]
        if named:
            total += self.signal_weight * by_feature[named].sum(axis=0)
        return total

    def matrix(self, texts: Sequence[str], signals: Sequence[set[str]]) -> sparse.csr_matrix:
        index = {name: i for i, name in enumerate(self.signal_names)}
        rows, cols = [], []
        for row, present in enumerate(signals):
            for name in present:
                if name in index:
                    rows.append(row)
                    cols.append(index[name])
        values = np.full(len(rows), self.signal_weight, dtype=np.float64)
        from scipy import sparse

        named = sparse.csr_matrix(
            (values, (rows, cols)), shape=(len(texts), len(self.signal_names))
        )
        blocks = [self._char.transform(texts), self._word.transform(texts), named]
        return sparse.hstack(blocks, format="csr")


@cache
def _analyzer(analyzer: str, ngrams: tuple[int, int], features: int):
    return _vectorizer(analyzer, ngrams, features).build_analyzer()


def _bucket(token: str, size: int) -> int:
    """The column scikit-learn's FeatureHasher gives a token (alternate_sign off)."""
    hashed = _murmurhash()(token, seed=0)
    if hashed == _INT_MIN:
        return (2**31 - 1 - (size - 1)) % size
    return abs(hashed) % size


@cache
def _murmurhash():
    from sklearn.utils import murmurhash3_32

    return murmurhash3_32


@cache
def _vectorizer(analyzer: str, ngrams: tuple[int, int], features: int) -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

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
        self._by_feature = np.ascontiguousarray(weights.T)  # (features, classes), for speed
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
        # Our own inputs are known good: scikit-learn's checks of them cost more than the model.
        import sklearn

        with sklearn.config_context(skip_parameter_validation=True, assume_finite=True):
            matrix = self.features.matrix(texts, signals)
        scores = matrix @ self._by_feature + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def assess(self, text: str, extra: set[str], dangerous: bool = False) -> Assessment:
        """The outcome for one text; `extra`: the signals of its findings and red flags;
        `dangerous`: the check found something dangerous in it (a look-alike link)."""
        present = self.signals.read(text) | extra
        scores = self.features.row_scores(text, present, self._by_feature) + self.intercept
        exp = np.exp(scores - scores.max())
        scam, warning, honest = exp / exp.sum()
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
    """Probabilities and signals to an outcome. The score decides unless the signs say
    otherwise: a brief text with nothing a scam is made of is "no signs"; a few words are no
    proof;
    something dangerous the check found, a "new number", a call or visit from someone official,
    or a call or message she tells of with nothing in it to judge, is asked about; an official
    number that called and wanted a PIN is fraud (each rule weighed by cross-validation over
    the corpus's train and dev splits, bench/detector_dev.py)."""
    channel = channel_of(present)
    outcome = _by_score(scam, warning, honest, thresholds)
    evidence = len(_signs(present, _EVIDENCE))
    short = "shape.short" in present
    # A few words, or a brief text with one sign ("IBAN DE89 …") or that only says who it
    # claims to be ("Meine Bank hat mir eine SMS geschickt"), are no proof: ask
    claims_only = not _signs(present, _DEEDS)
    brief = "shape.brief" in present and (claims_only or evidence < 2)
    if outcome is Outcome.FRAUD and (short or brief):
        outcome = Outcome.UNSURE
    # A greeting, an amount, numbers or links alone: in a few words, nothing a scam is made of
    # is no sign, whatever the score (the findings speak). A longer text the model reads as a
    # scam is one even if no listed word is in it: its wording is the evidence.
    bare = "shape.brief" in present and not _signs(present, _SAID)
    if outcome in (Outcome.FRAUD, Outcome.UNSURE) and (
        (evidence < 2 and short) or bare or (evidence == 0 and "shape.brief" in present)
    ):
        outcome = Outcome.NO_SIGNS
    # she tells of a call, visit, message or letter of her own ("hat mich angerufen")
    told = "stance.own" in present and bool(present & _TOLD_CHANNELS)
    # A "new number" from a child is always asked about (the police: call the old number);
    # so is a call or visit from someone official, the fake officials' way in.
    new_number = "flag.new_number" in present
    in_person = told and channel in (Channel.CALL, Channel.DOOR)
    official = in_person and bool(present & _OFFICIAL_CLAIMS)
    # "Ich habe eine komische SMS bekommen" holds nothing to judge: ask what they wanted
    untold = told and evidence == 0
    asked = dangerous or new_number or official or untold
    if (outcome is Outcome.NO_SIGNS and asked) or (outcome is Outcome.FRAUD and untold):
        outcome = Outcome.UNSURE
    # Caller-ID spoofing: an official number called her and wanted a PIN or a code. The city,
    # the police and banks never ask for them on the phone.
    spoofed = in_person and "found.official" in present and bool(present & _SECRETS)
    if spoofed:
        outcome = Outcome.FRAUD
    # A warning about scams holds no link to an unknown site, and one that asks her for
    # something without a word of warning ("warnt", "Betrüger") is her own experience.
    asks = tuple(sorted(n.removeprefix("asks.") for n in _signs(present, ("asks.",))))
    own_ask = "stance.own" in present and "stance.report" not in present and bool(asks)
    if outcome is Outcome.WARNING and (present & _NOT_IN_A_WARNING or own_ask):
        outcome = Outcome.UNSURE
    claims = tuple(sorted(n.removeprefix("claims.") for n in present if n.startswith("claims.")))
    return Assessment(outcome, scam, channel, claims, asks, told)


def _by_score(scam: float, warning: float, honest: float, thresholds: Thresholds) -> Outcome:
    if scam >= thresholds.fraud:
        return Outcome.FRAUD
    if scam >= thresholds.unsure:
        return Outcome.UNSURE
    if warning > honest and warning > scam:
        return Outcome.WARNING
    return Outcome.NO_SIGNS


def _signs(present: set[str], groups: tuple[str, ...]) -> set[str]:
    """The signals of these groups that speak for a scam: an ask a negation takes back
    (".negated") does not, nor does a finding that is what it claims to be."""
    return {
        name
        for name in present
        if name.startswith(groups) and not name.endswith(".negated") and name not in _BENIGN
    }


def channel_of(present: set[str]) -> Channel:
    """Someone at the door, or a call or letter she tells of ("hat mich angerufen"); else the
    text is the message itself (an SMS that says "call us back" is still a message)."""
    if "channel.door" in present:
        return Channel.DOOR
    own = "stance.own" in present
    if "channel.call" in present and (own or "asks.call_back" not in present):
        return Channel.CALL
    if "channel.letter" in present and own:
        return Channel.LETTER
    return Channel.MESSAGE
