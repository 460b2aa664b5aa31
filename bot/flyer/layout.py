"""Where each piece of a flyer goes on an A5 page: lines wrapped and measured by fpdf2 with the
bundled typeface (shaped, for a language written right to left), so the PDF and the SVG place
every word alike. Lines start at the left margin, or end at the right one if right to left."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fpdf import FPDF

from bot.flyer.content import Flyer, Part
from bot.flyer.typeface import FAMILY, RTL, MissingGlyphs, missing_glyphs, page

PAGE_WIDTH, PAGE_HEIGHT = 148.0, 210.0  # A5 portrait, millimetres
MARGIN = 10.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
QR_SIZE = 45.0  # mm: read from arm's length by an old phone's camera
PT = 25.4 / 72  # millimetres per point
LEADING = 1.25  # line height as a multiple of the type size
# Shrunk until their longest word fits one line, down to these sizes (points): a district's
# name ("Münchenroda/Remderoda") and the link in letters, which must not break.
MIN_SIZES = {Part.TITLE: 20.0, Part.LINK: 11.0}
BLUE, RED, BLACK = (0, 61, 122), (170, 0, 0), (0, 0, 0)


@dataclass(frozen=True)
class Style:
    size: float  # points; at least 14 for what a resident reads
    bold: bool = False
    color: tuple[int, int, int] = BLACK
    space_before: float = 0.0  # millimetres


STYLES = {
    Part.BRAND: Style(16, bold=True, color=BLUE),
    Part.TITLE: Style(30, bold=True, space_before=1),
    Part.ABOUT: Style(14, space_before=3),
    Part.SCAN: Style(14, space_before=3),
    Part.LINK: Style(14, color=BLUE, space_before=1),  # regular: DejaVu Sans Bold is too wide
    Part.HEADING: Style(14, bold=True, space_before=5),
    Part.BODY: Style(14),
    Part.EMERGENCY: Style(24, bold=True, color=RED, space_before=5),
}
QR_SPACE_BEFORE = 4.0


@dataclass(frozen=True)
class Fit:
    """How roomy a page is set: the spaces between parts as a multiple of their own, the QR
    code's size (mm) and the line height as a multiple of the type size."""

    space: float
    qr: float
    leading: float


# Tried in turn until the text fits: an officer's block with the desk's changes under his
# hours (a cancelled and an extra hour and a substitute) is six lines longer. The type stays
# as large; a QR code of 35 mm (about 1 mm a module) still reads from a phone at arm's length.
FITS = (
    Fit(1.0, QR_SIZE, LEADING),
    Fit(0.5, 40.0, 1.2),
    Fit(0.25, 35.0, 1.18),
)


@dataclass(frozen=True)
class Line:
    part: Part
    x: float  # millimetres from the left to the text's left end (its advance, not its ink)
    baseline: float  # millimetres from the top
    size: float  # points
    bold: bool
    color: tuple[int, int, int]
    text: str  # in logical order (as typed), also when it reads right to left
    width: float  # millimetres, as fpdf2 measures it (shaped if right to left)


@dataclass(frozen=True)
class QrBox:
    x: float
    y: float
    size: float
    data: str


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    qr: QrBox
    title: str
    language: str
    direction: str  # 'ltr' or 'rtl'
    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT


class FlyerTooLong(Exception):
    """The text does not fit one page (a long list of officers, say)."""


def lay_out(flyer: Flyer) -> Layout:
    """The flyer at its roomiest that fits the page; FlyerTooLong if not even the tightest
    does."""
    for fit in FITS:
        lines, qr, bottom = _placed(flyer, fit)
        if bottom <= PAGE_HEIGHT - MARGIN:
            return Layout(lines, qr, flyer.target.name, flyer.language, flyer.direction)
    raise FlyerTooLong(f"{flyer.target.slug}: {bottom:.0f} mm of {PAGE_HEIGHT - MARGIN:.0f}")


def _placed(flyer: Flyer, fit: Fit) -> tuple[tuple[Line, ...], QrBox, float]:
    """Every line and the QR code placed with `fit`'s spacing, and how far down they reach."""
    measure = _measuring_page(flyer.direction)
    y = MARGIN
    lines: list[Line] = []
    qr = None
    for block in flyer.blocks:
        if block.part is Part.QR:
            y += QR_SPACE_BEFORE * fit.space
            qr = QrBox((PAGE_WIDTH - fit.qr) / 2, y, fit.qr, block.text)
            y += fit.qr
            continue
        style = STYLES[block.part]
        size = _fitting_size(measure, block.part, block.text)
        height = size * PT * fit.leading
        y += style.space_before * fit.space
        wrapped = measure.multi_cell(TEXT_WIDTH, height, block.text, dry_run=True, output="LINES")
        for text in wrapped:
            _check_glyphs(flyer, text, style.bold)
            width = measure.get_string_width(text)
            x = PAGE_WIDTH - MARGIN - width if flyer.direction == RTL else MARGIN
            y += height
            baseline = y - height * 0.25
            lines.append(Line(block.part, x, baseline, size, style.bold, style.color, text, width))
    if qr is None:
        raise FlyerTooLong(f"{flyer.target.slug}: no QR code")
    return tuple(lines), qr, y


@cache
def _measuring_page(direction: str) -> FPDF:
    """One page per direction to measure on, kept: loading the typeface takes 0.1 s. Nothing
    is drawn on it; every measurement sets its font first."""
    return page(PAGE_WIDTH, PAGE_HEIGHT, direction)


def _check_glyphs(flyer: Flyer, text: str, bold: bool) -> None:
    missing = missing_glyphs(text, bold)
    if missing:
        raise MissingGlyphs(missing, f"{flyer.target.slug}, {flyer.language}")


def _fitting_size(measure: FPDF, part: Part, text: str) -> float:
    """The part's size, set on `measure`; for a title or link, smaller until its longest
    word fits a line."""
    style = STYLES[part]
    size, smallest = style.size, MIN_SIZES.get(part, style.size)
    longest = max(text.split(), key=len, default="")
    room = TEXT_WIDTH - 2 * measure.c_margin  # multi_cell keeps a cell margin each side
    while True:
        measure.set_font(FAMILY, "B" if style.bold else "", size)
        if size <= smallest or measure.get_string_width(longest) <= room:
            return size
        size -= 0.5
