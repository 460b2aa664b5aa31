"""Every word a user sees, rendered from the Jinja2 templates in messages/<language>/."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
    pass_eval_context,
    select_autoescape,
)
from markupsafe import Markup, escape

from bot.clock import BERLIN
from bot.telegram_html import parse_html, utf16_length
from bot.telegram_limits import MAX_MESSAGE_LENGTH

MESSAGES_DIR = Path(__file__).resolve().parent.parent / "messages"  # the bundled folder
# The languages the bot speaks: one code per line, the first is the default. A language is
# its folder messages/<code>/ plus its line here; nothing else in the code names languages.
# A line may add "rtl" for a language written right to left.
LANGUAGES_FILE = "languages.txt"
RTL = "rtl"
# Unicode's first-strong isolate and its end (UAX #9): a value between them keeps its own
# direction, so a phone number or a link inside Arabic text reads in the right order.
FSI, PDI = "\u2068", "\u2069"


def telegram_language(language: str) -> bool:
    """Whether a Telegram app can be set to the language: Telegram names languages by a
    two-letter ISO 639-1 code (its users' language_code, its command menus)."""
    return len(language) == 2 and language.isascii() and language.isalpha()


def desk_only(name: str) -> bool:
    """Templates only the comms desk sees (admin_*, the command line's words). A language
    may leave them out; the default language's then stand in."""
    return name.startswith("admin_") or name == "cli.txt.j2"


class Texts:
    """Renders templates. `*.html.j2` are HTML-escaped; `*.txt.j2` (button labels) are not.
    Every template may call `kind_label(kind)`: a fraud kind's name in its language."""

    def __init__(self, root: Path = MESSAGES_DIR, **globals_: Any) -> None:
        listed = _read_languages(root / LANGUAGES_FILE)
        self.languages = tuple(listed)
        self.default_language = self.languages[0]
        self.right_to_left = frozenset(code for code, marks in listed.items() if RTL in marks)
        # One environment per writing direction: a right-to-left language's values are
        # isolated (finalize), a left-to-right one's printed as they are, at no cost.
        self._envs = {
            direction: _environment(root, globals_, isolating=direction == RTL)
            for direction in ("ltr", RTL)
        }
        for env in self._envs.values():
            env.globals["kind_label"] = self._kind_label
        self._labels = cache(self._load_labels)

    def language_for(self, telegram_language_code: str | None) -> str:
        """The language of a Telegram app's IETF code ('de-AT' -> 'de') if the bot speaks
        it, else the default language."""
        primary = (telegram_language_code or "").split("-")[0].lower()
        return primary if primary in self.languages else self.default_language

    def render(self, language: str, name: str, **values: Any) -> str:
        """Render messages/<language>/<name> with the values escaped; blank lines trimmed.
        The template also gets `language`, its own language code."""
        language, template = self._template(language, name)
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

        def rendered(kept: list[int]) -> str:
            shown = {items_key: items[: kept[0]]}
            left_out = omitted + len(items) - kept[0]
            return self.render(language, name, **shown, omitted=left_out, **values)

        return _fitting(rendered, [len(items)], name)

    def render_parts(self, language: str, name: str, parts: Sequence[Part], **values: Any) -> str:
        """Render with as much of `parts` as fits one Telegram message.

        `parts` come in the order they matter, the most important first. What does not fit
        is cut from the end of the last part; if nothing of it fits, that part is left out
        whole and the one before is cut, and so on. The template gets each part's shown
        items under its key and `omitted.<key>`: how many of it are not shown (those left
        out before, `Part.omitted`, and those cut here)."""

        def rendered(kept: list[int]) -> str:
            shown = {p.key: p.items[:n] for p, n in zip(parts, kept, strict=True)}
            left_out = SimpleNamespace(
                **{p.key: p.omitted + len(p.items) - n for p, n in zip(parts, kept, strict=True)}
            )
            return self.render(language, name, **shown, omitted=left_out, **values)

        return _fitting(rendered, [len(p.items) for p in parts], name)

    def label(self, language: str, key: str) -> str:
        """A short plain-text label (button, command description) from labels.txt.j2."""
        return str(getattr(self._labels(self._checked(language)), key))

    def optional_label(self, language: str, key: str) -> str:
        """A label that languages may leave out; empty if this one does."""
        return str(getattr(self._labels(self._checked(language)), key, ""))

    def words_of_every_language(self, key: str) -> frozenset[str]:
        """The words a label lists (separated by spaces), of every language at once: a
        greeting is read as one whatever the chat's language."""
        return frozenset(
            word for code in self.languages for word in self.optional_label(code, key).split()
        )

    def template_names(self, language: str) -> tuple[str, ...]:
        """Every file of messages/<language>/, sorted, by its name inside the folder:
        "alert.html.j2", "alert_kinds/phishing.html.j2"."""
        prefix = f"{self._checked(language)}/"
        return tuple(
            name.removeprefix(prefix)
            for name in self._envs["ltr"].list_templates()
            if name.startswith(prefix)
        )

    def label_keys(self, language: str) -> tuple[str, ...]:
        """The names of every label in messages/<language>/labels.txt.j2, sorted."""
        return tuple(sorted(k for k in vars(self._labels(self._checked(language))) if k[0] != "_"))

    def phrases(self, language: str, name: str) -> Any:
        """The macros of messages/<language>/<name>, callable by name (the command line's
        words in cli.txt.j2, the flyer's). Like `render`, they get `language`, so a right-to-
        left language's values are isolated in them too."""
        language, template = self._template(language, name)
        return template.make_module(vars={"language": language})

    @pass_context
    def _kind_label(self, context: Any, kind: str) -> str:
        """Template global: a fraud kind's name (label kind_<kind>) in the template's
        language."""
        return self.label(context["language"], f"kind_{kind}")

    def direction(self, language: str) -> str:
        """'rtl' for a language written right to left, else 'ltr'."""
        return RTL if language in self.right_to_left else "ltr"

    def _template(self, language: str, name: str) -> tuple[str, Any]:
        """The language's template, or for a desk-only one it leaves out, the default's."""
        try:
            env = self._envs[self.direction(self._checked(language))]
            return language, env.get_template(f"{language}/{name}")
        except TemplateNotFound:
            if not desk_only(name) or language == self.default_language:
                raise
            return self._template(self.default_language, name)

    def _load_labels(self, language: str) -> Any:
        # labels are plain text for buttons and menus: never isolated
        return self._envs["ltr"].get_template(f"{language}/labels.txt.j2").make_module()

    def _checked(self, language: str) -> str:
        if language not in self.languages:
            raise ValueError(f"unsupported language {language!r}")
        return language


@dataclass(frozen=True)
class Part:
    """One list in a message that may be cut to fit (render_parts): the template's name for
    it, its items (the most important first), and how many of it were left out before."""

    key: str
    items: Sequence[Any]
    omitted: int = 0


def _fitting(rendered: Callable[[list[int]], str], sizes: list[int], name: str) -> str:
    """The text `rendered` gives for the most items that fit one message: every list whole
    if that fits; else the last list cut (to the longest start of it that fits, found by
    halving), or left out and the one before it cut. Deterministic: the same lists give the
    same text."""
    kept = list(sizes)
    text = rendered(kept)
    if visible_length(text) <= MAX_MESSAGE_LENGTH:
        return text
    for index in reversed(range(len(sizes))):
        kept[index] = 0
        text = rendered(kept)
        if visible_length(text) > MAX_MESSAGE_LENGTH:
            continue
        low, high = 0, sizes[index] - 1  # `low` items fit; all of them did not
        while low < high:
            middle = (low + high + 1) // 2
            kept[index] = middle
            candidate = rendered(kept)
            if visible_length(candidate) <= MAX_MESSAGE_LENGTH:
                low, text = middle, candidate
            else:
                high = middle - 1
        return text
    raise ValueError(f"{name} does not fit one message even without its lists")


def _read_languages(path: Path) -> dict[str, frozenset[str]]:
    """Each listed language code, in order, with the marks on its line (e.g. 'rtl')."""
    lines = (line.split("#")[0].split() for line in path.read_text("utf-8").splitlines())
    languages = {words[0]: frozenset(words[1:]) for words in lines if words}
    if not languages:
        raise ValueError(f"{path} lists no language")
    return languages


def _environment(root: Path, globals_: dict[str, Any], *, isolating: bool) -> Environment:
    """Templates under `root`: `*.html.j2` escaped, templates read once (auto_reload off:
    they do not change while the bot runs)."""
    env = Environment(
        loader=FileSystemLoader(root),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        finalize=_isolated if isolating else None,
    )
    env.globals.update(globals_)
    env.filters["berlin"] = _berlin
    # a value inside an attribute: escaped as every value, but never isolated
    env.filters["attr"] = _attribute if isolating else _as_is
    return env


@pass_eval_context  # at render time, for literals too ({{ "110" }}): Jinja folds a
def _isolated(_eval_context: Any, value: Any) -> Any:  # plain finalize after escaping them
    """Every value a right-to-left template prints: isolated (FSI…PDI) line by line, so its
    own direction is kept. HTML the templates made (macros) is left as it is: its values
    were isolated inside."""
    if isinstance(value, Markup):
        return value
    lines = str(value).split("\n")
    return "\n".join(f"{FSI}{line}{PDI}" if line.strip() else line for line in lines)


def _as_is(value: Any) -> Any:
    """The `attr` filter where nothing is isolated: autoescape escapes the value."""
    return value


def _attribute(value: Any) -> Markup:
    """Jinja filter for a value inside an HTML attribute (a link's href): escaped, and never
    isolated, since direction marks would break the link."""
    return escape(value)  # Markup: escaped now, so finalize leaves it as it is


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units) after parsing the HTML as it does."""
    return utf16_length(parse_html(html_text)[0])


def _berlin(moment: datetime, fmt: str) -> str:
    """Jinja filter: a stored UTC time shown in Europe/Berlin."""
    return moment.astimezone(BERLIN).strftime(fmt)
