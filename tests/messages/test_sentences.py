"""No two sentences run together: a line break a template meant to keep, swallowed by a block
tag at a line's end, would glue "…Bankdaten ein.Informationen der Stadt…"."""

from __future__ import annotations

import re

import pytest

from bot.devtools.template_samples import rendered_samples, sample_texts
from bot.telegram_html import parse_html

TEXTS = sample_texts()
# A sentence's end followed at once by a capital letter (Latin, Cyrillic, Turkish).
GLUED = re.compile(r"[a-zäöüßа-яёіїєґçğışö][.!?:][A-ZÄÖÜА-ЯЁІЇЄҐÇĞİŞ]")


@pytest.mark.parametrize("language", TEXTS.languages)
def test_no_sentence_runs_into_the_next(language):
    glued = [
        f"{s.template} [{s.variant}]: {match.group()!r}"
        for s in rendered_samples(TEXTS, language)
        for match in GLUED.finditer(parse_html(s.html)[0])
    ]
    assert glued == []
