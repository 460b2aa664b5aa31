"""bench/readability.py: what it measures of a message, and its bar for plain German."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from bench import readability
from bot.devtools.template_samples import Sample
from bot.settings import BUNDLED_MESSAGES_DIR
from bot.texts import desk_only

MISSED = re.compile(r"^  (\S+\.j2) \[(.*)\]: (-?[\d.]+), ([\d.]+) words/sentence$", re.M)


def test_it_reads_what_a_resident_reads_line_by_line():
    html = (
        "ℹ️ <b>Hinweis der Stadt</b>\n"
        "Die echte Seite ist https://www.jena.de. Mehr: /hilfe\n"
        "• Rufen Sie 110 an\n\n"
        "Text der Stadt"
    )
    sample = Sample("t.html.j2", "", html, quoted=("Text der Stadt",))
    assert readability.readable_text(sample) == (
        "Hinweis der Stadt.\nDie echte Seite ist . Mehr:.\nRufen Sie 110 an."
    )


@pytest.mark.slow
def test_the_bundled_plain_german_meets_the_bar(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["readability.py"])
    assert readability.main() == 0
    out = capsys.readouterr().out
    assert "\nalert.html.j2 " in out and "\ncheck_result.html.j2 " in out
    assert "de: Wiener Sachtextformel median " in out
    assert "readability: de-x-einfach: PASS" in out


@pytest.mark.slow
def test_plain_german_that_is_standard_german_misses_the_bar(monkeypatch, capsys, tmp_path):
    messages = tmp_path / "messages"
    shutil.copytree(BUNDLED_MESSAGES_DIR, messages)
    shutil.rmtree(messages / "de-x-einfach")  # its plain words, replaced by standard German
    shutil.copytree(
        messages / "de",
        messages / "de-x-einfach",
        ignore=lambda _, names: [n for n in names if desk_only(n)],
    )
    monkeypatch.setattr(sys, "argv", ["readability.py", "--messages", str(messages)])

    assert readability.main() == 1

    out = capsys.readouterr().out
    assert "de-x-einfach: Wiener Sachtextformel median " in out
    assert "de-x-einfach: FAIL" in out
    named = [m.groups() for m in MISSED.finditer(out)]
    assert named, "no sample named"
    assert all(float(score) >= 6 or float(words) >= 10 for _, _, score, words in named)  # rounded
