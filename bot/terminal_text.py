"""Telegram text as a terminal shows it: entities as ANSI styles, for previews and the demo.
The text's own control characters never reach the terminal; only our styles do."""

from __future__ import annotations

from bot.telegram_html import parse_html
from bot.text_hygiene import clean

_ANSI = {
    "bold": ("\033[1m", "\033[22m"),
    "italic": ("\033[3m", "\033[23m"),
    "underline": ("\033[4m", "\033[24m"),
    "strikethrough": ("\033[9m", "\033[29m"),
    "code": ("\033[36m", "\033[39m"),
    "pre": ("\033[36m", "\033[39m"),
}


def entities_to_terminal(
    text: str, entities: list[dict], *, ansi: bool, links: bool = False
) -> str:
    """`text` with its entities as terminal styles (`ansi`), and with `links` a link's address
    after its text when they differ. Offsets count UTF-16 code units, as Telegram's do."""
    inserts: dict[int, list[str]] = {}
    for entity in entities:
        end = entity["offset"] + entity["length"]
        codes = _ANSI.get(entity["type"]) if ansi else None
        if codes:
            inserts.setdefault(entity["offset"], []).append(codes[0])
            inserts.setdefault(end, []).insert(0, codes[1])
        if links and entity["type"] == "text_link" and _slice(text, entity) != entity["url"]:
            inserts.setdefault(end, []).append(f" ({entity['url']})")
    out: list[str] = []
    units = 0
    for char in text:
        out.extend(inserts.pop(units, []))
        out.append("" if char == "\r" else clean(char))  # "" for CR, ESC, DEL, C1, RLO …
        units += 2 if ord(char) > 0xFFFF else 1
    out.extend(inserts.pop(units, []))
    return "".join(out)


def _slice(text: str, entity: dict) -> str:
    units = text.encode("utf-16-le")
    start, end = 2 * entity["offset"], 2 * (entity["offset"] + entity["length"])
    return units[start:end].decode("utf-16-le").strip()


def html_to_terminal(html: str, *, color: bool = False) -> str:
    """The text a resident reads from our HTML: styles as ANSI with `color`, links' addresses."""
    plain, entities = parse_html(html)
    return entities_to_terminal(plain, entities, ansi=color, links=True)
