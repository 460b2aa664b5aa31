"""`stadtwarn reports`: counts per district and kind with the period before, top numbers,
spikes; --csv for a spreadsheet that runs no resident's formula; a terminal that gets no
resident's control byte; bad input one line and exit 2."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from bot.city.data import load_city
from bot.cli import main
from bot.reports.keys import ReportKeys
from bot.reports.service import Reports
from bot.reports.values import ReportDraft
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database
from bot.vocabulary import ReportKind
from tests.auxil.cli import cli_environment, one_error_line, run_cli

CITY = load_city(BUNDLED_CITY_PATH)


async def _fill(db_path) -> None:
    db = await Database.open(db_path)
    now = datetime.now(UTC)
    clock_now = [now - timedelta(days=10)]
    reports = Reports(db, CITY, ReportKeys(b"x" * 32), lambda: clock_now[0])
    await reports.submit(1, ReportDraft(ReportKind.SHOCK_CALL, "winzerla", "+4915100000001"))
    clock_now[0] = now - timedelta(hours=1)
    for chat in range(2, 8):  # six: a spike of one number
        draft = ReportDraft(ReportKind.FAKE_CITY_CALLER, "winzerla", "+4917612345678")
        await reports.submit(chat, draft)
    await reports.submit(9, ReportDraft(ReportKind.PHISHING, "neulobeda", "jena-termine.de"))
    await db.close()


@pytest.mark.slow
def test_the_table_shows_trend_top_numbers_and_spikes(db_path, capsys):
    asyncio.run(_fill(db_path))
    assert main(["reports"]) == 0
    out = capsys.readouterr().out
    assert "Reports of the last 7 days: 7 (the period before: 1)" in out
    winzerla = next(line for line in out.splitlines() if line.startswith("Winzerla"))
    assert winzerla.split()[1:] == ["6", "1"]
    assert "+4917612345678" in out and "jena-termine.de" in out
    assert "Spike: +4917612345678, 6 reports in 24 hours (Winzerla)" in out


@pytest.mark.slow
def test_csv_and_one_district(db_path, capsys):
    asyncio.run(_fill(db_path))
    assert main(["reports", "--csv", "--district", "neulobeda"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [
        ["district", "kind", "subject", "count"],
        ["neulobeda", "phishing", "jena-termine.de", "1"],
    ]


@pytest.mark.slow
def test_bad_input_is_one_line(db_path, capsys):
    assert main(["reports", "--days", "0"]) == 2
    assert capsys.readouterr().err == (
        "stadtwarn: --days must be a whole number from 1 to 3650, got '0'\n"
    )
    assert main(["reports", "--district", "winzerlaa"]) == 2
    assert "unknown district 'winzerlaa'; did you mean winzerla?" in capsys.readouterr().err


@pytest.mark.slow
def test_days_beyond_the_range_are_one_line_and_exit_2(db_path, tmp_path):
    for days in ("999999", "3651", "-5", "1e3", "9" * 5000):
        env = {"STADTWARN_DB": str(db_path)}
        result = run_cli("reports", "--days", days, cwd=tmp_path, env=env)
        assert result.returncode == 2, result.stderr
        line = one_error_line(result.stderr)
        assert line.startswith("stadtwarn: --days must be a whole number from 1 to 3650, got '")
        assert len(line) < 400
    assert main(["reports", "--days", "3650"]) == 0


# What residents typed as a subject: formulas for a spreadsheet, escapes for a terminal.
HOSTILE = (
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "\x1b[2J\x1b]0;owned\x07clear",
    "[bold red]markup[/]\x9b31m\x7f\u202eevil",
)


async def _fill_hostile(db_path) -> None:
    db = await Database.open(db_path)
    reports = Reports(db, CITY, ReportKeys(b"x" * 32), lambda: datetime.now(UTC))
    try:
        for chat, subject in enumerate(HOSTILE, start=1):
            draft = ReportDraft(ReportKind.PHISHING, "winzerla", subject, note="\x1b[2J Notiz")
            for reporter in range(5):  # five residents: a spike of the subject, too
                await reports.submit(chat * 10 + reporter, draft)
    finally:
        await db.close()


@pytest.mark.slow
def test_csv_holds_no_formula_cell(db_path, capsys):
    asyncio.run(_fill_hostile(db_path))
    assert main(["reports", "--csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 1 + len(HOSTILE)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in out)
    subjects = {row[2] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example","click")' in subjects
    assert "'-2+3" in subjects and "'@SUM(1)" in subjects


@pytest.mark.slow
def test_the_table_prints_no_control_byte(db_path, tmp_path):
    """Through the real process, as a terminal gets it: no byte below 0x20 but the line
    break, no DEL or C1, and rich markup in a subject shown as typed."""
    asyncio.run(_fill_hostile(db_path))
    result = subprocess.run(
        [sys.executable, "-m", "bot", "reports"],
        env=cli_environment({"STADTWARN_DB": str(db_path)}),
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert not [b for b in result.stdout if b < 0x20 and b != 0x0A]
    text = result.stdout.decode("utf-8")
    assert not [c for c in text if 0x7F <= ord(c) <= 0x9F or c == "\u202e"]
    assert "[bold red]markup[/]31mevil" in text
    assert "Spike: [2J]0;ownedclear, 5 reports in 24 hours (Winzerla)" in text
