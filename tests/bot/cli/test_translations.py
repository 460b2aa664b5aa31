"""`--text-<code>` and `--text-file-<code>`: the comms desk's own translation of its German
text. Residents of that language get it; the others get the German text under a line that
says it is the city's German text. Nothing is translated behind the desk's back."""

from __future__ import annotations

from bot.cli import main
from bot.storage import alerts
from bot.telegram_html import parse_html
from tests.auxil.cli import one_error_line, query, send_args

GERMAN = "Falsche Mitarbeiter der Stadtwerke klingeln in Winzerla."
ENGLISH = "Fake Stadtwerke staff are ringing doorbells in Winzerla."


def visible(html: str) -> str:
    return parse_html(html)[0]


def stored_alert(db_path, alert_id: int = 1):
    return query(db_path, lambda db: alerts.get(db.connection, alert_id))


def test_a_translation_reaches_its_language_and_german_stays_german(db_path, capsys):
    assert main(send_args("--text", GERMAN, "--text-en", ENGLISH, "--yes")) == 0
    alert = stored_alert(db_path)
    english, german = visible(alert.body("en")), visible(alert.body("de"))
    assert ENGLISH in english and GERMAN not in english
    assert "Text from the city (in German)" not in english
    assert GERMAN in german and ENGLISH not in german
    assert alert.translations == {"en": ENGLISH}


def test_without_a_translation_the_german_text_comes_under_its_label(db_path, capsys):
    assert main(send_args("--text", GERMAN, "--yes")) == 0
    english = visible(stored_alert(db_path).body("en"))
    assert "Text from the city (in German):\n" + GERMAN in english


def test_a_translation_read_from_a_file(db_path, tmp_path, capsys):
    translation = tmp_path / "en.txt"
    translation.write_text(ENGLISH + "\n", encoding="utf-8")
    assert main(send_args("--text", GERMAN, "--text-file-en", str(translation), "--yes")) == 0
    assert ENGLISH in visible(stored_alert(db_path).body("en"))


def test_a_translation_added_later_keeps_the_german_text(db_path, capsys):
    assert main(send_args("--text", GERMAN, "--yes")) == 0
    assert main(["alert", "update", "1", "--text-en", ENGLISH, "--yes"]) == 0
    alert = stored_alert(db_path)
    assert alert.admin_text == GERMAN and alert.translations == {"en": ENGLISH}
    assert ENGLISH in visible(alert.body("en")) and GERMAN in visible(alert.body("de"))


def test_a_new_german_text_drops_the_translation_of_the_old_one(db_path, capsys):
    assert main(send_args("--text", GERMAN, "--text-en", ENGLISH, "--yes")) == 0
    assert main(["alert", "update", "1", "--text", "Neuer Text.", "--yes"]) == 0
    alert = stored_alert(db_path)
    english = visible(alert.body("en"))
    assert alert.translations == {} and ENGLISH not in english
    assert "Text from the city (in German):\nNeuer Text." in english


def test_bad_translations_get_one_line_and_nothing_is_stored(db_path, tmp_path, capsys):
    cases = [
        (["--text", GERMAN, "--text-en", "x", "--text-file-en", "-"], "--text-en or "),
        (["--text", GERMAN, "--text-en", "\u200b \u3000"], "the text shows nothing"),
        (["--text", GERMAN, "--text-file-en", str(tmp_path / "none.txt")], "--text-file-en"),
        (["--template", "shock_call", "--text-en", ENGLISH], "needs the German text"),
    ]
    for extra, said in cases:
        assert main(send_args(*extra, "--yes")) == 2
        assert said in one_error_line(capsys.readouterr().err)
    assert query(db_path, lambda db: alerts.get(db.connection, 1)) is None
