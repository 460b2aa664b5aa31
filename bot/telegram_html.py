"""Telegram's HTML parse mode, the one reader of bot HTML: plain text plus entities, or an error.

The stand-in uses it to judge requests as the Bot API does; the product uses it to measure a
message and to show it in a terminal."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENTITY_TYPE_BY_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")  # quoted values may hold ">"
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class TelegramHtmlError(ValueError):
    """The text is not valid Telegram HTML; `description` is what the Bot API would answer."""

    def __init__(self, reason: str) -> None:
        self.description = f"Bad Request: can't parse entities: {reason}"
        super().__init__(self.description)


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    offset: int  # UTF-16 offset in the plain text where the tag's content starts


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit Telegram counts offsets and limits in."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Parse Telegram HTML into (plain_text, entities) the way the Bot API does.

    Entities are Bot API dicts with UTF-16 `offset`/`length`, sorted by offset. Leading and
    trailing whitespace of the result is trimmed like Telegram does.
    """
    parser = _Parser(text)
    plain, entities = parser.run()
    return trim(plain, entities)


def plain_text(text: str) -> str:
    """The plain text of Telegram HTML already accepted (a message the bot sent): the same
    as parse_html(text)[0], ten times faster, without checking. Text that may be invalid
    goes through parse_html."""
    return _ENTITY.sub(_decoded, _TAG.sub("", text)).strip()


def _decoded(match: re.Match) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _NAMED_ENTITIES[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))


def trim(plain: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Strip surrounding whitespace from `plain`, shifting and clipping entities to match."""
    stripped = plain.strip()
    if stripped == plain:
        return plain, entities
    lead = utf16_length(plain[: len(plain) - len(plain.lstrip())])
    end = lead + utf16_length(stripped)
    trimmed = []
    for entity in entities:
        start = max(entity["offset"], lead)
        stop = min(entity["offset"] + entity["length"], end)
        if stop > start:
            trimmed.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, trimmed


class _Parser:
    """A small scanner over the HTML text; keeps byte offsets for Telegram-like errors."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.plain: list[str] = []
        self.utf16_pos = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict] = []

    def byte_offset(self, index: int) -> int:
        return len(self.text[:index].encode("utf-8"))

    def emit(self, chunk: str) -> None:
        self.plain.append(chunk)
        self.utf16_pos += utf16_length(chunk)

    def run(self) -> tuple[str, list[dict]]:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char == "<":
                if text.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            elif char == "&":
                self.emit(self.entity())
            else:
                next_special = min(
                    (i for i in (text.find("<", self.pos), text.find("&", self.pos)) if i >= 0),
                    default=len(text),
                )
                self.emit(text[self.pos : next_special])
                self.pos = next_special
        if self.stack:
            raise TelegramHtmlError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.plain), self.entities

    def entity(self) -> str:
        """Decode the HTML entity at self.pos and advance past it."""
        match = _ENTITY.match(self.text, self.pos)
        if match is None:
            raise TelegramHtmlError(
                "Character '&' must be escaped as &amp; "
                f"(unsupported HTML entity at byte offset {self.byte_offset(self.pos)})"
            )
        name, decimal, hexadecimal = match.groups()
        self.pos = match.end()
        if name:
            return _NAMED_ENTITIES[name]
        code_point = int(decimal) if decimal else int(hexadecimal, 16)
        if not 0 < code_point <= 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
            raise TelegramHtmlError(
                f"Invalid numeric HTML entity at byte offset {self.byte_offset(match.start())}"
            )
        return chr(code_point)

    def start_tag(self) -> None:
        tag_start = self.pos
        match = _TAG_NAME.match(self.text, self.pos + 1)
        if match is None:
            raise TelegramHtmlError(
                "Character '<' must be escaped as &lt; "
                f"(unexpected '<' at byte offset {self.byte_offset(tag_start)})"
            )
        name = match.group().lower()
        if name not in _ENTITY_TYPE_BY_TAG:
            raise TelegramHtmlError(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(tag_start)}'
            )
        self.pos = match.end()
        attributes = self.attributes(name, tag_start)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise TelegramHtmlError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{self.byte_offset(tag_start)}"
            )
        self.stack.append(_OpenTag(name, attributes, self.utf16_pos))

    def attributes(self, tag: str, tag_start: int) -> dict[str, str]:
        text = self.text
        attributes: dict[str, str] = {}
        while True:
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(text):
                raise TelegramHtmlError(
                    f"Unclosed start tag at byte offset {self.byte_offset(tag_start)}"
                )
            if text[self.pos] == ">":
                self.pos += 1
                return attributes
            match = _ATTRIBUTE_NAME.match(text, self.pos)
            if match is None:
                raise TelegramHtmlError(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self.byte_offset(self.pos)}"
                )
            attribute = match.group().lower()
            self.pos = match.end()
            if self.pos < len(text) and text[self.pos] == "=":
                self.pos += 1
                attributes[attribute] = self.attribute_value(tag, tag_start)
            else:
                attributes[attribute] = ""

    def attribute_value(self, tag: str, tag_start: int) -> str:
        text = self.text
        if self.pos >= len(text):
            raise TelegramHtmlError(
                f"Unclosed start tag at byte offset {self.byte_offset(tag_start)}"
            )
        quote = text[self.pos]
        if quote in "\"'":
            self.pos += 1
            value: list[str] = []
            while self.pos < len(text) and text[self.pos] != quote:
                if text[self.pos] == "&":
                    value.append(self.entity())
                else:
                    value.append(text[self.pos])
                    self.pos += 1
            if self.pos >= len(text):
                raise TelegramHtmlError(
                    f'Unclosed attribute value in the tag "{tag}" at byte offset '
                    f"{self.byte_offset(tag_start)}"
                )
            self.pos += 1
            return "".join(value)
        start = self.pos
        while self.pos < len(text) and not text[self.pos].isspace() and text[self.pos] != ">":
            self.pos += 1
        return text[start : self.pos]

    def end_tag(self) -> None:
        tag_start = self.pos
        close = self.text.find(">", self.pos)
        if close < 0:
            raise TelegramHtmlError(
                f"Unclosed end tag at byte offset {self.byte_offset(tag_start)}"
            )
        name = self.text[self.pos + 2 : close].strip().lower()
        if not self.stack:
            raise TelegramHtmlError(
                f"Unexpected end tag at byte offset {self.byte_offset(tag_start)}"
            )
        open_tag = self.stack[-1]
        if name != open_tag.name:
            raise TelegramHtmlError(
                f"Unmatched end tag at byte offset {self.byte_offset(tag_start)}, "
                f'expected "</{open_tag.name}>", found "</{name}>"'
            )
        self.stack.pop()
        self.pos = close + 1
        self.add_entity(open_tag)

    def add_entity(self, tag: _OpenTag) -> None:
        length = self.utf16_pos - tag.offset
        if length <= 0:
            return
        entity: dict = {"type": _ENTITY_TYPE_BY_TAG[tag.name], "offset": tag.offset}
        entity["length"] = length
        if tag.name == "a":
            href = tag.attributes.get("href")
            if not href:
                return
            entity["url"] = href
        elif tag.name == "blockquote" and "expandable" in tag.attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attributes.get("emoji-id", "")
        elif tag.name == "code":
            language = tag.attributes.get("class", "")
            parent = self.stack[-1] if self.stack else None
            if parent and parent.name == "pre" and language.startswith("language-"):
                parent.attributes["language"] = language.removeprefix("language-")
                return
        elif tag.name == "pre" and tag.attributes.get("language"):
            entity["language"] = tag.attributes["language"]
        self.entities.append(entity)
