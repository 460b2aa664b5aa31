"""A laid-out flyer as a print-ready PDF (fpdf2, the QR code as vectors from segno), as a PNG
(the PDF rendered by pdfium) or as an SVG (a Jinja2 template beside this module)."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import pypdfium2
import segno
from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.flyer.layout import FONT, PT, Layout

PNG_DPI = 150
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
    pdf = FPDF(unit="mm", format=(layout.width, layout.height))
    pdf.set_title(layout.title)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    for line in layout.lines:
        pdf.set_font(FONT, "B" if line.bold else "", line.size)
        pdf.set_text_color(*line.color)
        pdf.text(line.x, line.baseline, line.text)
    qr = layout.qr
    pdf.image(io.BytesIO(_qr_svg(qr.data).encode()), x=qr.x, y=qr.y, w=qr.size, h=qr.size)
    return bytes(pdf.output())


def to_png(pdf: bytes, dpi: int = PNG_DPI) -> bytes:
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=dpi / 72).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def to_svg(layout: Layout) -> str:
    qr = layout.qr
    return _SVG.get_template("flyer.svg.j2").render(
        layout=layout, pt=PT, qr=qr, qr_svg=_qr_svg(qr.data, size=qr.size)
    )


def _qr_svg(data: str, size: float | None = None) -> str:
    """The QR code (error correction M) as SVG, without quiet zone: the page's margin and
    the space around it are white. `size`: its width in the parent's units."""
    code = segno.make(data, error="m", micro=False)
    modules = code.symbol_size(border=0)[0]
    svg = code.svg_inline(border=0, omitsize=True)
    width = f' width="{size}" height="{size}"' if size else f' width="{modules}" height="{modules}"'
    return svg.replace("<svg ", f"<svg{width} ", 1)
