"""End to end: residents report a number; the comms desk gets one spike message per admin,
drafts an alert from it; the check then shows the reports; the city's own number is called
faked, never fraud; no report table holds a chat id."""

from __future__ import annotations

import sqlite3

from tests.auxil.admin_desk import ADMIN, SECOND_ADMIN
from tests.auxil.running_bot import running_bot

NUMBER = "0176 12345678"
SPIKE = "⚠️ Viele Meldungen"
KIND = "Falsche Anrufe: Stadt/Stadtwerke"


async def report_from_check(resident, text: str, *, note: str | None = None):
    """Check `text`, press Melden under the verdict, walk the steps; return the thanks."""
    verdict = await resident.ask(text)
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


async def test_a_resident_reports_from_the_check_in_four_taps(telegram, tmp_path):
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


async def test_six_reports_make_one_spike_message_per_admin_and_a_draft(telegram, tmp_path):
    admins = [telegram.user(ADMIN), telegram.user(SECOND_ADMIN)]
    residents = [telegram.user(3100 + i) for i in range(6)]
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
    assert check.text.startswith("ℹ️ 03641 490 gehört zu: Stadtverwaltung Jena")
    assert "Betrüger täuschen 03641 490 gerade vor (Spoofing): 3 Meldungen" in check.text
    assert "⛔" not in check.text and "Betrug!" not in check.text


async def test_a_non_admin_cannot_draft_from_a_spike(telegram, tmp_path):
    mallory = telegram.user(3400)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        reply = await mallory.ask("/meldungen")
        forged = (
            await mallory.forged_press("spike:draft:1")
            if hasattr(mallory, "forged_press")
            else None
        )
    assert reply.text.startswith("Das habe ich nicht verstanden.")
    assert forged is None or "Vorschau" not in str(forged)


async def test_no_report_table_holds_a_chat_id(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    chat_ids = [4_100_000_001, 4_100_000_002]
    async with running_bot(telegram, db_path):
        for chat_id in chat_ids:
            resident = telegram.user(chat_id)
            await resident.ask("/start winzerla")
            await report_from_check(resident, f"Anruf von {NUMBER}", note="Hallo")
    with sqlite3.connect(db_path) as db:
        for table in ("reports", "report_counts", "spikes", "alert_votes"):
            for row in db.execute(f"SELECT * FROM {table}"):
                for value in row:
                    for chat_id in chat_ids:
                        assert value != chat_id
                        assert str(chat_id) not in str(value)
        assert db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 2


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
    assert "„<b>PIN</b> & Geld“" in text  # shown literally: escaped, never markup
