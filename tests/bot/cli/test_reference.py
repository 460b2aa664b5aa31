"""`stadtwarn districts`, `stadtwarn alert templates`, district suggestions, `--text-file -`
and a quiet exit when the reader of a pipe has had enough."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[3]


def test_districts_lists_every_id_and_name_without_a_database(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STADTWARN_DB", str(tmp_path / "none.sqlite3"))
    assert main(["districts"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:-1]}
    assert "Winzerla" in rows["winzerla"] and "Neulobeda" in rows["neulobeda"]
    assert len(rows) == 30
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.slow
def test_templates_lists_each_template_with_its_variables(capsys):
    assert main(["alert", "templates"]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("fake_city_caller"))
    assert "--var number=…" in line and "Fake calls" in line
    assert any(row.startswith("free_text") for row in out.splitlines())


@pytest.mark.slow
def test_an_unknown_district_suggests_the_closest_and_where_to_look(db_path, capsys):
    args = ["alert", "send", "--district", "winzerlaa", "--severity", "info", "--text", "x"]
    assert main([*args, "--yes"]) == 2
    error = capsys.readouterr().err.strip()
    assert "unknown district 'winzerlaa'; did you mean winzerla?" in error
    assert "stadtwarn districts" in error


@pytest.mark.slow
def test_text_file_dash_reads_standard_input(db_path, capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"Vorsicht: falsche Wasserwerker.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    args = ["alert", "send", "--district", "winzerla", "--severity", "info", "--text-file", "-"]
    assert main([*args, "--yes"]) == 0
    assert "queued to" in capsys.readouterr().out


@pytest.mark.slow
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    result = subprocess.run(
        f"{sys.executable} -m bot districts | true",
        shell=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stderr == ""
