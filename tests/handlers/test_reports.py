"""End to end: residents report a number; the comms desk gets one spike message per admin,
drafts an alert from it; the check then shows the reports; the city's own number is called
faked, never fraud; no report table holds a chat id."""

from __future__ import annotations

import sqlite3

import pytest

from bot.city.data import load_city
from bot.reports.keys import ReportKeys
from bot.reports.service import Reports
from bot.reports.values import ReportDraft
from bot.reports.vocabulary import ReportOutcome
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database
from bot.vocabulary import ReportKind
from tests.auxil.admin_desk import ADMIN, SECOND_ADMIN, forged_press
from tests.auxil.running_bot import FRIDAY_NOON, running_bot

CITY = load_city(BUNDLED_CITY_PATH)
NUMBER = "0176 12345678"
SPIKE = "⚠️ Viele Meldungen"
KIND = "Falsche Anrufe: Stadt/Stadtwerke"


async def report_from_check(resident, text: str, *, note: str | None = None):
    """Check `text`, press Melden under the verdict, walk the steps; return the thanks. If the
    check is unsure and asks what the caller wanted, she answers first: a code or PIN."""
    verdict = await resident.ask(text)
    if "⚠️ Melden" not in verdict.button_texts:
        resident.press("Einen Code oder eine PIN", message=verdict)
        verdict = await resident.wait_for_button("⚠️ Melden")
    asked = await resident.press_and_read("⚠️ Melden", "Sie melden", message=verdict)
    step = await resident.press_and_read(KIND, "Möchten Sie noch etwas", message=asked)
    if note is None:
        confirm = await resident.press_and_read("Ohne Text", "Stimmt das so?", message=step)
    else:
        resident.send(note)
        confirm = await resident.wait_for_text("Stimmt das so?")
    summary = confirm.text
    thanks = await resident.press_and_read("Melden", "Danke", message=confirm)
    return summary, thanks


async def report_by_command(resident, number: str, kind: str = KIND):
    """/melden <number>, the kind, no text, confirm; return the answer after "Melden"."""
    kinds = await resident.ask(f"/melden {number}")
    step = await resident.press_and_read(kind, "Möchten Sie noch etwas", message=kinds)
    confirm = await resident.press_and_read("Ohne Text", "Stimmt das so?", message=step)
    return await resident.press_and_read(
        "Melden", ("Danke", "Das haben", "Heute haben"), message=confirm
    )


@pytest.mark.slow
async def test_a_resident_reports_from_the_check_in_a_few_taps(telegram, tmp_path):
    erika = telegram.user(3001)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/start winzerla")
        summary, thanks = await report_from_check(
            erika, f"{NUMBER} hat angerufen und wollte meine PIN", note="Er sagte, er sei vom Amt"
        )
        erika.send(f"/melden {NUMBER}")
        again = await erika.wait_for_text("Sie melden")
    assert f"Nummer oder Link: {NUMBER}" in summary
    assert f"Was: {KIND}" in summary and "Ortsteil: Winzerla" in summary  # her own
    assert "Ihr Text: Er sagte, er sei vom Amt" in summary
    assert "ohne Ihren Namen" in summary
    assert thanks.text.startswith("Danke! Ihre Meldung ist angekommen.")
    assert "Schon passiert? Was jetzt tun" in thanks.button_texts
    assert again.text.startswith(f"Sie melden {NUMBER}.")


@pytest.mark.slow
async def test_six_reports_make_one_spike_message_per_admin_and_a_draft(telegram, tmp_path):
    admins = [telegram.user(ADMIN), telegram.user(SECOND_ADMIN)]
    residents = [telegram.user(3100 + i) for i in range(6)]
    mallory = telegram.user(3400)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN, SECOND_ADMIN}):
        for admin in admins:
            await admin.ask("/start")
        for resident in residents:
            await resident.ask("/start winzerla")
            _, thanks = await report_from_check(resident, f"Anruf von {NUMBER}")
            assert thanks.text.startswith("Danke!")
        spikes = [
            await admin.wait_for(
                lambda u: next((m for m in u.messages if m.text.startswith(SPIKE)), None)
            )
            for admin in admins
        ]
        for admin, spike in zip(admins, spikes, strict=True):
            await admin.wait_for(lambda _u, m=spike: "6 Einwohner" in m.text)
        counts = [sum(m.text.startswith(SPIKE) for m in admin.messages) for admin in admins]
        draft_button = spikes[0].buttons[0][0].callback_data
        not_for_mallory = await mallory.ask("/meldungen")
        forged = await forged_press(telegram, mallory, draft_button)
        boss = admins[0]
        boss.press("Warnung daraus entwerfen", message=spikes[0])
        control = await boss.wait_for_text("Oben sehen Sie")
        preview = boss.messages[-3]  # German, English, then the buttons
        check = await telegram.user(3200).ask(NUMBER)
    assert counts == [1, 1]
    assert spikes[0].text.startswith(f"{SPIKE}: 0176 12345678")
    assert "Ortsteile: Winzerla" in spikes[0].text
    assert "Senden" in control.button_texts
    assert "0176 12345678" in preview.text
    assert "⚠️ 6 Meldungen aus Jena in den letzten 30 Tagen" in check.text
    assert f"Art: {KIND}" in check.text
    # A resident neither sees the desk nor drafts from its button.
    assert not_for_mallory.text.startswith("Das habe ich nicht verstanden.")
    assert "Meldungen der letzten" not in " ".join(m.text for m in mallory.messages)
    assert "Vorschau" not in (telegram.callback_answers[forged].text or "")
    assert not any("Oben sehen Sie" in m.text for m in mallory.messages)
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("SELECT created_by FROM alerts").fetchall() == [(ADMIN,)]


@pytest.mark.slow
async def test_ten_of_one_kind_in_one_district_make_a_spike_with_its_template(telegram, tmp_path):
    admin = telegram.user(ADMIN)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        await admin.ask("/start")
        for i in range(10):
            resident = telegram.user(3600 + i)
            await resident.ask("/start winzerla")
            thanks = await report_by_command(resident, f"0176 1234567{i}", "Schockanrufe")
            assert thanks.text.startswith("Danke!")
        spike = await admin.wait_for(
            lambda u: next((m for m in u.messages if m.text.startswith(SPIKE)), None)
        )
        admin.press("Warnung daraus entwerfen", message=spike)
        control = await admin.wait_for_text("Oben sehen Sie")
        preview = admin.messages[-3]
    assert spike.text.startswith(f"{SPIKE}: Schockanrufe in Winzerla")
    assert "10 Meldungen dieser Art" in spike.text
    assert "Häufigste Nummern: 0176 12345670 (1)" in spike.text
    assert sum(m.text.startswith(SPIKE) for m in admin.messages) == 1
    assert "Schockanrufe: Angebliche Verwandte oder Ärzte" in preview.text
    assert "Winzerla" in preview.text and "Senden" in control.button_texts


@pytest.mark.slow
async def test_one_report_per_number_a_day_and_twenty_a_day(telegram, tmp_path):
    """Telegram lets the bot answer one chat about once a second, so 18 of the day's reports
    are stored beforehand through the same service and key; the rest go through the bot."""
    db_path, key, erika = tmp_path / "db.sqlite3", b"r" * 32, telegram.user(3700)
    db = await Database.open(db_path)
    earlier = Reports(db, CITY, ReportKeys(key), lambda: FRIDAY_NOON)
    for i in range(18):
        draft = ReportDraft(ReportKind.SHOCK_CALL, "winzerla", f"+491762234{i:04d}")
        assert (await earlier.submit(erika.id, draft)).outcome is ReportOutcome.SAVED
    await db.close()
    async with running_bot(telegram, db_path, report_key=key):
        await erika.ask("/start winzerla")
        nineteenth = await report_by_command(erika, NUMBER)
        again = await report_by_command(erika, NUMBER)
        twentieth = await report_by_command(erika, "0176 22345699")
        over = await report_by_command(erika, "0176 22345698")
    assert nineteenth.text.startswith("Danke! Ihre Meldung ist angekommen.")
    assert again.text.startswith("Das haben Sie heute schon gemeldet.")
    assert twentieth.text.startswith("Danke! Ihre Meldung ist angekommen.")
    assert over.text.startswith("Heute haben Sie schon 20 Meldungen geschickt.")
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 20


@pytest.mark.slow
async def test_reports_of_the_city_switchboard_say_faked_never_fraud(telegram, tmp_path):
    residents = [telegram.user(3300 + i) for i in range(3)]
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for resident in residents:
            await resident.ask("/start neulobeda")
            await resident.ask("/melden 03641 49-0")
            kind = resident.last_message
            step = await resident.press_and_read("Schockanrufe", "Möchten Sie", message=kind)
            confirm = await resident.press_and_read("Ohne Text", "Stimmt das", message=step)
            thanks = await resident.press_and_read("Melden", "Danke", message=confirm)
        check = await telegram.user(3399).ask("03641 49-0")
    assert "ist eine echte Nummer der Stadt oder der Polizei" in thanks.text
    # the detector's word on the text may lead; the number's own block says whose it is
    blocks = check.text.split("\n\n")
    if blocks[0].startswith("✅ Ich sehe darin keine Anzeichen für Betrug."):
        blocks.pop(0)
    assert blocks[0].startswith("ℹ️ 03641 490 gehört zu: Stadtverwaltung Jena"), check.text
    assert "Betrüger täuschen 03641 490 gerade vor (Spoofing): 3 Meldungen" in check.text
    assert "⛔" not in check.text and "Betrug!" not in check.text


@pytest.mark.slow
async def test_no_report_table_holds_a_chat_id(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    chat_ids = [4_100_000_001, 4_100_000_002]
    async with running_bot(telegram, db_path):
        for chat_id in chat_ids:
            resident = telegram.user(chat_id)
            await resident.ask("/start winzerla")
            await report_from_check(resident, f"Anruf von {NUMBER}", note="Hallo")
    with sqlite3.connect(db_path) as db:
        tables = ("reports", "report_counts", "spikes", "spike_messages", "alert_votes")
        for table in tables:
            for row in db.execute(f"SELECT * FROM {table}"):
                for value in row:
                    for chat_id in chat_ids:
                        assert value != chat_id
                        assert str(chat_id) not in str(value)
        assert db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 2


@pytest.mark.slow
async def test_the_desk_sees_counts_trend_and_the_notes_escaped(telegram, tmp_path):
    admin = telegram.user(ADMIN)
    residents = [telegram.user(3500 + i) for i in range(2)]
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        for resident, note in zip(
            residents, ("<b>PIN</b> & Geld", "Sagte, er sei vom Amt"), strict=True
        ):
            await resident.ask("/start winzerla")
            await report_from_check(resident, f"Anruf von {NUMBER}", note=note)
        overview = await admin.ask("/meldungen")
    text = overview.text
    assert text.startswith("Meldungen der letzten 7 Tage: 2 ↑ (Woche davor: 0)")
    assert "Winzerla: 2 ↑ (Woche davor: 0)" in text
    assert f"{KIND}: 2 ↑" in text
    assert "0176 12345678: 2" in text
    assert "<b>PIN</b> & Geld" in overview.entity_texts("blockquote")  # escaped, never markup
