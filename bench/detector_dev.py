"""Design aid for the scam detector: its answers on data it may be designed against.

    .venv/bin/python bench/detector_dev.py            # train on train, report on dev
    .venv/bin/python bench/detector_dev.py --cv 5     # 5-fold over train + dev
    .venv/bin/python bench/detector_dev.py --show 40  # and name up to 40 misses with text

Every answer goes through the whole check (check_text), as the bot gives it: fraud, unsure,
warning or no signs. With --cv, train and dev are pooled and cut into folds by case id; each
fold is answered by a model trained on the others, whose thresholds come from its own
training cases' dev part, so every figure is on cases the model never learnt from. Larger than
the dev split alone, the pooled figure is steadier for design decisions.

The test split is never read here: it is for bench/check_corpus.py's report only. Exit status
141 if the reader of the output goes away (`| head`).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._cli import exit_with
from bench.scam_corpus import Case, in_split, load
from bench.train_detector import examples
from bot.city.data import check_rules, load_city
from bot.numbercheck import check_text
from bot.numbercheck.judge import Outcome
from bot.numbercheck.training import train
from bot.settings import BUNDLED_CITY_PATH

WARNED = (Outcome.FRAUD, Outcome.UNSURE)


def _fold(case_id: str, folds: int) -> int:
    return int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % folds


def _rounds(cases: list[Case], folds: int) -> list[tuple[list[Case], list[Case], list[Case]]]:
    """(learn, tune, answer) per round: the dev split alone, or each fold of train + dev
    answered by a model that learnt from the other folds' train part, tuned on their dev."""
    learn, tune = in_split(cases, "train"), in_split(cases, "dev")
    if folds <= 1:
        return [(learn, tune, tune)]
    return [
        (
            [c for c in learn if _fold(c.id, folds) != fold],
            [c for c in tune if _fold(c.id, folds) != fold],
            [c for c in learn + tune if _fold(c.id, folds) == fold],
        )
        for fold in range(folds)
    ]


def answers(folds: int) -> list[tuple[Case, Outcome]]:
    """Each designed-against case with the outcome of a model that never learnt from it."""
    rules = check_rules(load_city(BUNDLED_CITY_PATH))
    result = []
    for learn, tune, answer in _rounds(load(), folds):
        with_model = replace(rules, detector=train(examples(learn), examples(tune), rules))
        result += [(c, check_text(c.text, with_model).outcome) for c in answer]
    return result


def _at_least(least: int):
    def parse(text: str) -> int:
        value = int(text)
        if value < least:
            raise argparse.ArgumentTypeError(f"at least {least}, not {value}")
        return value

    return parse


def report(results: list[tuple[Case, Outcome]], show: int) -> None:
    scams = [(c, o) for c, o in results if c.scam]
    honest = [(c, o) for c, o in results if not c.scam]

    def share(items, outcomes) -> str:
        return f"{sum(o in outcomes for _, o in items) / max(1, len(items)):.1%}"

    print(
        f"{len(scams)} scams: warned {share(scams, WARNED)}, fraud {share(scams, (Outcome.FRAUD,))}"
        f" | {len(honest)} honest: fraud {share(honest, (Outcome.FRAUD,))}, "
        f"warned {share(honest, WARNED)}, warning {share(honest, (Outcome.WARNING,))}"
    )
    for title, items, key in (
        ("scams by language", scams, lambda c: c.language),
        ("honest by language", honest, lambda c: c.language),
        ("scams by family", scams, lambda c: c.family),
        ("honest by family", honest, lambda c: c.family),
    ):
        print(f"-- {title}")
        groups: dict[str, list] = defaultdict(list)
        for case, outcome in items:
            groups[key(case)].append((case, outcome))
        for name, group in sorted(groups.items()):
            counts = Counter(o.value for _, o in group)
            print(
                f"  {name:24} {len(group):4}  " + "  ".join(f"{k} {v}" for k, v in counts.items())
            )
    misses = [(c, o) for c, o in scams if o not in WARNED]
    misses += [(c, o) for c, o in honest if o in WARNED]
    for case, outcome in misses[:show]:
        print(f"\n[{case.id} {case.label}/{case.family} -> {outcome.value}] {case.text[:300]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--cv", type=_at_least(1), default=1, help="folds over train + dev (1: dev only)"
    )
    parser.add_argument(
        "--show", type=_at_least(0), default=0, help="misses to print with their text"
    )
    args = parser.parse_args()
    report(answers(args.cv), args.show)
    return 0


if __name__ == "__main__":
    exit_with(main)
