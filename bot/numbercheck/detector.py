"""The scam detector: does a text a resident pasted look like a scam, a warning about scams, or
neither? A linear model over character and word n-grams and structured signals, trained on the
public corpus in bench/data/scam_corpus/ (`make model`, bench/train_detector.py) and shipped
as bot/numbercheck/data/detector.npz.

This module loads the model and scores a text. Its parts, one job each: signals.py reads the
structured signals (data/signals.toml), features.py turns a text into the model's vector,
judge.py turns the calibrated score and the signals into an outcome.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from bot.numbercheck.features import Features
from bot.numbercheck.judge import Assessment, Channel, Outcome, Thresholds, judge
from bot.numbercheck.signals import SignalReader

# The handlers import the outcome and the channel from the detector, as a reader looks for them.
__all__ = [
    "CLASSES",
    "MODEL_PATH",
    "WARNING_FAMILIES",
    "Assessment",
    "Channel",
    "Detector",
    "Outcome",
]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "detector.npz"
CLASSES = ("scam", "warning", "honest")  # the model's classes, in its order
# Families of honest texts that are warnings about scams (news, police advice, press).
WARNING_FAMILIES = frozenset({"police_advice", "police_press", "news_article"})


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
