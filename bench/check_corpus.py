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
from dataclasses import dataclass, replace
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
from bench.scam_corpus import Case, in_split, load
from bot.numbercheck import CheckResult, CheckRules, Verdict, check_text
from bot.numbercheck.detector import MODEL_PATH
from bot.numbercheck.judge import Outcome

LOOKALIKE_TARGET = 0.90
# Real local sites named in issue 7 that are not (yet) in the city data: they may be called
# "not the city's", never "fake".
UNLISTED_LOCAL_SITES = ("jenakultur.de", "jenaer-nahverkehr.de", "sparkasse-jena.de")
# The bars of issue 20 for the new detector on the scam corpus's test split.
DETECTED_TARGET = 0.95
AS_FRAUD_TARGET = 0.85
HONEST_FRAUD_TARGET = 0.02
LANGUAGE_DETECTED_TARGET = 0.85
# What the check without the detector finds that counts as "detected" on its own.
CUE_DANGEROUS = frozenset(
    {
        Verdict.LOOKALIKE_LINK,
        Verdict.EMERGENCY_AS_CALLER,
        Verdict.APPOINTMENT_RESALE,
        Verdict.CITY_NAME_LINK,
        Verdict.FOREIGN,
        Verdict.PREMIUM,
        Verdict.TELEGRAM_HANDLE,
    }
)
NEW, CUES = "new", "cues"
SCAM_COLUMNS = (f"{NEW} detected", f"{NEW} fraud", f"{CUES} detected", f"{CUES} fraud")
HONEST_COLUMNS = (f"{NEW} fraud", f"{NEW} warned", f"{CUES} fraud", f"{CUES} warned")

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


# --- the scam corpus's test split ------------------------------------------------------------


@dataclass
class ScamCorpus:
    """The test split by family and by language, scams and honest texts apart."""

    scam_families: Category
    honest_families: Category
    scam_languages: Category
    honest_languages: Category

    @property
    def tables(self) -> tuple[Category, ...]:
        return (
            self.scam_families,
            self.scam_languages,
            self.honest_families,
            self.honest_languages,
        )


def new_outcomes(result: CheckResult) -> tuple[bool, bool]:
    """(detected, as fraud) by the new detector: fraud or unsure, and fraud."""
    outcome = result.outcome
    return outcome in (Outcome.FRAUD, Outcome.UNSURE), outcome is Outcome.FRAUD


def cue_outcomes(result: CheckResult) -> tuple[bool, bool]:
    """(detected, as fraud) by the check without the detector: any red flag or a dangerous
    finding, and a red flag of fraud severity."""
    detected = bool(result.red_flags) or any(f.kind in CUE_DANGEROUS for f in result.findings)
    return detected, result.fraud


def scam_corpus(cases: list[Case], rules: CheckRules) -> ScamCorpus:
    """Every case through the check twice in the same run: with the model and without it."""
    plain = replace(rules, detector=None)
    name = "Scam corpus, test split"
    corpus = ScamCorpus(
        Category(f"{name}: scams by family (new detector | cue list before)", SCAM_COLUMNS),
        Category(f"{name}: honest texts by family", HONEST_COLUMNS),
        Category(f"{name}: scams by language", SCAM_COLUMNS),
        Category(f"{name}: honest texts by language", HONEST_COLUMNS),
    )
    for case in cases:
        new_detected, new_fraud = new_outcomes(check_text(case.text, rules))
        cue_detected, cue_fraud = cue_outcomes(check_text(case.text, plain))
        if case.scam:
            marks = (new_detected, new_fraud, cue_detected, cue_fraud)
            columns = SCAM_COLUMNS
            tables = (corpus.scam_families, corpus.scam_languages)
            failure = "" if new_detected else f"missed: {case.id} ({case.family})"
        else:
            marks = (new_fraud, new_detected, cue_fraud, cue_detected)
            columns = HONEST_COLUMNS
            tables = (corpus.honest_families, corpus.honest_languages)
            failure = f"called fraud: {case.id} ({case.family})" if new_fraud else ""
        outcomes = [column for column, mark in zip(columns, marks, strict=True) if mark]
        tables[0].add(case.family, *outcomes, failure=failure)
        tables[1].add(case.language, *outcomes)
    return corpus


def _share(category: Category, column: str) -> float:
    return category.total(column) / category.cases if category.cases else 0.0


def _scam_summary(corpus: ScamCorpus) -> bool:
    """One line per detector with its figures; the bars are the new detector's."""
    scams, honest = corpus.scam_languages, corpus.honest_languages
    failed = []
    for who, label in ((NEW, "new detector"), (CUES, "cue list (before)")):
        detected = _share(scams, f"{who} detected")
        fraud = _share(scams, f"{who} fraud")
        honest_fraud = _share(honest, f"{who} fraud")
        honest_warned = _share(honest, f"{who} warned")
        languages = {
            row: counter[f"{who} detected"] / counter["cases"]
            for row, counter in scams.rows.items()
        }
        worst = min(languages.items(), key=lambda item: item[1], default=("-", 0.0))
        CONSOLE.print(
            f"scam corpus, test split, {label}: {scams.cases} scams: detected {detected:.1%}, "
            f"as fraud {fraud:.1%}, weakest language {worst[0]} {worst[1]:.1%}; "
            f"{honest.cases} honest: called fraud {honest_fraud:.1%}, warned {honest_warned:.1%}",
            markup=False,
        )
        if who != NEW:
            continue
        bars = [
            (detected >= DETECTED_TARGET, f"scams detected {detected:.1%} < {DETECTED_TARGET:.0%}"),
            (fraud >= AS_FRAUD_TARGET, f"scams as fraud {fraud:.1%} < {AS_FRAUD_TARGET:.0%}"),
            (
                honest_fraud <= HONEST_FRAUD_TARGET,
                f"honest called fraud {honest_fraud:.1%} > {HONEST_FRAUD_TARGET:.0%}",
            ),
        ]
        least = f"{LANGUAGE_DETECTED_TARGET:.0%}"
        bars += [
            (share >= LANGUAGE_DETECTED_TARGET, f"{row}: scams detected {share:.1%} < {least}")
            for row, share in sorted(languages.items())
        ]
        failed = [message for ok, message in bars if not ok]
    verdict = f"FAIL ({'; '.join(failed)})" if failed else "PASS"
    CONSOLE.print(f"scam corpus bars (new detector): {verdict}", markup=False)
    return not failed


def scam_corpus_passed(rules: CheckRules) -> bool:
    """The test split's category: its tables and summary; skipped (True) without a model or
    without a split."""
    if rules.detector is None:
        CONSOLE.print(
            f"Scam corpus, test split: skipped, no model ({MODEL_PATH.name}; make model)",
            markup=False,
        )
        return True
    cases = in_split(load(), "test")
    if not cases:
        CONSOLE.print(
            "Scam corpus, test split: skipped, no split (bench/data/scam_corpus/split.json)",
            markup=False,
        )
        return True
    corpus = scam_corpus(cases, rules)
    for table in corpus.tables:
        table.show()
    return _scam_summary(corpus)


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
