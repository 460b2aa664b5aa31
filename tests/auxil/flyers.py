"""Flyer test helpers: a messages folder with a test language's flyer words, and a flyer's
PDF read back as a reader's software does (pdfium's text, line by line, with where each
line's ink starts and ends), and its QR codes."""

from __future__ import annotations

import ctypes
import io
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import zxingcpp
from PIL import Image

from bot.settings import BUNDLED_MESSAGES_DIR

MM_PER_POINT = 25.4 / 72
# pdfium reads a right-to-left line with quirks of its own (what is printed is right): the
# two letters of a lam-alef ligature backwards (لا as ال), a bracket or quote as its mirror
# image (« as »), a vowel mark moved, and a line with Latin in it at times in the wrong order.
LAM_ALEF = re.compile("ل([اأإآ])")


def messages_with_flyer(root: Path, code: str, flyer: str, rtl: bool = False) -> Path:
    """A copy of the bundled messages plus the language `code` (rtl: written right to left):
    the German folder with `flyer` as its flyer.txt.j2."""
    messages = root / "messages"
    if not messages.exists():
        shutil.copytree(BUNDLED_MESSAGES_DIR, messages)
    shutil.copytree(messages / "de", messages / code)
    (messages / code / "flyer.txt.j2").write_text(flyer, "utf-8")
    with (messages / "languages.txt").open("a", encoding="utf-8") as listing:
        listing.write(f"{code} rtl\n" if rtl else f"{code}\n")
    return messages


@dataclass(frozen=True)
class PdfLine:
    text: str
    left: float  # millimetres from the page's left edge to the line's leftmost ink
    right: float  # ... to its rightmost ink
    baseline: float  # millimetres from the page's top


def pdf_lines(pdf: bytes) -> list[PdfLine]:
    """The page's text lines as pdfium reads them, top to bottom."""
    page = pypdfium2.PdfDocument(pdf)[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    assert len(text) == textpage.count_chars()  # one index per character
    lines, indexes = [], []
    for index, char in enumerate([*text, "\n"]):
        if char not in "\r\n":
            indexes.append(index)
        elif indexes:
            boxes = [textpage.get_charbox(i) for i in indexes if not text[i].isspace()]
            left = min(box[0] for box in boxes) * MM_PER_POINT
            right = max(box[2] for box in boxes) * MM_PER_POINT
            baseline = page.get_height() - _origin_y(textpage, indexes[0])
            line = PdfLine("".join(text[i] for i in indexes), left, right, baseline * MM_PER_POINT)
            lines.append(line)
            indexes = []
    return lines


def _origin_y(textpage: pypdfium2.PdfTextPage, index: int) -> float:
    """Where pdfium says a character's origin is: on its baseline (points from the bottom)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    assert pypdfium2.raw.FPDFText_GetCharOrigin(textpage, index, x, y)
    return y.value


def ink_span(pdf: bytes, found: str) -> tuple[float, float]:
    """Where on the page (millimetres from the left) the first `found` in pdfium's text is
    printed: its leftmost and rightmost ink, whatever order pdfium reads it in."""
    textpage = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    start = textpage.get_text_range().index(found)
    boxes = [textpage.get_charbox(i) for i in range(start, start + len(found))]
    return min(b[0] for b in boxes) * MM_PER_POINT, max(b[2] for b in boxes) * MM_PER_POINT


def pdf_text(pdf: bytes) -> str:
    return "\n".join(line.text for line in pdf_lines(pdf))


def read_in_order(line: str) -> str:
    """A right-to-left line of Arabic words as pdfium reads it (the ligature's letters
    backwards), without the isolates a value is wrapped in."""
    return LAM_ALEF.sub(r"\1ل", _visible(line))


def words(text: str) -> Counter[str]:
    """The words of a text, each as its letters and digits in sorted order: what survives
    pdfium's reading of a right-to-left line whatever order it gives."""
    plain = "".join(c for c in _visible(text) if unicodedata.category(c) != "Mn")
    return Counter("".join(sorted(word)) for word in re.findall(r"[^\W_]+", plain))


def squashed(text: str) -> str:
    """The text without spaces and line breaks: where lines were broken does not matter."""
    return "".join(_visible(text).split())


def qr_codes(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _visible(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")
