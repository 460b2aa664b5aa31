"""Flyers in other scripts, from test languages added as folders: Arabic (marked rtl in
languages.txt) is shaped and set right to left, each line ending at the right margin, and
reads back from the PDF in logical order; Cyrillic prints as it is typed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from bot.city.data import load_city
from bot.flyer.content import Part, flyer_targets, make_flyer
from bot.flyer.layout import MARGIN, PAGE_WIDTH, Layout, lay_out
from bot.flyer.render import to_pdf, to_png, to_svg
from bot.flyer.typeface import FAMILY, page
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import FSI, PDI, Texts
from tests.auxil.flyers import (
    PdfLine,
    ink_span,
    messages_with_flyer,
    pdf_lines,
    qr_codes,
    read_in_order,
    squashed,
)

HERE = Path(__file__).parent
CITY = load_city(BUNDLED_CITY_PATH)
USERNAME = "stadtwarn_jena_bot"
SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RIGHT = PAGE_WIDTH - MARGIN

ARABIC = (HERE / "flyer_xa.txt.j2").read_text("utf-8")
CYRILLIC = (HERE / "flyer_xc.txt.j2").read_text("utf-8")


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> Texts:
    root = tmp_path_factory.mktemp("scripts")
    messages_with_flyer(root, "xa", ARABIC, rtl=True)
    return Texts(messages_with_flyer(root, "xc", CYRILLIC), city=CITY)


def _layout(texts: Texts, language: str, slug: str = "winzerla"):
    (target,) = flyer_targets(slug, CITY)
    return lay_out(make_flyer(target, CITY, texts, language, USERNAME))


def test_arabic_is_set_right_to_left_and_reads_back_in_logical_order(texts):
    layout = _layout(texts, "xa")
    pdf = to_pdf(layout)
    printed = pdf_lines(pdf)
    assert len(printed) == len(layout.lines)
    about = [i for i, line in enumerate(layout.lines) if line.part is Part.ABOUT]
    assert len(about) == 2  # wrapped: two lines of different length
    assert [printed[i].text for i in about] == [read_in_order(layout.lines[i].text) for i in about]
    assert printed[about[0]].text.startswith("احذروا االحتيال!")  # «احذروا الاحتيال» first
    for line, seen in zip(layout.lines, printed, strict=True):
        assert line.x + line.width == pytest.approx(RIGHT)  # every line ends at the right
        assert seen.right == pytest.approx(RIGHT, abs=1.0), seen.text  # in the PDF as well
        assert seen.left == pytest.approx(line.x, abs=1.0), seen.text
        assert seen.baseline == pytest.approx(line.baseline, abs=0.05), seen.text
    assert printed[about[1]].left > printed[about[0]].left + 10  # the short line: ragged left
    assert qr_codes(to_png(pdf)) == [f"https://t.me/{USERNAME}?start=winzerla"]


def test_values_in_right_to_left_text_keep_their_own_order(texts):
    """A phone number is isolated (FSI … PDI, as in every message): on paper it reads left to
    right, its first digits on the left, while the line reads from the right."""
    layout = _layout(texts, "xa")
    (line,) = (line for line in layout.lines if "233979" in line.text)
    assert f"{FSI}03641 233979{PDI}" in line.text
    pdf = to_pdf(layout)
    area, number, rest = (ink_span(pdf, text) for text in ("هاتف", "03641", "233979"))
    assert area[1] == pytest.approx(RIGHT, abs=1.0)  # the word "phone" first, at the right
    assert number[1] < rest[0] and rest[1] < area[0]  # "03641 233979", left of "phone"


def test_arabic_letters_are_joined(texts):
    """Shaped: a word prints narrower than its letters set apart (unjoined, each in its
    isolated form, by zero-width non-joiners between them)."""
    layout = _layout(texts, "xa")
    word = "تحذركم"
    assert word in layout.lines[2].text
    joined, apart = (_printed_alone(layout, text) for text in (word, "\u200c".join(word)))
    assert joined.text == word
    assert joined.right - joined.left < apart.right - apart.left - 2


def _printed_alone(layout: Layout, text: str) -> PdfLine:
    """`text` as the page's one line, measured and printed as the layout does."""
    measure = page(layout.width, layout.height, layout.direction)
    measure.set_font(FAMILY, "", 14)
    width = measure.get_string_width(text)
    line = replace(layout.lines[2], text=text, width=width, x=RIGHT - width)
    (printed,) = pdf_lines(to_pdf(replace(layout, lines=(line,))))
    return printed


def test_the_arabic_svg_says_right_to_left_and_its_language(texts):
    layout = _layout(texts, "xa", "burgau")
    root = ET.fromstring(to_svg(layout))
    assert root.get(XML_LANG) == "xa"
    lines = list(root.iter(f"{SVG}text"))
    assert [e.text for e in lines] == [line.text for line in layout.lines]
    for element in lines:
        assert element.get("direction") == "rtl" and element.get("text-anchor") == "start"
        assert float(element.get("x")) == pytest.approx(RIGHT, abs=0.01)
        assert element.get("font-family").startswith("'DejaVu Sans',")


def test_cyrillic_prints_as_typed_from_the_left_margin(texts):
    layout = _layout(texts, "xc")
    pdf = to_pdf(layout)
    printed = pdf_lines(pdf)
    about = " ".join(line.text for line in layout.lines if line.part is Part.ABOUT)
    assert about.startswith("Обережно, шахраї! Місто Jena")
    assert squashed(about) in squashed("\n".join(p.text for p in printed))
    for line, seen in zip(layout.lines, printed, strict=True):
        assert seen.text == line.text
        assert line.x == MARGIN and seen.left == pytest.approx(MARGIN, abs=1.0)
        assert seen.baseline == pytest.approx(line.baseline, abs=0.05)  # where the SVG puts it
    root = ET.fromstring(to_svg(layout))
    assert root.get(XML_LANG) == "xc"
    assert all(e.get("direction") is None for e in root.iter(f"{SVG}text"))
