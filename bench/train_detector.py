"""`make model`: train the scam detector on the corpus and write the shipped model.

    .venv/bin/python bench/train_detector.py [--out PATH]

Learns on the train split of bench/data/scam_corpus/, takes the thresholds from the dev split
(bot/numbercheck/training.py), prints the dev figures, and never reads the test split.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scam_corpus import Case, in_split, load
from bot.city.data import check_rules, load_city
from bot.numbercheck.detector import MODEL_PATH, Detector
from bot.numbercheck.training import Example, save, scam_scores, train
from bot.settings import BUNDLED_CITY_PATH


def examples(cases: list[Case]) -> list[Example]:
    return [Example(c.text, c.label, c.family) for c in cases]


def build() -> tuple[Detector, list[Case]]:
    """The detector the corpus gives, and the dev cases it was tuned on."""
    rules = check_rules(load_city(BUNDLED_CITY_PATH))
    cases = load()
    train_cases, dev_cases = in_split(cases, "train"), in_split(cases, "dev")
    return train(examples(train_cases), examples(dev_cases), rules), dev_cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    started = time.perf_counter()
    detector, dev = build()
    save(detector, args.out)
    rules = check_rules(load_city(BUNDLED_CITY_PATH))
    scores = scam_scores(detector, [c.text for c in dev], rules)
    t = detector.thresholds
    scams = [s for s, c in zip(scores, dev, strict=True) if c.scam]
    honest = [s for s, c in zip(scores, dev, strict=True) if not c.scam]
    print(f"wrote {args.out.name} ({args.out.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.1f} s; thresholds fraud {t.fraud:.3f}, "
          f"unsure {t.unsure:.3f}")  # fmt: skip
    if scams and honest:
        print(f"dev: {len(scams)} scams: {_share(scams, t.fraud):.1%} fraud, "
              f"{_share(scams, t.unsure):.1%} fraud or unsure; {len(honest)} honest: "
              f"{_share(honest, t.fraud):.1%} fraud, {_share(honest, t.unsure):.1%} warned "
              f"(by the score alone; the check also asks after a dangerous finding)")  # fmt: skip
    return 0


def _share(scores: list[float], threshold: float) -> float:
    return sum(s >= threshold for s in scores) / len(scores)


if __name__ == "__main__":
    sys.exit(main())
