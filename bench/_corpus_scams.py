"""The scam corpus's test split for bench/check_corpus.py: the shipped scam detector ("new
detector") and the check without it ("cue list (before)") on every case, side by side, by
family and by language, with the bars of issue 20. Misses are named by case id and family,
never by text, so that nobody tunes the cues or the model on them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bench._corpus_common import CONSOLE, Category
from bench.scam_corpus import Case, in_split, load
from bot.numbercheck import CheckResult, CheckRules, Verdict, check_text
from bot.numbercheck.detector import MODEL_PATH
from bot.numbercheck.judge import Outcome

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
