"""Telegram HTML (the subset our templates use) as readable terminal text, for previews."""

from __future__ import annotations

from html.parser import HTMLParser

_STYLES = {"b": "1", "strong": "1", "i": "3", "em": "3", "u": "4", "ins": "4", "s": "9"}
_STYLES |= {"strike": "9", "del": "9", "code": "2", "pre": "2"}


def html_to_terminal(html: str, *, color: bool = False) -> str:
    """The text a resident reads: tags dropped (or shown as ANSI styles with `color`),
    entities decoded, a link's address after its text when they differ."""
    parser = _Renderer(color)
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


class _Renderer(HTMLParser):
    def __init__(self, color: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._color = color
        self._open: list[str] = []
        self._links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.parts)))
        elif tag in _STYLES and self._color:
            self._open.append(_STYLES[tag])
            self._restyle()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href, start = self._links.pop()
            if href and "".join(self.parts[start:]).strip() != href:
                self.parts.append(f" ({href})")
        elif tag in _STYLES and self._color and _STYLES[tag] in self._open:
            self._open.reverse()
            self._open.remove(_STYLES[tag])
            self._open.reverse()
            self._restyle()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def _restyle(self) -> None:
        self.parts.append("\x1b[0m" + "".join(f"\x1b[{code}m" for code in self._open))
