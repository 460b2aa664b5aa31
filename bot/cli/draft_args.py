"""The alert a `stadtwarn alert send` command line describes (template, text, the desk's own
translations of it, variables), and the command line's numbers, each checked against its
range."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from bot.alerts.compose import TEXT_LIMIT, AlertDraft
from bot.cli.wording import CliInputError
from bot.text_hygiene import clean, visible
from bot.vocabulary import SEVERITIES

MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: no alert id is beyond it


def draft_from(args: argparse.Namespace) -> AlertDraft:
    """Check the options that need no database; the rest is AlertDesk.preview's job."""
    if args.all and args.district:
        raise CliInputError("all_and_district")
    if not args.all and not args.district:
        raise CliInputError("no_recipients_chosen")
    if args.severity is None:
        raise CliInputError("no_severity", choices=SEVERITIES)
    text = text_from(args)
    if text is None and args.template is None:
        raise CliInputError("no_text")
    if text is not None:
        require_visible(text)
    return AlertDraft(
        kind=args.template or "free_text",
        severity=args.severity,
        district_ids=tuple(dict.fromkeys(args.district or ())),
        all_districts=args.all,
        text=text or "",
        variables=_variables(args.var),
        translations=translations_from(args),
    )


def translation_options(language: str) -> tuple[str, str]:
    """The options that give the desk's own translation into `language`: its text, its file."""
    return f"--text-{language}", f"--text-file-{language}"


def translation_dest(language: str) -> tuple[str, str]:
    """Where argparse keeps those two options' values."""
    key = language.replace("-", "_")
    return f"translation_{key}", f"translation_file_{key}"


def translations_from(args: argparse.Namespace) -> dict[str, str]:
    """--text-<code> or --text-file-<code> for each language the bot speaks besides German:
    the desk's own translation of its text, read and checked as the text itself is."""
    translations = {}
    for language in getattr(args, "translation_languages", ()):
        text_dest, file_dest = translation_dest(language)
        options = translation_options(language)
        text = _given_text(getattr(args, text_dest), getattr(args, file_dest), *options)
        if text is not None:
            require_visible(text)
            translations[language] = text
    return translations


def require_visible(text: str) -> None:
    """Refuse a text that shows nothing: empty once control characters are gone, or only
    spaces and invisible characters (zero-width, fillers)."""
    if not clean(text).strip():
        raise CliInputError("empty_text")
    if not visible(text):
        raise CliInputError("invisible_text")


def text_from(args: argparse.Namespace) -> str | None:
    """--text, or the text of --text-file (`-`: standard input), read only up to one character
    beyond TEXT_LIMIT: a longer file (or /dev/zero) is refused, never read to its end."""
    return _given_text(args.text, args.text_file, "--text", "--text-file")


def _given_text(text: str | None, path: str | None, text_option: str, file_option: str):
    """A text given on the command line, or read from the file `path` (`-`: standard input)."""
    if text is not None and path is not None:
        raise CliInputError("text_twice", text=text_option, file=file_option)
    if path is None:
        return text
    try:
        if path == "-":  # the text on standard input (then only --yes can confirm)
            text = _read_text(sys.stdin.buffer)
        else:
            with Path(path).open("rb") as file:
                text = _read_text(file)
    except UnicodeDecodeError:
        raise CliInputError("text_file", option=file_option, path=path, reason="utf8") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CliInputError("text_file", option=file_option, path=path, reason=reason) from None
    if len(text) > TEXT_LIMIT:
        raise CliInputError("text_file_too_long", option=file_option, path=path, limit=TEXT_LIMIT)
    return text


def _read_text(binary: BinaryIO) -> str:
    """At most TEXT_LIMIT + 1 characters of UTF-8 (line ends as newlines); `binary` stays open."""
    reader = io.TextIOWrapper(binary, encoding="utf-8")
    try:
        return reader.read(TEXT_LIMIT + 1)
    finally:
        reader.detach()


def number(option: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else one line naming `option`."""

    def parse(value: str) -> int:
        try:
            parsed = int(value)
        except ValueError:
            parsed = None
        if parsed is None or not low <= parsed <= high:
            raise CliInputError("number", option=option, value=value, low=low, high=high)
        return parsed

    return parse


def alert_id(value: str) -> int:
    """An argparse type: an alert's id. A number no alert can have is "there is no alert"."""
    parsed = int(value)  # not a number: argparse's "invalid int value"
    if not 1 <= parsed <= MAX_ROW_ID:
        raise CliInputError("no_alert", alert_id=value)
    return parsed


alert_id.__name__ = "int"  # argparse names the type in its message


def _variables(pairs: list[str]) -> dict[str, str]:
    variables: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise CliInputError("var_shape", pair=pair)
        if key.strip() in variables:
            raise CliInputError("var_twice", key=key.strip())
        variables[key.strip()] = value
    return variables
