"""End to end: the comms desk's views of reports always fit one Telegram message. /meldungen
with 50 long notes, long links and 20 waves is cut (the newest notes last in, first out) and
says how much it left out; a note with direction and control characters and line breaks is
one quoted line without them; a spike message stays one message as it grows and is edited.

Telegram answers one chat about once a second, so most reports are stored beforehand through
the same service the bot uses, each from its own chat; the rest go through the bot."""

from __future__ import annotations

import pytest

from bot.city.data import load_city
from bot.reports.keys import ReportKeys
from bot.reports.service import Reports
from bot.reports.values import MAX_NOTE, ReportDraft
from bot.reports.vocabulary import ReportOutcome
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database
from bot.telegram_html import utf16_length
from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.vocabulary import ReportKind
from tests.auxil.admin_desk import ADMIN
from tests.auxil.running_bot import FRIDAY_NOON, running_bot

CITY = load_city(BUNDLED_CITY_PATH)
KEY = b"d" * 32
KIND = "Falsche Anrufe: Stadt/Stadtwerke"
WAVES, PER_WAVE, NOTES = 20, 5, 50  # 5 residents with one number make a wave (jena.toml)
# A resident's text that tries to forge a line of the overview: a line break, then what
# looks like the next note; an RLO turning text around; an escape sequence for terminals.
FORGING_NOTE = "Er wollte meine PIN.\n21.11. 12:00, Winzerla: \u202eAlles gut\x1b[31m\r\nEnde"
FORGING_NOTE_SHOWN = "Er wollte meine PIN. 21.11. 12:00, Winzerla: Alles gut[31m Ende"
ERROR = "Entschuldigung, da ist etwas schiefgegangen"


def long_link(wave: int) -> str:
    return f"https://termine-jena-{wave:02d}.example.org/" + "buchen/" * 40


def long_note(i: int) -> str:
    return (f"Meldung {i}: Er sagte, er sei vom Amt, und wollte Geld. " * 20)[:MAX_NOTE]


async def store_reports(db_path, drafts: list[ReportDraft], first_chat: int) -> None:
    """Store `drafts` through the reports service, each from its own chat."""
    db = await Database.open(db_path)
    try:
        reports = Reports(db, CITY, ReportKeys(KEY), lambda: FRIDAY_NOON)
        for offset, draft in enumerate(drafts):
            submitted = await reports.submit(first_chat + offset, draft)
            assert submitted.outcome is ReportOutcome.SAVED
    finally:
        await db.close()


async def report_by_command(resident, number: str, note: str | None = None):
    """/melden <number>, the kind, the note (or none), confirm; return the thanks."""
    kinds = await resident.ask(f"/melden {number}")
    step = await resident.press_and_read(KIND, "Möchten Sie noch etwas", message=kinds)
    if note is None:
        confirm = await resident.press_and_read("Ohne Text", "Stimmt das so?", message=step)
    else:
        resident.send(note)
        confirm = await resident.wait_for_text("Stimmt das so?")
    return await resident.press_and_read("Melden", "Danke", message=confirm)


@pytest.mark.slow
async def test_the_overview_of_a_busy_week_fits_one_message(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    districts = [d.id for d in CITY.districts]
    drafts = [
        ReportDraft(
            ReportKind.FAKE_CITY_CALLER,
            districts[i % len(districts)],
            long_link(wave),
            long_note(i) if i < NOTES else "",
        )
        for wave in range(WAVES)
        for i in range(wave * PER_WAVE, (wave + 1) * PER_WAVE)
    ]
    await store_reports(db_path, drafts, first_chat=5_000_000)
    admin, erika = telegram.user(ADMIN), telegram.user(5_100_000)
    async with running_bot(telegram, db_path, admin_ids={ADMIN}, report_key=KEY):
        await erika.ask("/start winzerla")
        thanks = await report_by_command(erika, "0176 12345678", note=FORGING_NOTE)
        overview = await admin.ask("/meldungen")
        again = await admin.ask("/meldungen")
    text = overview.text
    quotes = overview.entity_texts("blockquote")
    assert thanks.text.startswith("Danke!")
    assert utf16_length(text) <= MAX_MESSAGE_LENGTH
    assert not any(ERROR in m.text for m in admin.messages)
    assert again.text == text  # the same reports, the same cut
    # The most important parts first and whole: totals, trend, every wave, the top links.
    assert text.startswith("Meldungen der letzten 7 Tage: 101 ↑ (Woche davor: 0)")
    assert f"{KIND}: 101 ↑ (Woche davor: 0)" in text
    assert sum(line.startswith("⚠️ ") for line in text.splitlines()) == WAVES
    assert "Häufigste Nummern und Links" in text
    # Long links are shortened visibly, keeping their start and their end.
    assert long_link(0) not in text
    shortened = "https://termine-jena-00.examp…n/buchen/buchen/buchen/buchen/"
    assert f"⚠️ {shortened}: 5 (seit 21.11. 12:00 Uhr)" in text
    # The newest notes as many as fit, each one quoted item, then how many more there are.
    assert quotes, "the newest notes are shown"
    assert len(quotes) <= NOTES, "51 notes of 500 characters cannot all fit: the rest are counted"
    assert f"… und {NOTES + 1 - len(quotes)} weitere\n\nAls Tabelle" in text
    assert quotes[0] == FORGING_NOTE_SHOWN
    assert quotes[1:] == [long_note(i) for i in range(NOTES - 1, NOTES - len(quotes), -1)]
    # Nothing of the forging note hides, turns text around or starts a line of its own.
    for char in ("\u202e", "\x1b", "\r"):
        assert char not in text
    assert "\n21.11. 12:00, Winzerla: Alles" not in text


@pytest.mark.slow
async def test_a_spike_message_fits_as_it_grows(telegram, tmp_path):
    """A number reported from every Ortsteil: the message lists all 30, and stays one
    message when the next report edits it."""
    db_path = tmp_path / "db.sqlite3"
    elsewhere = [d for d in CITY.districts if d.id != "winzerla"]
    drafts = [ReportDraft(ReportKind.SHOCK_CALL, d.id, "+4917698765432") for d in elsewhere]
    await store_reports(db_path, drafts, first_chat=6_000_000)
    admin = telegram.user(ADMIN)
    residents = [telegram.user(6_100_000 + i) for i in range(2)]
    async with running_bot(telegram, db_path, admin_ids={ADMIN}, report_key=KEY):
        await admin.ask("/start")
        await residents[0].ask("/start winzerla")
        await report_by_command(residents[0], "0176 98765432")
        spike = await admin.wait_for_text("⚠️ Viele Meldungen: 0176 98765432")
        sent = spike.text
        await residents[1].ask("/start winzerla")
        await report_by_command(residents[1], "0176 98765432")
        await admin.wait_for(lambda _u: spike.edit_count == 1)
    assert "30 Einwohner haben diese Nummer" in sent
    assert "31 Einwohner haben diese Nummer" in spike.text
    assert sum(m.text.startswith("⚠️ Viele Meldungen") for m in admin.messages) == 1
    assert utf16_length(spike.text) <= MAX_MESSAGE_LENGTH
    listed = spike.text.split("Ortsteile: ")[1].split("\n")[0].split(", ")
    assert sorted(listed) == sorted(d.name for d in CITY.districts)
    assert "Häufigste Nummern: 0176 98765432 (31)\nAlle Meldungen: /meldungen" in spike.text
    assert not any(ERROR in m.text for m in admin.messages)
