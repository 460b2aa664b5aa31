"""The command line's words, in the comms desk's language: messages/<lang>/cli.txt.j2.

The language is STADTWARN_CLI_LANGUAGE if set, else the locale's (LC_ALL, LC_MESSAGES,
LANG, as POSIX orders them), else the city's default language (a `C` locale speaks it too).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import Any

from bot.settings import environment
from bot.text_hygiene import shown
from bot.texts import LANGUAGES_FILE, MESSAGES_DIR, Texts

PHRASES = "cli.txt.j2"
VALUE_SHOWN = 200  # characters of a typed value an error line repeats
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
        """One line for an input error with a `code` (and `values`); else its own message.
        The values came from outside: their control characters are shown as escapes."""
        macro = getattr(self._phrases, f"error_{getattr(error, 'code', '')}", None)
        if macro is None:
            return one_line(str(error))
        values = {key: _shown(value) for key, value in getattr(error, "values", {}).items()}
        return one_line(str(macro(**values)).strip())


def one_line(message: str) -> str:
    """A message as one line on a terminal: any control character left in it (a line break,
    ESC) written as an escape, so it can neither break the line nor steer the terminal."""
    return shown(message, None)


def _shown(value: Any) -> Any:
    """An error's value for its phrase: texts escaped and cut to VALUE_SHOWN characters,
    paths escaped in full, lists item by item; numbers as they are."""
    if isinstance(value, PurePath):
        return shown(str(value), None)
    if isinstance(value, str):
        return shown(value, VALUE_SHOWN)
    if isinstance(value, list | tuple):
        return [_shown(item) for item in value]
    return value


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
