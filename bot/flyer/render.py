"""A laid-out flyer as a print-ready PDF (fpdf2 with the bundled typeface, which it embeds;
the QR code as vectors from segno), as a PNG (the PDF rendered by pdfium) or as an SVG (a
Jinja2 template beside this module)."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import pypdfium2
import segno
from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.flyer.layout import PT, Layout, Line
from bot.flyer.typeface import FAMILY, RTL, MissingGlyphs, missing_in_pdf, page

PNG_DPI = 150
# The bundled typeface first; a viewer without it takes the next (and places words a little
# differently: the layout measured them in DejaVu Sans).
SVG_FONT_FAMILY = f"'{FAMILY}', Verdana, Helvetica, Arial, sans-serif"
_SVG = Environment(
    loader=FileSystemLoader(Path(__file__).parent),
    autoescape=select_autoescape(enabled_extensions=("svg.j2",)),
    trim_blocks=True,
    lstrip_blocks=True,
)


class Format(StrEnum):
    PDF = "pdf"
    PNG = "png"
    SVG = "svg"


def render(layout: Layout, fmt: Format) -> bytes:
    if fmt is Format.SVG:
        return to_svg(layout).encode()
    pdf = to_pdf(layout)
    return to_png(pdf) if fmt is Format.PNG else pdf


def to_pdf(layout: Layout) -> bytes:
    pdf = page(layout.width, layout.height, layout.direction)
    pdf.set_title(layout.title)
    pdf.set_lang(layout.language)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0  # each line's text starts where the layout put it
    for line in layout.lines:
        _draw(pdf, line)
    qr = layout.qr
    pdf.image(io.BytesIO(_qr_svg(qr.data).encode()), x=qr.x, y=qr.y, w=qr.size, h=qr.size)
    written = bytes(pdf.output())
    missing = missing_in_pdf(pdf)
    if missing:  # fpdf2 only warns; a flyer with gaps is not printed
        raise MissingGlyphs(missing, layout.title)
    return written


def _draw(pdf: FPDF, line: Line) -> None:
    """A line as a cell (fpdf2 shapes a cell's text; `text()` would not) of no height, whose
    baseline fpdf2 puts 0.3 type sizes below its top."""
    pdf.set_font(FAMILY, "B" if line.bold else "", line.size)
    pdf.set_text_color(*line.color)
    pdf.set_xy(line.x, line.baseline - 0.3 * line.size * PT)
    pdf.cell(line.width, 0, line.text)


def to_png(pdf: bytes, dpi: int = PNG_DPI) -> bytes:
    first = pypdfium2.PdfDocument(pdf)[0]
    image = first.render(scale=dpi / 72).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def to_svg(layout: Layout) -> str:
    qr = layout.qr
    return _SVG.get_template("flyer.svg.j2").render(
        layout=layout,
        rtl=layout.direction == RTL,
        font_family=SVG_FONT_FAMILY,
        pt=PT,
        qr=qr,
        qr_svg=_qr_svg(qr.data, size=qr.size),
    )


def _qr_svg(data: str, size: float | None = None) -> str:
    """The QR code (error correction M) as SVG, without quiet zone: the page's margin and
    the space around it are white. `size`: its width in the parent's units."""
    code = segno.make(data, error="m", micro=False)
    modules = code.symbol_size(border=0)[0]
    svg = code.svg_inline(border=0, omitsize=True)
    width = f' width="{size}" height="{size}"' if size else f' width="{modules}" height="{modules}"'
    return svg.replace("<svg ", f"<svg{width} ", 1)
