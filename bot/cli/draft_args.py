"""The alert a `stadtwarn alert send` command line describes (template, text, variables)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.alerts.compose import AlertDraft
from bot.alerts.vocabulary import SEVERITIES
from bot.cli.wording import CliInputError


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
    if text is not None and not text.strip():
        raise CliInputError("empty_text")
    return AlertDraft(
        kind=args.template or "free_text",
        severity=args.severity,
        district_ids=tuple(dict.fromkeys(args.district or ())),
        all_districts=args.all,
        text=text or "",
        variables=_variables(args.var),
    )


def text_from(args: argparse.Namespace) -> str | None:
    if args.text is not None and args.text_file is not None:
        raise CliInputError("text_twice")
    if args.text_file is None:
        return args.text
    try:
        if args.text_file == "-":  # the text on standard input (then only --yes can confirm)
            return sys.stdin.buffer.read().decode("utf-8")
        return Path(args.text_file).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliInputError("text_file", path=args.text_file, reason="utf8") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CliInputError("text_file", path=args.text_file, reason=reason) from None


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
