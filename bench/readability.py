"""Benchmark: how easy the resident texts of standard German (de) and plain German
(de-x-einfach, "Einfache Sprache") are to read.

Every sample of every resident template (bot/devtools/template_samples/: each template's main
branches, with values from the bundled city data and the real check) is rendered in both
languages. Measured on what the resident reads: the message's visible text (Telegram's HTML
parsed), without emoji, links, e-mail addresses and /commands, and without quoted text that is
not the template's (the comms desk's own text, a resident's note). Telegram shows every line
on its own, so a line is a sentence even without a full stop (a heading, a list item).
Per sample: textstat's Wiener Sachtextformel (variant 1, the formula for factual prose: about
the school year a reader needs, 4 very easy to 15 very hard) and the average words per
sentence. Per template the worst sample counts; per language the median and the maximum
over the templates.

Bar (issue 22): every de-x-einfach template at most 6 and at most 10 words per sentence on
average, in every sample. Exit status 1 if one is missed (they are named); without
de-x-einfach in messages/languages.txt, only de is measured and the script says so (exit 0).

Run from the repository root: .venv/bin/python bench/readability.py [--messages DIR] [--samples]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import textstat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._cli import exit_with
from bot.devtools.template_samples import Sample, rendered_samples
from bot.devtools.template_samples.base import world
from bot.telegram_html import parse_html
from bot.texts import MESSAGES_DIR, Texts

STANDARD, PLAIN = "de", "de-x-einfach"
TARGET_SCORE = 6.0  # Wiener Sachtextformel, at most
TARGET_WORDS = 10.0  # words per sentence, at most
NOT_READ = re.compile(
    r"https?://\S*[^\s.,;:!?)»“”\"']|\S+@\S+\.\w+"  # links (not a full stop after one), e-mail
    r"|(?<![\w.])(?:[\w-]+\.)+[a-z]{2,}\b(?:[/?]\S*[^\s.,;:!?)»“”\"'])?"  # bare links
    r"|(?<!\S)/\w+"  # /commands
    r"|\S\ufe0f"  # emoji shown as emoji (ℹ️ is a letter otherwise)
)
SENTENCE_END = (".", "!", "?", "…")


@dataclass(frozen=True)
class Reading:
    template: str
    variant: str
    score: float  # Wiener Sachtextformel, variant 1
    words: float  # per sentence


def readable_text(sample: Sample) -> str:
    """What the resident reads of a sample, as sentences: see the module's docstring."""
    text = parse_html(sample.html)[0]
    for line in (line.strip() for q in sample.quoted for line in q.splitlines()):
        if line:
            text = text.replace(line, " ")
    text = NOT_READ.sub(" ", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("So", "Sk", "Cf", "Mn"))
    lines = (" ".join(line.replace("•", " ").split()) for line in text.splitlines())
    return "\n".join(line if line.endswith(SENTENCE_END) else f"{line}." for line in lines if line)


def readings(texts: Texts, language: str) -> list[Reading]:
    textstat.set_lang("de")
    found = []
    for sample in rendered_samples(texts, language):
        text = readable_text(sample)
        if not text:
            continue
        score = textstat.wiener_sachtextformel(text, 1)
        found.append(
            Reading(sample.template, sample.variant, score, textstat.words_per_sentence(text))
        )
    return found


def worst_by_template(found: list[Reading]) -> dict[str, tuple[Reading, Reading]]:
    """Per template: its sample with the highest score, and the one with the most words per
    sentence."""
    by_template = defaultdict(list)
    for reading in found:
        by_template[reading.template].append(reading)
    return {
        name: (max(group, key=lambda r: r.score), max(group, key=lambda r: r.words))
        for name, group in sorted(by_template.items())
    }


def _summary(language: str, worst: dict[str, tuple[Reading, Reading]]) -> str:
    scores = {name: pair[0].score for name, pair in worst.items()}
    words = {name: pair[1].words for name, pair in worst.items()}
    top_score, top_words = max(scores, key=scores.get), max(words, key=words.get)
    return (
        f"{language}: Wiener Sachtextformel median {statistics.median(scores.values()):.1f}, "
        f"max {scores[top_score]:.1f} ({top_score}); words per sentence median "
        f"{statistics.median(words.values()):.1f}, max {words[top_words]:.1f} ({top_words}); "
        f"{len(worst)} templates"
    )


def _table(worst: dict[str, dict[str, tuple[Reading, Reading]]], languages: list[str]) -> None:
    head = "".join(f"{lang + ' WSTF':>20}{'words/sentence':>16}" for lang in languages)
    print(f"{'template (worst sample)':<32}{head}")
    for name in worst[languages[0]]:
        cells = ""
        for lang in languages:
            pair = worst[lang].get(name)
            cells += f"{pair[0].score:>20.1f}{pair[1].words:>16.1f}" if pair else f"{'–':>36}"
        print(f"{name:<32}{cells}")


def _missed(found: list[Reading]) -> list[str]:
    missed = []
    for r in found:
        if r.score > TARGET_SCORE or r.words > TARGET_WORDS:
            missed.append(
                f"{r.template} [{r.variant}]: {r.score:.1f}, {r.words:.1f} words/sentence"
            )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--messages", type=Path, default=MESSAGES_DIR, help="a messages folder (default: bundled)"
    )
    parser.add_argument("--samples", action="store_true", help="also print every sample's figures")
    args = parser.parse_args()
    texts = Texts(args.messages, city=world().city)
    languages = [lang for lang in (STANDARD, PLAIN) if lang in texts.languages]
    found = {lang: readings(texts, lang) for lang in languages}
    worst = {lang: worst_by_template(found[lang]) for lang in languages}
    print("readability: Wiener Sachtextformel (variant 1) and words per sentence, per template")
    _table(worst, languages)
    if args.samples:
        for lang in languages:
            for r in found[lang]:
                print(f"  {lang:<13}{r.score:>6.1f}{r.words:>6.1f}  {r.template} [{r.variant}]")
    for lang in languages:
        print(_summary(lang, worst[lang]))
    if PLAIN not in languages:
        print(f"readability: {PLAIN} is not in {args.messages / 'languages.txt'}: only {STANDARD} "
              f"measured, no bar to meet")  # fmt: skip
        return 0
    missed = _missed(found[PLAIN])
    bar = f"at most {TARGET_SCORE:.0f} and {TARGET_WORDS:.0f} words per sentence in every sample"
    if missed:
        print(f"readability: {PLAIN}: FAIL ({bar}; {len(missed)} of {len(found[PLAIN])} miss it):")
        print("\n".join(f"  {line}" for line in missed))
        return 1
    print(f"readability: {PLAIN}: PASS ({bar})")
    return 0


if __name__ == "__main__":
    exit_with(main)
