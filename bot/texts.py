"""Every word a user sees, rendered from the Jinja2 templates in messages/<language>/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.clock import BERLIN
from bot.telegram_html import parse_html, utf16_length
from bot.telegram_limits import MAX_MESSAGE_LENGTH

MESSAGES_DIR = Path(__file__).resolve().parent.parent / "messages"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


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
        self._env.filters["berlin"] = _berlin
        self._labels = cache(self._load_labels)

    def render(self, language: str, name: str, **values: Any) -> str:
        """Render messages/<language>/<name> with the values escaped; blank lines trimmed."""
        template = self._env.get_template(f"{_checked(language)}/{name}")
        text = template.render(**values).strip()
        # Collapse runs of blank lines that conditional blocks leave behind.
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text

    def render_fitting(
        self,
        language: str,
        name: str,
        items_key: str,
        items: Sequence[Any],
        *,
        omitted: int = 0,
        **values: Any,
    ) -> str:
        """Render with as many of `items` as fit one Telegram message.

        The template gets `omitted`: the count left out before (passed in) plus those this
        left out from the end."""
        for count in range(len(items), -1, -1):
            text = self.render(
                language,
                name,
                **{items_key: items[:count]},
                omitted=omitted + len(items) - count,
                **values,
            )
            if visible_length(text) <= MAX_MESSAGE_LENGTH:
                return text
        raise ValueError(f"{name} does not fit one message even without {items_key}")

    def label(self, language: str, key: str) -> str:
        """A short plain-text label (button, command description) from labels.txt.j2."""
        return str(getattr(self._labels(_checked(language)), key))

    def _load_labels(self, language: str) -> Any:
        return self._env.get_template(f"{language}/labels.txt.j2").make_module()


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units) after parsing the HTML as it does."""
    return utf16_length(parse_html(html_text)[0])


def _berlin(moment: datetime, fmt: str) -> str:
    """Jinja filter: a stored UTC time shown in Europe/Berlin."""
    return moment.astimezone(BERLIN).strftime(fmt)


def _checked(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    return language
