"""Every word a user sees, rendered from the Jinja2 templates in messages/<language>/."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

MESSAGES_DIR = Path(__file__).resolve().parent.parent / "messages"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
MAX_MESSAGE_LENGTH = 4096


def fits_in_message(html: str) -> bool:
    """True if Telegram surely accepts the length of this HTML message.

    Telegram counts UTF-16 code units of the text after parsing the HTML; tags vanish and
    entities shrink, so the HTML source is never shorter than what Telegram counts.
    """
    return len(html.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_MESSAGE_LENGTH


def language_for(telegram_language_code: str | None) -> str:
    """Pick a supported language from Telegram's IETF code: English for 'en*', else German."""
    if telegram_language_code and telegram_language_code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


class Texts:
    """Renders templates. `*.html.j2` are HTML-escaped; `*.txt.j2` (button labels) are not."""

    def __init__(self, root: Path = MESSAGES_DIR, **globals_: Any) -> None:
        self._env = Environment(
            loader=FileSystemLoader(root),
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self._env.globals.update(globals_)
        self._labels = cache(self._load_labels)

    def render(self, language: str, name: str, **values: Any) -> str:
        """Render messages/<language>/<name> with the values escaped; blank lines trimmed."""
        template = self._env.get_template(f"{_checked(language)}/{name}")
        text = template.render(**values).strip()
        # Collapse runs of blank lines that conditional blocks leave behind.
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text

    def label(self, language: str, key: str) -> str:
        """A short plain-text label (button, command description) from labels.txt.j2."""
        return str(getattr(self._labels(_checked(language)), key))

    def _load_labels(self, language: str) -> Any:
        return self._env.get_template(f"{language}/labels.txt.j2").make_module()


def _checked(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    return language
