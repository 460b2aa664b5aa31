"""`stadtwarn officers list|cancel|extra|substitute|history`: the desk's one-off changes of
the contact officers' office hours, entered on the command line; bad input is one line and
exit 2."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.cli import main
from bot.storage import hour_changes
from tests.auxil.cli import one_error_line, query
from tests.auxil.days import next_working

next_weekday = next_working  # the command line enters changes on today's calendar


def test_a_cancelled_thursday_is_stored_with_its_note_and_shown(db_path, capsys):
    thursday = next_weekday(3)
    args = ["officers", "cancel", "--area", "jena-winzerla", "--date", thursday.isoformat()]
    assert main([*args, "--note", "Fortbildung", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Jena-Winzerla: cancelled: Thursday, {thursday:%d/%m/%Y}, 15:00–17:00" in out
    assert "Saved. /officer shows it now. Next office hour in Jena-Winzerla:" in out
    stored = query(db_path, lambda db: hour_changes.of_area(db.connection, "jena-winzerla"))
    assert [(c.kind, c.day, c.note, c.entered_by) for c in stored] == [
        ("cancelled", thursday, "Fortbildung", 0)
    ]
    assert main(["officers", "history", "--area", "Jena-Winzerla"]) == 0
    assert "Fortbildung" in capsys.readouterr().out
    assert main(["officers", "list"]) == 0
    assert f"cancelled: Thursday, {thursday:%d/%m/%Y}" in capsys.readouterr().out


def test_an_extra_hour_with_its_place(db_path, capsys):
    friday = next_weekday(4)
    args = ["officers", "extra", "--area", "jena-winzerla", "--date", friday.isoformat()]
    assert main([*args, "--time", "10:00-11:30", "--place", "Stadtteilbüro", "--yes"]) == 0
    assert "extra: Friday" in capsys.readouterr().out


def test_a_substitute_for_a_week_keeps_the_hours(db_path, capsys):
    monday = next_weekday(0)
    friday = monday + timedelta(days=4)
    args = ["officers", "substitute", "--area", "jena-winzerla", "--from", monday.isoformat()]
    args += ["--until", friday.isoformat(), "--name", "Ralf Barthel", "--phone", "+4936418110"]
    assert main([*args, "--yes"]) == 0
    out = capsys.readouterr().out
    assert (
        f"substitute from {monday:%d/%m/%Y} to {friday:%d/%m/%Y}: Ralf Barthel, 03641 8110" in out
    )
    assert "ist Ralf Barthel für Sie da. Telefon: 03641 8110." in out  # the notice, previewed
    stored = query(db_path, lambda db: hour_changes.of_area(db.connection, "jena-winzerla"))
    assert [(c.kind, c.day, c.until, c.substitute, c.phone) for c in stored] == [
        ("substitute", monday, friday, "Ralf Barthel", "03641 8110")
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cancel", "--area", "winzrla", "--date", "{thu}"], "did you mean jena-winzerla?"),
        (["cancel", "--area", "jena-winzerla", "--date", "{wed}"], "has no office hour on"),
        (["cancel", "--area", "jena-winzerla", "--date", "2020-01-02"], "is in the past"),
        (["cancel", "--area", "jena-winzerla", "--date", "10.12.2026"], "expects YYYY-MM-DD"),
        (["extra", "--area", "jena-winzerla", "--date", "{thu}", "--time", "9-10"], "HH:MM-HH:MM"),
        (
            ["extra", "--area", "jena-winzerla", "--date", "{thu}", "--time", "12:00-10:00"],
            "ends before it starts",
        ),
        (["cancel", "--area", "jena-winzerla", "--date", "{thu}"], "without confirmation"),
        (
            [
                "substitute",
                "--area",
                "jena-winzerla",
                "--from",
                "{thu}",
                "--until",
                "{wed}",
                "--name",
                "R. B.",
            ],
            "the period ends before it starts",
        ),
        (
            [
                "substitute",
                "--area",
                "jena-winzerla",
                "--from",
                "{wed}",
                "--until",
                "{wed}",
                "--name",
                "R. B.",
                "--phone",
                "call me",
            ],
            "'call me' is not a phone number",
        ),
        (
            [
                "substitute",
                "--area",
                "jena-winzerla",
                "--from",
                "{wed}",
                "--until",
                "{wed}",
                "--name",
                " \u202e ",
            ],
            "the substitute needs a name",
        ),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_stored(db_path, capsys, args, said):
    days = {"{thu}": next_weekday(3).isoformat(), "{wed}": next_weekday(2).isoformat()}
    args = [days.get(a, a) for a in args]
    yes = [] if said == "without confirmation" else ["--yes"]
    assert main(["officers", *args, *yes]) == 2
    assert said in one_error_line(capsys.readouterr().err)
    stored = query(db_path, lambda db: hour_changes.of_area(db.connection, "jena-winzerla"))
    assert stored == []
