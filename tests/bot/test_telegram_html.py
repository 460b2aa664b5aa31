"""Telegram HTML parsing: plain text, entities and Telegram-like rejections."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.devtools.template_samples import rendered_samples, sample_texts
from bot.telegram_html import TelegramHtmlError, parse_html, plain_text, utf16_length


def test_bold_and_link_become_entities_over_plain_text() -> None:
    text, entities = parse_html(
        'Achtung <b>Betrug</b>: <a href="https://jena.de/?a=1&amp;b=2">Info</a>'
    )
    assert text == "Achtung Betrug: Info"
    assert entities == [
        {"type": "bold", "offset": 8, "length": 6},
        {"type": "text_link", "offset": 16, "length": 4, "url": "https://jena.de/?a=1&b=2"},
    ]


def test_entities_are_decoded() -> None:
    text, _ = parse_html("1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;ok&quot; &#65;&#x1F600;")
    assert text == '1 < 2 && 3 > 2 "ok" A😀'


def test_offsets_count_utf16_code_units() -> None:
    text, entities = parse_html("😀 <i>ä</i>")
    assert text == "😀 ä"
    assert entities == [{"type": "italic", "offset": 3, "length": 1}]


def test_nested_tags_and_spoilers() -> None:
    text, entities = parse_html(
        '<b>fett <i>kursiv</i></b> <span class="tg-spoiler">x</span> '
        "<tg-spoiler>y</tg-spoiler> <blockquote expandable>z</blockquote>"
    )
    assert text == "fett kursiv x y z"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "spoiler",
        "spoiler",
        "expandable_blockquote",
    ]


def test_pre_with_code_language() -> None:
    text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert text == "x = 1"
    assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]


def test_surrounding_whitespace_is_trimmed() -> None:
    text, entities = parse_html("\n  <b>Hallo</b>  \n")
    assert text == "Hallo"
    assert entities == [{"type": "bold", "offset": 0, "length": 5}]


@pytest.mark.parametrize(
    ("html", "description"),
    [
        (
            "Hallo<div>x</div>",
            'Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 5',
        ),
        (
            "<b>offen",
            "Bad Request: can't parse entities: "
            'Can\'t find end tag corresponding to start tag "b"',
        ),
        (
            "<b><i>x</b></i>",
            "Bad Request: can't parse entities: Unmatched end tag at byte offset 7, "
            'expected "</i>", found "</b>"',
        ),
        ("x</b>", "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"),
        ("<b", "Bad Request: can't parse entities: Unclosed start tag at byte offset 0"),
        (
            '<span class="x">a</span>',
            'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler" '
            "at byte offset 0",
        ),
    ],
)
def test_invalid_html_is_rejected_like_telegram(html: str, description: str) -> None:
    with pytest.raises(TelegramHtmlError) as caught:
        parse_html(html)
    assert caught.value.description == description


@pytest.mark.parametrize("html", ["a < b", "Tom & Jerry", "&nbsp;", "&copy;", "&#xD800;"])
def test_bare_specials_and_unknown_entities_are_rejected(html: str) -> None:
    with pytest.raises(TelegramHtmlError, match="can't parse entities"):
        parse_html(html)


def test_byte_offset_counts_utf8_bytes() -> None:
    with pytest.raises(TelegramHtmlError, match="byte offset 3"):
        parse_html("äx<p>")


def test_utf16_length_counts_surrogate_pairs() -> None:
    assert utf16_length("a😀") == 3


@given(st.text())
def test_escaped_text_round_trips(text: str) -> None:
    plain, entities = parse_html(html.escape(text, quote=True))
    assert plain == text.strip()
    assert entities == []


_LINK = '<a href="https://x.de/?a=1&amp;b=&quot;>&quot;">'  # a quoted ">" is no tag's end
_MARKUP = st.sampled_from(["<b>", "</b>", _LINK, "</a>"])


@given(st.lists(st.one_of(st.text().map(html.escape), _MARKUP)))
def test_plain_text_is_parse_htmls_text_for_html_telegram_took(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        expected, _ = parse_html(text)
    except TelegramHtmlError:
        return  # not what a sent message holds
    assert plain_text(text) == expected


@pytest.mark.parametrize("language", sample_texts().languages)
def test_plain_text_of_every_message_the_bot_sends(language: str) -> None:
    messages = [s for s in rendered_samples(sample_texts(), language) if s.message]
    assert len(messages) > 50
    for sample in messages:
        assert plain_text(sample.html) == parse_html(sample.html)[0], sample.template
