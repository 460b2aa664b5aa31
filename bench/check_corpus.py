"""Benchmark of the check's answers on generated cases it was not written against.

Categories (one table each, then one summary line):
- look-alikes: every official domain through dnstwist's offline fuzzers;
- official numbers in every German written form (must be recognised, with the right owner);
- the same digits behind every country code libphonenumber knows (must never be "official");
- libphonenumber's own example numbers of every other region (never "official");
- special numbers: 110/112, 115, 116 116, 116 117, 0800, 0700, 0180, 0137, 0900, 118xx;
- IBANs, amounts, dates, postcodes and labelled numbers from Faker (no phone number at all);
- real local websites (never called fake);
- the scam corpus's test split (bench/data/scam_corpus/, split.json): the shipped scam
  detector ("new detector") and the check without it ("cue list (before)"), side by side.

Targets: 0 false "official"; 0 local sites called fake; 100 % of official numbers recognised
in every German written form; at least 90 % of each fuzzer's look-alikes flagged. On the test
split, for the new detector (issue 20): at least 95 % of the scams detected (fraud or unsure),
85 % called fraud, every language at least 85 % of its scams detected, at most 2 % of the
honest texts called fraud. Without a shipped model or a split, that category is skipped.
Exit status 1 if a target is missed.

The test split is for this report only: its misses are named by case id and family, never by
text, so that nobody tunes the cues or the model on them.

Run from the repository root: .venv/bin/python bench/check_corpus.py
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import ada_url
import dnstwist

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpus_common import CITY, CONSOLE, RULES, SEED, Category, kinds
from bench._corpus_numbers import (
    example_numbers,
    not_numbers,
    official_numbers,
    special_numbers,
)
from bench._corpus_scams import scam_corpus_passed
from bot.numbercheck import Verdict, check_text

LOOKALIKE_TARGET = 0.90
# Real local sites named in issue 7 that are not (yet) in the city data: they may be called
# "not the city's", never "fake".
UNLISTED_LOCAL_SITES = ("jenakultur.de", "jenaer-nahverkehr.de", "sparkasse-jena.de")
# --- look-alikes -----------------------------------------------------------------------------


def lookalikes() -> Category:
    category = Category("Look-alikes (dnstwist)", ("flagged", "warned", "official"))
    for domain in sorted(RULES.official_domains):
        fuzzer = dnstwist.Fuzzer(domain)
        fuzzer.generate()
        for permutation in fuzzer.domains:
            if permutation["fuzzer"] == "*original":
                continue
            host = ada_url.idna_to_unicode(permutation["domain"])
            found = kinds(check_text(host, RULES))
            if Verdict.OFFICIAL_LINK in found:
                # e.g. "stadtwerke.jena.de": really under an official domain, so official is true
                category.add("(really official)", "official")
                continue
            flagged = Verdict.LOOKALIKE_LINK in found
            warned = flagged or Verdict.CITY_NAME_LINK in found
            outcomes = ["flagged"] * flagged + ["warned"] * warned
            failure = "" if flagged else f"{permutation['fuzzer']}: {host} -> {sorted(found)}"
            category.add(permutation["fuzzer"], *outcomes, failure=failure)
    return category


# --- real local sites --------------------------------------------------------------------------


def local_sites() -> Category:
    category = Category("Real local websites", ("called fake", "named owner"))
    listed = {site.domain for site in CITY.local_sites}
    for domain in sorted(listed | set(UNLISTED_LOCAL_SITES)):
        for written in (
            domain,
            f"www.{domain}",
            f"https://www.{domain}/",
            f"https://{domain}/x?y=1",
        ):
            found = kinds(check_text(written, RULES))
            fake = Verdict.LOOKALIKE_LINK in found
            named = Verdict.LOCAL_SITE in found
            row = "listed in the city data" if domain in listed else "not listed"
            failure = f"{written} -> {sorted(found)}" if fake else ""
            category.add(row, *["called fake"] * fake, *["named owner"] * named, failure=failure)
    return category


def _summary(categories: Iterable[Category], seconds: float) -> bool:
    by_name = {c.name: c for c in categories}
    total = sum(c.cases for c in by_name.values())
    german = by_name["Official numbers, German written forms"]
    recognised = german.total("recognised") / german.cases
    false_official = sum(
        by_name[name].total("official")
        for name in (
            "Official digits behind a foreign country code",
            "libphonenumber example numbers (other regions)",
            "Special numbers",
        )
    )
    fake_local = by_name["Real local websites"].total("called fake")
    not_phone = by_name["IBANs, amounts, dates (Faker)"].total("phone number found")
    looks = by_name["Look-alikes (dnstwist)"]
    worst = min((c["flagged"] / c["cases"], row) for row, c in looks.rows.items() if row[0] != "(")
    passed = (
        false_official == 0
        and fake_local == 0
        and recognised == 1
        and worst[0] >= LOOKALIKE_TARGET
        and not_phone == 0
    )
    plain_foreign = by_name["Official digits behind a foreign country code"].total(
        "plain matcher official"
    )
    CONSOLE.print(
        f"check_corpus: {total} cases in {seconds:.1f} s; false official {false_official} "
        f"(plain libphonenumber matcher + lookup: {plain_foreign}); "
        f"local sites called fake {fake_local}; official numbers recognised {recognised:.1%}; "
        f"look-alikes flagged at least {worst[0]:.1%} ({worst[1]}); "
        f"IBANs/amounts/dates read as numbers {not_phone}; {'PASS' if passed else 'FAIL'}",
        markup=False,
    )
    return passed


def main() -> int:
    started = time.perf_counter()
    rng = random.Random(SEED)
    german, foreign = official_numbers()
    categories = [
        lookalikes(),
        german,
        foreign,
        example_numbers(),
        special_numbers(rng),
        not_numbers(),
        local_sites(),
    ]
    for category in categories:
        category.show()
    passed = _summary(categories, time.perf_counter() - started)
    scams_passed = scam_corpus_passed(RULES)
    return 0 if passed and scams_passed else 1


if __name__ == "__main__":
    sys.exit(main())
