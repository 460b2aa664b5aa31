"""Every language the bot speaks prints its flyer: each glyph in the bundled typeface (a
missing one stops the flyer, fpdf2 warns of nothing), its words in the PDF's text, its QR
code readable, and every district's flyer on one page. Languages are read from
messages/languages.txt, so a language added there is covered as it lands."""

from __future__ import annotations

import logging

import pytest

from bot.city.data import load_city
from bot.flyer.content import Part, flyer_targets, make_flyer
from bot.flyer.layout import lay_out
from bot.flyer.render import to_pdf, to_png
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import RTL, Texts
from tests.auxil.flyers import pdf_text, qr_codes, squashed, words

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
USERNAME = "stadtwarn_jena_bot"
TARGETS = [*flyer_targets("all", CITY), *(flyer_targets(a.name, CITY)[0] for a in CITY.aliases)]


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["winzerla", "burgau"])  # officers' hours; the inspection
@pytest.mark.parametrize("language", TEXTS.languages)
def test_every_language_prints_its_words_and_a_readable_code(language, slug, caplog):
    (target,) = flyer_targets(slug, CITY)
    flyer = make_flyer(target, CITY, TEXTS, language, USERNAME)
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        pdf = to_pdf(lay_out(flyer))  # MissingGlyphs if the typeface lacks a character
    assert [r.getMessage() for r in caplog.records] == []
    (about,) = (block.text for block in flyer.blocks if block.part is Part.ABOUT)
    text = pdf_text(pdf)
    if TEXTS.direction(language) == RTL:
        # pdfium's order of a right-to-left line is its own (tests/auxil/flyers.py); every
        # word is there. test_scripts.py checks the order on Arabic words.
        assert not words(about) - words(text)
    else:
        assert squashed(about) in squashed(text)
    assert qr_codes(to_png(pdf)) == [flyer.deep_link]


@pytest.mark.slow
@pytest.mark.parametrize("language", TEXTS.languages)
def test_every_flyer_in_every_language_fits_one_page_in_large_type(language):
    for target in TARGETS:  # FlyerTooLong or MissingGlyphs would stop it
        layout = lay_out(make_flyer(target, CITY, TEXTS, language, USERNAME))
        assert [line.text for line in layout.lines][1] == target.name  # on one line
        body = [line.size for line in layout.lines if line.part is not Part.LINK]
        assert min(body) >= 14 and min(line.size for line in layout.lines) >= 11
