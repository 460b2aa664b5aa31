"""Texts.render_parts: lists cut to fit one Telegram message, the least important first, as
many items as fit, the same cut for the same lists; render_fitting (the check's) alike. And
phrases (macro modules) isolate values in a right-to-left language as render does."""

from __future__ import annotations

import pytest

from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.texts import FSI, PDI, Part, Texts, visible_length
from tests.auxil.flyers import messages_with_flyer

TEMPLATE = (
    "<b>Head</b>\n"
    "{% for x in first %}{{ x }}\n{% endfor %}first left out: {{ omitted.first }}\n"
    "{% for x in second %}{{ x }}\n{% endfor %}second left out: {{ omitted.second }}\n"
)
SINGLE = "{% for x in items %}{{ x }}\n{% endfor %}left out: {{ omitted }}"


@pytest.fixture
def texts(tmp_path) -> Texts:
    (tmp_path / "languages.txt").write_text("de\n", "utf-8")
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "parts.html.j2").write_text(TEMPLATE, "utf-8")
    (tmp_path / "de" / "single.html.j2").write_text(SINGLE, "utf-8")
    return Texts(tmp_path)


def lines(n: int, width: int, mark: str) -> list[str]:
    return [f"{mark}{i:03d}".ljust(width, "·") for i in range(n)]


def test_everything_that_fits_is_shown_whole(texts):
    text = texts.render_parts("de", "parts.html.j2", [Part("first", ["a"]), Part("second", [])])
    assert text == "<b>Head</b>\na\nfirst left out: 0\nsecond left out: 0"


def test_the_last_part_is_cut_first_to_as_many_items_as_fit(texts):
    first, second = lines(20, 99, "F"), lines(100, 99, "S")
    parts = [Part("first", first), Part("second", second, omitted=7)]
    text = texts.render_parts("de", "parts.html.j2", parts)
    shown = [line for line in text.splitlines() if line.startswith("S")]
    assert visible_length(text) <= MAX_MESSAGE_LENGTH
    assert all(line in text for line in first)
    assert shown == second[: len(shown)] and 0 < len(shown) < len(second)
    assert f"second left out: {7 + len(second) - len(shown)}" in text
    # one item more would not have fit
    bigger = text.replace("second left out", second[len(shown)] + "\nsecond left out")
    assert visible_length(bigger) > MAX_MESSAGE_LENGTH
    assert texts.render_parts("de", "parts.html.j2", parts) == text


def test_when_nothing_of_the_last_part_fits_the_one_before_is_cut(texts):
    first, second = lines(100, 99, "F"), lines(100, 99, "S")
    text = texts.render_parts("de", "parts.html.j2", [Part("first", first), Part("second", second)])
    shown = [line for line in text.splitlines() if line.startswith("F")]
    assert visible_length(text) <= MAX_MESSAGE_LENGTH
    assert not any(line.startswith("S") for line in text.splitlines())
    assert text.endswith(f"first left out: {100 - len(shown)}\nsecond left out: 100")
    assert shown == first[: len(shown)] and len(shown) > 30


def test_a_message_is_measured_in_utf16_units(texts):
    emoji = ["😀" * 30] * 100  # 30 characters, 60 UTF-16 units: all 100 would be 3,100 chars
    text = texts.render_parts("de", "parts.html.j2", [Part("first", emoji), Part("second", [])])
    kept = text.count("😀" * 30)
    assert visible_length(text) <= MAX_MESSAGE_LENGTH
    assert 0 < kept < 100
    one_more = text.replace("first left out", "😀" * 30 + "\nfirst left out")
    assert visible_length(one_more) > MAX_MESSAGE_LENGTH


def test_render_fitting_counts_into_omitted(texts):
    items = lines(100, 99, "I")
    text = texts.render_fitting("de", "single.html.j2", "items", items, omitted=3)
    shown = [line for line in text.splitlines() if line.startswith("I")]
    assert visible_length(text) <= MAX_MESSAGE_LENGTH
    assert text.endswith(f"left out: {3 + 100 - len(shown)}")
    assert len(shown) == (MAX_MESSAGE_LENGTH - len("left out: 103")) // 100


# Right to left: every value a template prints is isolated (FSI … PDI) line by line, so a
# number, a link or a German name keeps its order inside Arabic text.
DIRECTED = (
    "{% macro bold(v) %}<b>{{ v }}</b>{% endmacro %}"
    "value: {{ value }}\n"
    "lines: {{ lines }}\n"
    "macro: {{ bold(value) }}\n"
    'link: <a href="{{ url | attr }}">{{ "110" }}</a>'
)


@pytest.fixture
def directed(tmp_path) -> Texts:
    """A left-to-right default language "xx" and a right-to-left one "yy", same template."""
    (tmp_path / "languages.txt").write_text("xx\nyy rtl  # written right to left\n", "utf-8")
    for code in ("xx", "yy"):
        (tmp_path / code).mkdir()
        (tmp_path / code / "t.html.j2").write_text(DIRECTED, "utf-8")
    return Texts(tmp_path)


VALUES = {"value": "Jena <1>", "lines": "03641 49-0\n\nwww.jena.de", "url": "https://x.de/?a=1&b"}


def test_a_right_to_left_language_isolates_each_value_line_by_line(directed):
    assert directed.right_to_left == {"yy"} and directed.direction("yy") == "rtl"
    text = directed.render("yy", "t.html.j2", **VALUES)
    assert text.splitlines() == [
        f"value: {FSI}Jena &lt;1&gt;{PDI}",
        f"lines: {FSI}03641 49-0{PDI}",
        "",  # an empty line stays empty
        f"{FSI}www.jena.de{PDI}",
        f"macro: <b>{FSI}Jena &lt;1&gt;{PDI}</b>",  # the macro's HTML is not wrapped again
        f'link: <a href="https://x.de/?a=1&amp;b">{FSI}110{PDI}</a>',  # never in an attribute
    ]


def test_a_left_to_right_language_is_untouched(directed):
    assert directed.direction("xx") == "ltr"
    assert directed.render("xx", "t.html.j2", **VALUES).splitlines() == [
        "value: Jena &lt;1&gt;",
        "lines: 03641 49-0",
        "",
        "www.jena.de",
        "macro: <b>Jena &lt;1&gt;</b>",
        'link: <a href="https://x.de/?a=1&amp;b">110</a>',
    ]


def test_a_language_lists_its_templates_and_labels(tmp_path):
    (tmp_path / "languages.txt").write_text("xx\n", "utf-8")
    (tmp_path / "xx" / "kinds").mkdir(parents=True)
    (tmp_path / "xx" / "kinds" / "k.html.j2").write_text("k", "utf-8")
    (tmp_path / "xx" / "labels.txt.j2").write_text('{% set b = "B" %}{% set a = "A" %}', "utf-8")
    texts = Texts(tmp_path)
    assert texts.template_names("xx") == ("kinds/k.html.j2", "labels.txt.j2")
    assert texts.label_keys("xx") == ("a", "b")


def test_phrases_of_a_right_to_left_language_isolate_their_values(tmp_path):
    """Like rendered messages, a macro module's values (the flyer's words) are isolated."""
    macro = "{% macro said(value) %}قال {{ value }}{% endmacro %}"
    messages_with_flyer(tmp_path, "xa", macro, rtl=True)
    texts = Texts(messages_with_flyer(tmp_path, "xb", macro))
    said = texts.phrases("xa", "flyer.txt.j2").said("03641 233979")
    assert str(said) == f"قال {FSI}03641 233979{PDI}"
    assert str(texts.phrases("xb", "flyer.txt.j2").said("03641")) == "قال 03641"  # left to right
