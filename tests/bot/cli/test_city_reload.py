"""`stadtwarn city reload`: the city file's officer data against what residents were last
told; after a yes one quiet notice per changed area, to its Ortsteile only. Anything but
officer data, or an invalid file: one line, exit 2, nothing sent, the data in force stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import alerts, city_snapshot
from bot.vocabulary import HOURS_NOTICE
from tests.auxil.cli import WINZERLA_RECIPIENTS, alert_count, delivery_chats, one_error_line, query

THURSDAY = 'office_hours = ["Mo 10:00-12:00", "Do 15:00-17:00"]'
LATER = 'office_hours = ["Mo 10:00-12:00", "Do 15:00-18:00"]'


def copy_city(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the bundled city file; the settings point at it."""
    folder = tmp_path / "city"
    folder.mkdir()
    for path in BUNDLED_CITY_PATH.parent.glob("jena*"):
        shutil.copy(path, folder)
    monkeypatch.setenv("STADTWARN_CITY", str(folder / "jena.toml"))
    return folder / "jena.toml"


@pytest.fixture
def city_file(db_path, tmp_path, monkeypatch) -> Path:
    """A copy of the bundled city file, in force: the command line has recorded it."""
    path = copy_city(tmp_path, monkeypatch)
    assert main(["city", "reload"]) == 0  # no snapshot yet: stored, nothing announced
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(db_path: Path) -> str:
    return query(db_path, lambda db: city_snapshot.get(db.connection)).officers


def test_the_first_reload_records_the_file_and_announces_nothing(
    db_path, tmp_path, monkeypatch, capsys
):
    copy_city(tmp_path, monkeypatch)
    assert main(["city", "reload"]) == 0
    assert "No contact officers' data was recorded as in force yet" in capsys.readouterr().out
    assert '"Do 15:00-17:00"' in snapshot(db_path)
    assert alert_count(db_path) == 0


def test_new_winzerla_hours_are_shown_and_announced_to_winzerla_only(db_path, city_file, capsys):
    capsys.readouterr()
    edit(city_file, THURSDAY, LATER)
    assert main(["city", "reload", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Jena-Winzerla:\n  office hours: Mon 10:00–12:00, Thu 15:00–17:00 → " in out
    assert "→ Mon 10:00–12:00, Thu 15:00–18:00" in out
    assert "Notice for Jena-Winzerla: quietly to 3 recipients" in out
    assert (
        "Neue Sprechzeiten in Winzerla: ab sofort Do 15:00–18:00 Uhr (bisher Do 15:00–17:00 Uhr)."
        in out
    )
    assert "Weiter wie bisher: Mo 10:00–12:00 Uhr." in out
    assert "Jena-Lobeda" not in out
    assert "No bot runs on this database: it will use the new data on its next start." in out
    assert alert_count(db_path) == 1
    assert delivery_chats(db_path) == WINZERLA_RECIPIENTS  # resident 3 (Lobeda) gets nothing
    notice = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert notice.kind == HOURS_NOTICE and notice.district_ids == ("winzerla",)
    assert "Do 15:00–18:00" in notice.bodies["de"] and "15:00" in notice.bodies["uk"]
    assert '"Do 15:00-18:00"' in snapshot(db_path)
    assert main(["city", "reload", "--yes"]) == 0  # announced: now nothing differs
    assert "are unchanged: nothing to do" in capsys.readouterr().out
    assert alert_count(db_path) == 1


def test_no_change_sends_nothing(db_path, city_file, capsys):
    capsys.readouterr()
    assert main(["city", "reload", "--yes"]) == 0
    assert "are unchanged: nothing to do" in capsys.readouterr().out
    assert alert_count(db_path) == 0


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('{ id = "winzerla", name = "Winzerla" }', '{ id = "winzerla", name = "Winzerla-Süd" }',
         "the city file changes more than the contact officers (districts)"),
        ("[[officers]]", "[[officers]", "not valid TOML"),
        ('"Do 15:00-18:00"', '"Donnerstags 15-18"', "is not like 'Do 15:30-17:30'"),
    ],
)  # fmt: skip
def test_a_changed_district_or_an_invalid_file_is_refused(
    db_path, city_file, capsys, old, new, said
):
    before = snapshot(db_path)
    capsys.readouterr()
    edit(city_file, THURSDAY, LATER)  # with a change of officer data, too
    edit(city_file, old, new)
    assert main(["city", "reload", "--yes"]) == 2
    assert said in one_error_line(capsys.readouterr().err)
    assert alert_count(db_path) == 0 and snapshot(db_path) == before


def test_without_a_terminal_and_without_yes_nothing_is_announced(db_path, city_file, capsys):
    edit(city_file, THURSDAY, LATER)
    capsys.readouterr()
    assert main(["city", "reload"]) == 2
    assert "not announcing without confirmation" in one_error_line(capsys.readouterr().err)
    assert alert_count(db_path) == 0 and '"Do 15:00-17:00"' in snapshot(db_path)
