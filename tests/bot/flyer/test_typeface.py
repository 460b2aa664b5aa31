"""The bundled typeface: there with its licence, and a character it has no glyph for stops a
flyer (when laid out, and in the PDF, where fpdf2 itself would only warn)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.city.data import load_city
from bot.flyer.content import flyer_targets, make_flyer
from bot.flyer.layout import lay_out
from bot.flyer.render import to_pdf
from bot.flyer.typeface import FILES, FONTS, MissingGlyphs, missing_glyphs
from bot.settings import BUNDLED_CITY_PATH, BUNDLED_MESSAGES_DIR
from bot.texts import Texts
from tests.auxil.flyers import messages_with_flyer

CITY = load_city(BUNDLED_CITY_PATH)


def test_the_fonts_are_bundled_with_their_licence():
    for name in FILES.values():
        assert (FONTS / name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert "Bitstream Vera Fonts Copyright" in (FONTS / "LICENSE").read_text("utf-8")


def test_latin_cyrillic_and_arabic_have_glyphs_and_isolates_draw_nothing():
    text = "Öffnungszeiten „Mo“ – Çağrı İğne ıı Обережно, шахраї ґ Ёё احذروا الاحتيال ٠١٢"
    assert missing_glyphs(text, bold=False) == missing_glyphs(text, bold=True) == ""
    assert missing_glyphs("\u2068Jena\u2069", bold=False) == ""
    assert missing_glyphs("Jena 中文 ☃", bold=True) == "中文"


def test_a_flyer_with_a_character_the_typeface_lacks_is_refused(tmp_path):
    german = (BUNDLED_MESSAGES_DIR / "de" / "flyer.txt.j2").read_text("utf-8")
    messages = messages_with_flyer(tmp_path, "xz", german.replace("Betrug", "詐欺"))
    (target,) = flyer_targets("winzerla", CITY)
    flyer = make_flyer(target, CITY, Texts(messages, city=CITY), "xz", "a_bot")
    with pytest.raises(MissingGlyphs, match="U\\+8A50") as refused:
        lay_out(flyer)
    assert refused.value.characters == "欺詐"


def test_the_pdf_refuses_what_fpdf2_only_warns_of():
    (target,) = flyer_targets("winzerla", CITY)
    layout = lay_out(make_flyer(target, CITY, Texts(city=CITY), "de", "a_bot"))
    lines = (replace(layout.lines[0], text="Stadtwarn 中"), *layout.lines[1:])
    with pytest.raises(MissingGlyphs, match="U\\+4E2D"):
        to_pdf(replace(layout, lines=lines))
