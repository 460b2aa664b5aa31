"""Benchmark: districts as residents type them, on names and texts this code was not written
against.

- Typos: every Ortsteil's name and every alias, folded, through dnstwist's keyboard fuzzers
  (omission, transposition, replacement, insertion, repetition, vowel swap). Right: the
  intended Ortsteil is subscribed or among the one-tap proposals. Wrong: only others are.
- Not a district: Faker's German words (1-4 per text), street names, first names and city
  names. Each goes through the whole reading of a typed text (bot.free_text): a "district"
  reading would subscribe or propose something the resident never meant.

Three matchers in the same run: Stadtwarn's (exact, else rapidfuzz token_set_ratio and the
name as one word, cutoff 85); exact names only (ids, names, aliases, folded); and rapidfuzz's
WRatio at the same cutoff (the scorer its docs lead with).

Run from the repository root: .venv/bin/python bench/district_names.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import dnstwist
from faker import Faker
from rapidfuzz import fuzz, process
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.city import names
from bot.city.data import check_rules, load_city
from bot.free_text import Asks, read_free_text
from bot.numbercheck.wording import fold
from bot.settings import BUNDLED_CITY_PATH

CITY = load_city(BUNDLED_CITY_PATH)
RULES = check_rules(CITY)
SEED = 20261123
TYPING_FUZZERS = {"omission", "transposition", "replacement", "insertion", "repetition"}
TYPING_FUZZERS |= {"vowel-swap"}
NEGATIVES_PER_KIND = 2000


def typos() -> list[tuple[str, frozenset[str]]]:
    """(typed, the district ids it was meant to name)."""
    cases = []
    spelled = [(d.name, {d.id}) for d in CITY.districts]
    spelled += [(a.name, set(a.district_ids)) for a in CITY.aliases]
    for name, ids in spelled:
        label = "-".join(fold(name).replace("/", " ").replace("-", " ").split())
        fuzzer = dnstwist.Fuzzer(f"{label}.de")
        fuzzer.generate()
        for permutation in fuzzer.permutations():
            if permutation["fuzzer"] in TYPING_FUZZERS:
                typed = permutation["domain"].removesuffix(".de").replace("-", " ")
                cases.append((typed, frozenset(ids)))
    return cases


def negatives() -> dict[str, list[str]]:
    fake = Faker("de_DE")
    Faker.seed(SEED)
    return {
        "German words (1-4)": [
            " ".join(fake.words(nb=1 + i % 4)) for i in range(NEGATIVES_PER_KIND)
        ],
        "street names": [fake.street_name() for _ in range(NEGATIVES_PER_KIND)],
        "first names": [fake.first_name() for _ in range(NEGATIVES_PER_KIND)],
        "city names": [fake.city() for _ in range(NEGATIVES_PER_KIND)],
    }


def stadtwarn(text: str) -> frozenset[str]:
    return frozenset(d.id for d in names.match_name(text, CITY).districts)


def exact_only(text: str) -> frozenset[str]:
    found = names.match_name(text, CITY)
    return frozenset(d.id for d in found.districts) if found.exact else frozenset()


def wratio(text: str) -> frozenset[str]:
    key = names._key(text, CITY)
    choices = names._names(CITY)
    if not key:
        return frozenset()
    matches = process.extract(key, list(choices), scorer=fuzz.WRatio, score_cutoff=85)
    if not matches:
        return frozenset()
    best = matches[0][1]
    return frozenset(i for name, score, _ in matches if score >= best - 2 for i in choices[name])


MATCHERS = {"Stadtwarn": stadtwarn, "exact names only": exact_only, "rapidfuzz WRatio": wratio}


def main() -> int:
    console = Console()
    cases = typos()
    kinds = Counter()
    table = Table(title=f"Typos: {len(cases):,} from dnstwist's typing fuzzers")
    for column in ("matcher", "right", "wrong", "nothing", "µs per name"):
        table.add_column(column, justify="right" if column != "matcher" else "left")
    for label, matcher in MATCHERS.items():
        kinds.clear()
        started = time.perf_counter()
        for typed, meant in cases:
            found = matcher(typed)
            kinds["right" if found & meant else "wrong" if found else "nothing"] += 1
        per_name = (time.perf_counter() - started) / len(cases) * 1e6
        table.add_row(
            label,
            *(_share(kinds[k], len(cases)) for k in ("right", "wrong", "nothing")),
            f"{per_name:.0f}",
        )
    console.print(table)

    table = Table(title="Not a district: texts that must never subscribe or propose one")
    table.add_column("corpus")
    for label in ("Stadtwarn (the whole reading)", *list(MATCHERS)[1:]):
        table.add_column(label, justify="right")
    for corpus, texts in negatives().items():
        whole = sum(read_free_text(t, RULES, CITY).asks is Asks.DISTRICT for t in texts)
        others = [sum(bool(m(t)) for t in texts) for m in list(MATCHERS.values())[1:]]
        table.add_row(corpus, *(_share(n, len(texts)) for n in (whole, *others)))
    console.print(table)
    return 0


def _share(count: int, total: int) -> str:
    return f"{count:,} ({count / total:.1%})"


if __name__ == "__main__":
    sys.exit(main())
