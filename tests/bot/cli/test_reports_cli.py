"""`stadtwarn reports`: counts per district and kind with the period before, top numbers,
spikes; --csv for a spreadsheet; bad input one line and exit 2."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta

from bot.city.data import load_city
from bot.cli import main
from bot.reports.keys import ReportKeys
from bot.reports.service import ReportDraft, Reports
from bot.reports.vocabulary import ReportKind
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database

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


def test_the_table_shows_trend_top_numbers_and_spikes(db_path, capsys):
    asyncio.run(_fill(db_path))
    assert main(["reports"]) == 0
    out = capsys.readouterr().out
    assert "Reports of the last 7 days: 7 (the period before: 1)" in out
    winzerla = next(line for line in out.splitlines() if line.startswith("Winzerla"))
    assert winzerla.split()[1:] == ["6", "1"]
    assert "+4917612345678" in out and "jena-termine.de" in out
    assert "Spike: +4917612345678, 6 reports in 24 hours (Winzerla)" in out


def test_csv_and_one_district(db_path, capsys):
    asyncio.run(_fill(db_path))
    assert main(["reports", "--csv", "--district", "neulobeda"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [
        ["district", "kind", "subject", "count"],
        ["neulobeda", "phishing", "jena-termine.de", "1"],
    ]


def test_bad_input_is_one_line(db_path, capsys):
    assert main(["reports", "--days", "0"]) == 2
    assert capsys.readouterr().err.strip() == "stadtwarn: --days must be at least 1, got 0"
    assert main(["reports", "--district", "winzerlaa"]) == 2
    assert "unknown district 'winzerlaa'; did you mean winzerla?" in capsys.readouterr().err
