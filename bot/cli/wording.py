"""The command line's words, in the comms desk's language: messages/<lang>/cli.txt.j2.

The language is STADTWARN_CLI_LANGUAGE if set, else the locale's (LC_ALL, LC_MESSAGES,
LANG, as POSIX orders them), else the city's default language (a `C` locale speaks it too).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from bot.settings import environment
from bot.texts import LANGUAGES_FILE, MESSAGES_DIR, Texts

PHRASES = "cli.txt.j2"
LANGUAGE_VARIABLES = ("STADTWARN_CLI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class Wording:
    """Each macro of cli.txt.j2 as a method returning plain text: `say.queued(3, 5)`."""

    def __init__(self, texts: Texts, language: str) -> None:
        self.texts = texts
        self.language = language
        self._phrases = texts.phrases(language, PHRASES)

    def __getattr__(self, name: str) -> Callable[..., str]:
        macro = getattr(self._phrases, name)
        return lambda *args, **values: str(macro(*args, **values)).strip()

    def columns(self, name: str) -> tuple[str, ...]:
        """A table header: the phrase's cells, split at '|'."""
        return tuple(getattr(self, name)().split("|"))

    def yes(self, answer: str) -> bool:
        return answer.strip().lower() in self.yes_answers().split()

    def error(self, error: Exception) -> str:
        """One line for an input error with a `code` (and `values`); else its own message."""
        macro = getattr(self._phrases, f"error_{getattr(error, 'code', '')}", None)
        if macro is None:
            return str(error)
        return str(macro(**getattr(error, "values", {}))).strip()


def wording(environ: Mapping[str, str] | None = None) -> Wording:
    env = environment() if environ is None else environ
    texts = Texts(_messages_dir(env))
    return Wording(texts, desk_language(env, texts.languages, texts.default_language))


def desk_language(env: Mapping[str, str], languages: tuple[str, ...], default: str) -> str:
    for name in LANGUAGE_VARIABLES:
        value = env.get(name, "").strip()
        if value:  # the first one set decides, as in POSIX; "de_DE.UTF-8" -> "de"
            code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            return code if code in languages else default
    return default


def _messages_dir(env: Mapping[str, str]) -> Path:
    """The settings' messages folder; a bad one is reported by the settings, with words."""
    folder = Path(env.get("STADTWARN_MESSAGES", "").strip() or MESSAGES_DIR)
    has_phrases = (folder / LANGUAGES_FILE).is_file() and any(folder.glob(f"*/{PHRASES}"))
    return folder if has_phrases else MESSAGES_DIR


class CliInputError(Exception):
    """Bad command-line input: `code` names its phrase (error_<code>), `values` fill it."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(f"{code}: {values}" if values else code)
        self.code = code
        self.values = values
