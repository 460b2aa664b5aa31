"""Benchmark: what loading the scam detector's model costs at start-up, in memory and time.

Each measurement is a fresh interpreter (this script run with --child): it imports the check,
builds the rules the bot builds (check_rules(load_city(...))) and checks one text. Twice:
- "without the model": Detector.load() finds no model file, as on a tree without
  bot/numbercheck/data/detector.npz (the rules then have detector=None);
- "with the model": Detector.load() reads the model (the shipped one, or --model PATH).
Figures per child: the maximum resident set size (getrusage ru_maxrss) after the imports and
after the rules and one check, and the wall time of the rules and one check. The children run
REPEATS times, alternating; the table shows medians. On Linux a child's ru_maxrss starts at
its parent's peak, so this parent imports neither the check nor its libraries.

The detector's libraries (numpy, scipy, scikit-learn) are imported first and counted apart:
bot/numbercheck/model.py imports the detector, so the check imports them with or without a
model; the table shows what they cost too, beside the target.

Target (issue 20): the model adds at most 100 MB and 2 s (with against without, after the
rules and one check). Exit status 1 if missed; without a model the script says so and exits 0.

Run from the repository root: .venv/bin/python bench/model_load.py [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3
TARGET_MB = 100.0
TARGET_SECONDS = 2.0
TEXT = "Heute rief 0152 07168792 an, angeblich die Polizei, und wollte meine PIN."
# A path with no model: Detector.load() returns None, as on a tree without detector.npz.
NO_MODEL = ROOT / "bench" / "no-such-model.npz"
FIGURES = ("bare", "libraries", "libraries_seconds", "imported", "rss", "seconds")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(which: str) -> dict[str, float | str]:
    """One measurement, in this (fresh) interpreter; `which`: "none", "shipped" or a path."""
    started = time.perf_counter()
    bare = _max_rss_mb()
    import numpy  # noqa: F401 -- the detector's libraries, counted apart
    import scipy.sparse  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    libraries = _max_rss_mb()
    libraries_seconds = time.perf_counter() - started
    sys.path.insert(0, str(ROOT))
    from bot.city.data import check_rules, load_city
    from bot.numbercheck import check_text
    from bot.numbercheck.detector import MODEL_PATH, Detector
    from bot.settings import BUNDLED_CITY_PATH

    imported = _max_rss_mb()
    model = {"none": NO_MODEL, "shipped": MODEL_PATH}.get(which) or Path(which)
    if not model.exists() and which != "none":
        return {"missing": str(model)}
    # Detector.load()'s default path, which check_rules uses: the model to measure, or none.
    Detector.load.__func__.__wrapped__.__defaults__ = (model,)
    started = time.perf_counter()
    rules = check_rules(load_city(BUNDLED_CITY_PATH))
    result = check_text(TEXT, rules)
    seconds = time.perf_counter() - started
    if (rules.detector is None) != (which == "none") or result.incomplete:
        raise SystemExit(f"child: the model at {model} was not used as asked")
    return {
        "model": str(model),
        "megabytes": model.stat().st_size / 1e6 if which != "none" else 0.0,
        "bare": bare,
        "libraries": libraries,
        "libraries_seconds": libraries_seconds,
        "imported": imported,
        "rss": _max_rss_mb(),
        "seconds": seconds,
    }


def measure(which: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", which]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"model_load: child failed:\n{done.stderr}")
    return json.loads(done.stdout)


def _row(label: str, figures: dict[str, float]) -> str:
    return (
        f"{label:<28} {figures['libraries'] - figures['bare']:>10.1f} "
        f"{figures['libraries_seconds']:>9.2f} {figures['imported']:>10.1f} "
        f"{figures['rss']:>10.1f} {figures['seconds']:>9.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="a model file (default: the shipped one)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return 0
    which = str(args.model.resolve()) if args.model else "shipped"
    first = measure(which)
    if "missing" in first:
        print(f"model_load: no model ({first['missing']}; make model): nothing to measure")
        return 0
    runs: dict[str, list[dict]] = {"without": [measure("none")], "with": [first]}
    for _ in range(REPEATS - 1):
        runs["without"].append(measure("none"))
        runs["with"].append(measure(which))
    median = {
        name: {key: statistics.median(run[key] for run in figures) for key in FIGURES}
        for name, figures in runs.items()
    }
    without, with_model = median["without"], median["with"]
    added = {key: with_model[key] - without[key] for key in without}
    print(f"model_load: {first['model']} ({first['megabytes']:.1f} MB on disk), "
          f"fresh interpreters, median of {REPEATS}")  # fmt: skip
    print(f"{'':<28} {'libs MB':>10} {'libs s':>9} {'import MB':>10} {'max RSS MB':>10} "
          f"{'rules+1 s':>9}")  # fmt: skip
    print(_row("check without the model", without))
    print(_row("check with the model", with_model))
    print(_row("the model adds", added))
    print(
        "(libs: numpy, scipy, scikit-learn imported in a bare interpreter, with or without a "
        "model; import MB: max RSS after importing the check; max RSS MB: after the rules and "
        "one check; rules+1 s: check_rules(load_city(...)) and one check_text)"
    )
    libraries = without["libraries"] - without["bare"]
    print(
        f"the model with its libraries (as against a check that imported none): "
        f"{added['rss'] + libraries:.1f} MB, "
        f"{added['seconds'] + without['libraries_seconds']:.2f} s"
    )
    failed = []
    if added["rss"] > TARGET_MB:
        failed.append(f"{added['rss']:.1f} MB > {TARGET_MB:.0f} MB")
    if added["seconds"] > TARGET_SECONDS:
        failed.append(f"{added['seconds']:.2f} s > {TARGET_SECONDS:.0f} s")
    verdict = f"FAIL ({'; '.join(failed)})" if failed else "PASS"
    print(
        f"model_load: the model adds {added['rss']:.1f} MB and {added['seconds']:.2f} s "
        f"(targets {TARGET_MB:.0f} MB, {TARGET_SECONDS:.0f} s): {verdict}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
