"""The command line speaks the comms desk's language: German in a German locale (and in a
C locale: the city's language), English in an English one."""

from __future__ import annotations

import re
import sys

import pytest

from bot.cli import main
from bot.cli.wording import PHRASES, desk_language, wording
from bot.texts import MESSAGES_DIR, Texts
from tests.auxil.cli import FakeTerminal, alert_count, one_error_line, query, send_args

LANGUAGES = ("de", "en")


@pytest.fixture
def german_locale(monkeypatch):
    for name in ("STADTWARN_CLI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


def macros(language: str) -> set[str]:
    text = (MESSAGES_DIR / language / PHRASES).read_text("utf-8")
    return set(re.findall(r"{% macro (\w+)\(", text))


def test_every_language_has_every_phrase():
    assert macros("de") == macros("en")
    assert len(macros("de")) > 80


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_AT"}, "de"),
        ({"LANG": "C.UTF-8"}, "de"),  # no language: the city's own
        ({"LANG": "fr_FR.UTF-8"}, "de"),  # one we do not speak: the city's own
        ({}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "STADTWARN_CLI_LANGUAGE": "en"}, "en"),
    ],
)
def test_the_desks_language_comes_from_the_locale(env, language):
    assert desk_language(env, LANGUAGES, "de") == language


@pytest.mark.slow
def test_a_german_desk_sends_with_german_words(db_path, capsys, monkeypatch, german_locale):
    monkeypatch.setattr(sys, "stdin", FakeTerminal("j\n"))
    assert main(send_args("--text", "Achtung")) == 0
    out = capsys.readouterr().out
    assert "──── Deutsch: so erhalten es die Bürgerinnen und Bürger ────" in out
    assert "An 3 Empfänger senden? [j/N]" in out  # and "j" is a yes
    assert "Warnung 1 geht an 3 Empfänger." in out
    assert "Der laufende Bot stellt sie zu. Stand ansehen: stadtwarn alert show 1" in out

    assert main(["alert", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Warnung 1: Warnung, Freier Text, in der Warteschlange\n")
    assert "Ortsteile: Winzerla" in out and "Zustellungen: 3 gesamt" in out

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert re.match(r"ORTSTEIL\s+AKTIV\s+BLOCKIERT", out)
    assert "Abonnenten insgesamt" in out


@pytest.mark.slow
def test_zero_recipients_asks_before_anything_is_stored(db_path, tmp_path, capsys, monkeypatch):
    empty = tmp_path / "empty.sqlite3"
    query(empty, lambda db: db.schema_version())
    monkeypatch.setenv("STADTWARN_DB", str(empty))
    monkeypatch.setattr(sys, "stdin", FakeTerminal("n\n"))
    assert main(send_args("--text", "x")) == 1
    out = capsys.readouterr().out
    assert "Nobody has subscribed to these districts: 0 recipients. Send anyway? [y/N]" in out
    assert "Not sent; nothing was stored." in out
    assert alert_count(empty) == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (send_args("--district", "winzrla", "--text", "x", "--yes"), "unbekannter Ortsteil"),
        (send_args("--text", "x", "--var", "number"), "--var erwartet NAME=WERT"),
        (send_args("--template", "shock_call", "--var", "x=1", "--yes"), "kennt keine Angabe"),
        (send_args("--text", "x" * 5000, "--yes"), "der Text ist zu lang"),
        (["alert", "update", "9", "--text", "x", "--yes"], "es gibt keine Warnung 9"),
        (["alert", "list", "--limit", "0"], "--limit muss eine ganze Zahl von 1 bis 1000 sein"),
        (send_args("--text", "\u200b", "--yes"), "der Text zeigt nichts"),
        (send_args("--text", "x"), "ohne Bestätigung wird nicht gesendet"),
    ],
)
def test_errors_are_one_german_line(db_path, capsys, german_locale, args, expected):
    assert main(args) == 2
    assert expected in one_error_line(capsys.readouterr().err)
    assert alert_count(db_path) == 0


def test_help_is_in_the_desks_language(capsys, german_locale):
    with pytest.raises(SystemExit):
        main(["alert", "send", "--help"])
    out = capsys.readouterr().out
    assert "ohne Rückfrage senden" in out and "Ortsteil-ID, mehrfach möglich" in out


def test_a_phrase_renders_in_each_language():
    """The command line speaks German and English; any other language's desk gets German."""
    for language in Texts().languages:
        say = wording({"STADTWARN_CLI_LANGUAGE": language})
        assert say.language == language.split("-")[0]  # plain German's desk: German
        assert say.queued(1, 1) == {"en": "Alert 1 queued to 1 recipient."}.get(
            language, "Warnung 1 geht an 1 Empfänger."
        )
    assert set(LANGUAGES) <= set(Texts().languages)
