"""The flyer's typeface, DejaVu Sans (bundled in fonts/ with its licence): Latin, Cyrillic and
Arabic. Layout and PDF both draw on a `page` from here, so they measure every line alike; a
right-to-left page shapes its text with harfbuzz (Arabic letters joined, read right to left)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import uharfbuzz
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu Sans"  # the SVG names it first
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # fpdf2's style: the file
RTL = "rtl"


class MissingGlyphs(Exception):
    """The typeface has no glyph for these characters: the flyer would print gaps or boxes."""

    def __init__(self, characters: str, where: str) -> None:
        self.characters = "".join(sorted(set(characters)))
        names = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in self.characters)
        super().__init__(f"{where}: {names}")


def page(width: float, height: float, direction: str) -> FPDF:
    """An empty page (millimetres) with the typeface; `direction` 'rtl' shapes every text
    right to left, as a paragraph of that direction (values isolated in it keep theirs)."""
    pdf = FPDF(unit="mm", format=(width, height))
    for style, name in FILES.items():
        pdf.add_font(FAMILY, style, FONTS / name)
    if direction == RTL:
        pdf.set_text_shaping(use_shaping_engine=True, direction=RTL)
    pdf.add_page()
    return pdf


def missing_glyphs(text: str, bold: bool) -> str:
    """The characters of `text` that harfbuzz draws with the font's .notdef glyph (a box).
    Invisible format characters (the isolates FSI and PDI) are not missing: they draw nothing.
    fpdf2 itself drops them silently when it shapes, so this checks before it draws."""
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(_font(bold), buffer)
    return "".join(text[info.cluster] for info in buffer.glyph_infos if info.codepoint == 0)


def missing_in_pdf(pdf: FPDF) -> str:
    """What fpdf2 found no glyph for while it wrote `pdf` (it only logs a warning)."""
    return "".join(chr(code) for font in pdf.fonts.values() for code in _missing(font))


def _missing(font: object) -> list[int]:
    return list(getattr(font, "missing_glyphs", []))  # core fonts keep no such list


@cache
def _font(bold: bool) -> uharfbuzz.Font:
    blob = uharfbuzz.Blob.from_file_path(str(FONTS / FILES["B" if bold else ""]))
    return uharfbuzz.Font(uharfbuzz.Face(blob))
