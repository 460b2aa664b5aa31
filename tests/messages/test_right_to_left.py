"""A language written right to left (`rtl` in messages/languages.txt) shows every run of
left-to-right text, a number, a link, a German name, a /command, inside an isolate (FSI, LRI
or RLI … PDI), so it keeps its order inside the line: in every sample message
(bot/devtools/template_samples/), nothing of bidi class L (letters) or EN (European digits)
stands outside one. Values are isolated by bot/texts.py; literal Latin text or digits in a
template must be written as a value (`{{ "110" }}`)."""

from __future__ import annotations

import unicodedata

import pytest

from bot.devtools.template_samples import rendered_samples, sample_texts
from bot.telegram_html import parse_html

TEXTS = sample_texts()
OPENS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
CLOSES = "\u2069"  # PDI
LEFT_TO_RIGHT = frozenset({"L", "EN"})


def outside_isolates(text: str) -> list[str]:
    """Each line with L or EN characters outside every isolate: those runs, and the line."""
    found = []
    for line in text.splitlines():
        depth, runs, last = 0, [], -2
        for i, char in enumerate(line):
            if char in OPENS:
                depth += 1
            elif char == CLOSES:
                depth = max(0, depth - 1)
            elif depth == 0 and unicodedata.bidirectional(char) in LEFT_TO_RIGHT:
                if i == last + 1:
                    runs[-1] += char
                else:
                    runs.append(char)
                last = i
        if runs:
            shown = line if len(line) <= 120 else line[:119] + "…"
            found.append(f"{', '.join(map(repr, runs))} in «{shown}»")
    return found


@pytest.mark.parametrize("language", sorted(TEXTS.right_to_left))
def test_left_to_right_runs_are_isolated(language):
    offenders = [
        f"{sample.name}: {run}"
        for sample in rendered_samples(TEXTS, language)
        if sample.message or sample.template.startswith("site/")  # a message or a web page
        for run in outside_isolates(parse_html(sample.html)[0])
    ]
    assert offenders == [], "\n".join(offenders)


def test_the_check_finds_what_is_outside():
    isolated = "مرحبا \u2068Jena 110\u2069 \u2066x\u2069"
    assert outside_isolates(isolated) == []
    assert outside_isolates("مرحبا 110\nسلام \u2068Jena\u2069 /start ok") == [
        "'110' in «مرحبا 110»",
        "'start', 'ok' in «سلام \u2068Jena\u2069 /start ok»",
    ]
    assert outside_isolates("\u2068a\u2069b") == ["'b' in «\u2068a\u2069b»"]  # closed before
