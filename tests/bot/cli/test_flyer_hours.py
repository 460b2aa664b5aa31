"""`stadtwarn flyer` prints the desk's changes of the office hours, read from the bot's
database: entered with `stadtwarn officers`, they are on the next flyer. Without a database
(flyers printed before the bot first runs) it prints the regular hours and makes none."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.cli import main
from tests.auxil.days import next_working
from tests.auxil.flyers import pdf_text, squashed

USERNAME = "stadtwarn_jena_bot"


_next = next_working  # the command line enters changes on today's calendar


def _winzerla(tmp_path: Path) -> str:
    out = tmp_path / "flyers"
    assert main(["flyer", "winzerla", "--out", str(out)]) == 0
    return pdf_text((out / "flyer-winzerla.pdf").read_bytes())


def test_changes_entered_on_the_command_line_are_on_the_flyer(db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("STADTWARN_BOT_USERNAME", USERNAME)
    thursday, friday, monday = _next(3), _next(4), _next(0) + timedelta(weeks=1)
    area = ["--area", "jena-winzerla"]
    assert main(["officers", "cancel", *area, "--date", thursday.isoformat(), "--yes"]) == 0
    extra = ["--date", friday.isoformat(), "--time", "10:00-11:30", "--place", "Stadtteilbüro"]
    assert main(["officers", "extra", *area, *extra, "--yes"]) == 0
    period = ["--from", monday.isoformat(), "--until", (monday + timedelta(days=4)).isoformat()]
    substitute = ["--name", "Ralf Barthel", "--phone", "03641 81-0"]
    assert main(["officers", "substitute", *area, *period, *substitute, "--yes"]) == 0
    lobeda = ["--area", "jena-lobeda", "--date", thursday.isoformat()]
    assert main(["officers", "cancel", *lobeda, "--yes"]) == 0  # Lobeda's Thursday too
    text = squashed(_winzerla(tmp_path))
    for line in (
        "An Feiertagen keine Sprechstunde.",
        f"Fällt aus: Do {thursday:%d.%m.}",
        f"Zusätzlich: Fr {friday:%d.%m.}, 10:00–11:30 Uhr, Stadtteilbüro",
        f"Vertretung {monday:%d.%m.}–{monday + timedelta(days=4):%d.%m.}: Ralf Barthel",
    ):
        assert squashed(line) in text, line
    assert text.count(squashed("Fällt aus")) == 1  # Lobeda's is not on Winzerla's flyer


def test_without_a_database_the_flyer_has_the_regular_hours_and_none_is_made(tmp_path, monkeypatch):
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "STADTWARN_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # the default database, data/stadtwarn.sqlite3, is not there
    monkeypatch.setenv("STADTWARN_BOT_USERNAME", USERNAME)
    text = _winzerla(tmp_path)
    assert "Sprechstunde donnerstags 15:00–17:00 Uhr" in text
    assert "An Feiertagen keine Sprechstunde." in text and "Fällt aus" not in text
    assert not (tmp_path / "data").exists()
