"""How a text becomes the scam detector's vector: hashed character and word n-grams plus the
named structured signals, for the training matrix and for the one row at run time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scikit-learn and scipy load with the first model, not with the check
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

CHAR_NGRAMS = (3, 5)  # letters per character n-gram, within word bounds
_INT_MIN = -(2**31)


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
