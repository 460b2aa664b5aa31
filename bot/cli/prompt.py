"""Asking the comms desk at the terminal: the preview, "Send? [y/N]", and whether one can ask."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.cli.wording import Wording
from bot.terminal_text import html_to_terminal
from bot.texts import Texts


def interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or replaced stdin
        return False


def confirm(question: str, out: TextIO, say: Wording) -> bool:
    print(question, end="", file=out, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        answer = ""
    if not answer.endswith("\n"):
        print(file=out)  # end of input: keep the next line off the prompt
    return say.yes(answer)


def print_preview(bodies: dict[str, str], texts: Texts, out: TextIO, say: Wording) -> None:
    """The alert in each language, titled with the language's own name."""
    color = is_tty(out)
    for language, body in bodies.items():
        title = texts.label(language, "language_name")
        print(say.preview_title(title), file=out)
        print(html_to_terminal(body, color=color), file=out)
        print(file=out)


def is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
