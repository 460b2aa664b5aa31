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

MESSAGES_DIR = Path(__file__).resolve().parent.parent / "messages"  # the bundled folder
# The languages the bot speaks: one code per line, the first is the default. A language is
# its folder messages/<code>/ plus its line here; nothing else in the code names languages.
LANGUAGES_FILE = "languages.txt"


class Texts:
    """Renders templates. `*.html.j2` are HTML-escaped; `*.txt.j2` (button labels) are not."""

    def __init__(self, root: Path = MESSAGES_DIR, **globals_: Any) -> None:
        self.languages = _read_languages(root / LANGUAGES_FILE)
        self.default_language = self.languages[0]
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

    def language_for(self, telegram_language_code: str | None) -> str:
        """The language of a Telegram app's IETF code ('de-AT' -> 'de') if the bot speaks
        it, else the default language."""
        primary = (telegram_language_code or "").split("-")[0].lower()
        return primary if primary in self.languages else self.default_language

    def render(self, language: str, name: str, **values: Any) -> str:
        """Render messages/<language>/<name> with the values escaped; blank lines trimmed.
        The template also gets `language`, its own language code."""
        template = self._env.get_template(f"{self._checked(language)}/{name}")
        text = template.render(language=language, **values).strip()
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
        return str(getattr(self._labels(self._checked(language)), key))

    def optional_label(self, language: str, key: str) -> str:
        """A label that languages may leave out; empty if this one does."""
        return str(getattr(self._labels(self._checked(language)), key, ""))

    def phrases(self, language: str, name: str) -> Any:
        """The macros of messages/<language>/<name>, callable by name (the command line's
        words in cli.txt.j2)."""
        return self._env.get_template(f"{self._checked(language)}/{name}").make_module()

    def _load_labels(self, language: str) -> Any:
        return self._env.get_template(f"{language}/labels.txt.j2").make_module()

    def _checked(self, language: str) -> str:
        if language not in self.languages:
            raise ValueError(f"unsupported language {language!r}")
        return language


def _read_languages(path: Path) -> tuple[str, ...]:
    lines = (line.split("#")[0].strip() for line in path.read_text("utf-8").splitlines())
    languages = tuple(line for line in lines if line)
    if not languages:
        raise ValueError(f"{path} lists no language")
    return languages


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units) after parsing the HTML as it does."""
    return utf16_length(parse_html(html_text)[0])


def _berlin(moment: datetime, fmt: str) -> str:
    """Jinja filter: a stored UTC time shown in Europe/Berlin."""
    return moment.astimezone(BERLIN).strftime(fmt)
