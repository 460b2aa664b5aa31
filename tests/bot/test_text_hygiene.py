"""Text hygiene: what `clean` drops and keeps, when a text shows nothing, escaped echoes and
CSV cells a spreadsheet cannot run; a property over any text for `clean`."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text_hygiene import clean, csv_cell, shown, visible

DIRECTION_CONTROLS = frozenset({"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})
NASTY = "\x00\x07\x08\x1b\r\n\t\x7f\x85\x9b\u202a\u202e\u2066\u2069\ud800\udfff\u200f"
# Any code point (surrogates included), with the troublesome ones drawn often.
ANY_TEXT = st.text(alphabet=st.one_of(st.sampled_from(NASTY), st.characters(exclude_categories=[])))


def forbidden(char: str) -> bool:
    """A character no cleaned text may hold: C0 but newline and tab, DEL, C1, a direction
    control, a lone surrogate."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\n\t")
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or unicodedata.bidirectional(char) in DIRECTION_CONTROLS
    )


@given(ANY_TEXT)
def test_clean_never_leaves_a_control_or_direction_character(text):
    cleaned = clean(text)
    assert not any(forbidden(c) for c in cleaned)
    assert "\r" not in cleaned
    one_line = clean(text, one_line=True)
    assert not any(forbidden(c) or c in "\n\t" for c in one_line)
    assert clean(cleaned) == cleaned  # cleaning twice changes nothing


@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"])))
def test_clean_keeps_every_ordinary_character(text):
    text = "".join(c for c in text if not forbidden(c))
    assert clean(text) == text


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Achtung\x00\x07\x1b[2J\x7f!", "Achtung[2J!"),
        ("Nummer \u202e0363 41\u202c", "Nummer 0363 41"),
        ("a\u2066b\u2069c", "abc"),
        ("C1\x85\x9bx", "C1x"),
        ("eins\r\nzwei\rdrei\n\tvier", "eins\nzwei\ndrei\n\tvier"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("مرحبا\u200f 0800", "مرحبا\u200f 0800"),  # RLM steers one place: it stays
        ("Straße, Jena-Süd 🙂", "Straße, Jena-Süd 🙂"),
    ],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_clean_to_one_line():
    assert clean("  Jena\r\n\tNord \x1b ", one_line=True) == "Jena Nord"


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        ("Achtung", True),
        ("  x  ", True),
        ("", False),
        (" \n\t ", False),
        ("\u200b\u2060\ufeff", False),  # zero-width characters
        ("\u3164\u115f\u2800\u00a0", False),  # fillers, the Braille blank, no-break space
        ("\u0301", False),  # a combining mark on nothing
        ("\u200bx\u200b", True),
    ],
)
def test_visible(text, shows):
    assert visible(text) is shows


def test_shown_escapes_control_characters_and_cuts():
    assert shown("a\x1b[2J\r\nb\u202e") == "a\\x1b[2J\\r\\nb\\u202e"
    assert shown("x" * 100, 10) == "x" * 10 + "…"
    assert shown("x" * 100, None) == "x" * 100
    assert shown("Straße 🙂") == "Straße 🙂"


@given(ANY_TEXT)
def test_shown_is_one_line_without_control_characters(text):
    line = shown(text, None)
    assert "\n" not in line and not any(forbidden(c) for c in line)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("jena-termine.de", "jena-termine.de"),
        ("", ""),
        (7, 7),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell
