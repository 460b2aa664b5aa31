"""End to end: "Ich hatte auch so einen Anruf" under an alert, the sample alert (/test), and
/meinedaten showing exactly what the database holds for the chat."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from bot.alerts.compose import AlertDraft
from bot.services import SERVICES_KEY
from tests.auxil.admin_desk import ADMIN, compose, sent_status
from tests.auxil.running_bot import FRIDAY_NOON, running_bot

ME_TOO = "Ich hatte auch so einen Anruf"


def _status_messages(db_path) -> list[tuple[int]]:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT admin_id FROM status_messages").fetchall()


@pytest.mark.slow
async def test_me_too_counts_one_vote_per_chat_per_district_for_the_desk(telegram, tmp_path):
    admin = telegram.user(ADMIN)
    erika, otto, anna = telegram.user(8001), telegram.user(8002), telegram.user(8003)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        await admin.ask("/start")
        for resident, district in ((erika, "winzerla"), (otto, "winzerla"), (anna, "neulobeda")):
            await resident.ask(f"/start {district}")
        control = await compose(admin, districts=("Winzerla", "Neulobeda"))
        admin.press("Senden", message=control)
        status = await sent_status(admin)
        copies = [
            await r.wait_for_text("⚠️ Warnung der Stadt Jena", 10) for r in (erika, otto, anna)
        ]
        assert all(copy.button_texts == [ME_TOO] for copy in copies)
        for resident, copy in zip((erika, otto, anna, erika), (*copies, copies[0]), strict=True):
            resident.press(ME_TOO, message=copy)
        await admin.wait_for(lambda _: "Auch so einen Anruf gehabt: 3" in status.text, 10)
    assert "(Winzerla 2, Neulobeda 1)" in status.text
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        votes = db.execute("SELECT alert_id, district_id, voter_key FROM alert_votes").fetchall()
    assert len(votes) == 3  # erika's second tap counted nothing
    assert all(str(chat) not in repr(votes) for chat in (8001, 8002, 8003))


@pytest.mark.slow
async def test_me_too_after_a_restart_still_updates_the_status_message(telegram, tmp_path):
    admin, erika = telegram.user(ADMIN), telegram.user(8011)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        await admin.ask("/start")
        await erika.ask("/start winzerla")
        admin.press("Senden", message=await compose(admin))
        status = await sent_status(admin)
        copy = await erika.wait_for_text("⚠️ Warnung der Stadt Jena", 10)
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        erika.press(ME_TOO, message=copy)
        await admin.wait_for(lambda _: "Auch so einen Anruf gehabt: 1" in status.text, 10)
        assert _status_messages(tmp_path / "db.sqlite3") == [(ADMIN,)]
        admin.send("/stop")
        confirm = await admin.wait_for_text("Möchten Sie sich abmelden?")
        await admin.press_and_read("Ja, alles löschen", "Sie sind abgemeldet.", message=confirm)
        assert _status_messages(tmp_path / "db.sqlite3") == []  # an admin's /stop, too
    assert "(Winzerla 1)" in status.text


@pytest.mark.slow
async def test_a_burst_of_me_too_votes_edits_the_status_message_a_few_times(telegram, tmp_path):
    """Telegram counts every edit against the bot's limit: votes are shown together."""
    admin = telegram.user(ADMIN)
    residents = [telegram.user(8020 + n) for n in range(20)]
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids={ADMIN}):
        await admin.ask("/start")
        for resident in residents:
            await resident.ask("/start winzerla")
        admin.press("Senden", message=await compose(admin))
        status = await sent_status(admin)
        copies = [await r.wait_for_text("⚠️ Warnung der Stadt Jena", 10) for r in residents]
        edits_before = telegram.state.stats.edited
        for resident, copy in zip(residents, copies, strict=True):
            resident.press(ME_TOO, message=copy)
        await admin.wait_for(lambda _: "Auch so einen Anruf gehabt: 20" in status.text, 15)
    assert telegram.state.stats.edited - edits_before <= 4  # not one edit per vote


@pytest.mark.slow
async def test_the_sample_alert_is_marked_and_comes_once_an_hour(telegram, tmp_path):
    erika = telegram.user(8101)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/start winzerla")
        sample = await erika.ask("/test")
        again = await erika.ask("/test")
    assert sample.text.startswith("🧪 Dies ist nur ein Test. So sieht eine Warnung der Stadt aus:")
    assert "⚠️ Warnung der Stadt Jena" in sample.text
    assert "Es gibt keine echte Warnung." in sample.text and "Für: Winzerla." in sample.text
    next_at = (FRIDAY_NOON + timedelta(hours=1)).strftime("%H:%M")
    assert (
        again.text == f"Eine Probe-Warnung gibt es einmal pro Stunde. Die nächste ab {next_at} Uhr."
    )
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM alerts").fetchone()[0] == 0  # not an alert


@pytest.mark.slow
async def test_my_data_shows_exactly_what_the_database_holds(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    erika, otto = telegram.user(8201), telegram.user(8202)
    async with running_bot(telegram, db_path) as application:
        nothing = await erika.ask("/meinedaten")
        await erika.ask("/start winzerla")
        await erika.ask("/start neulobeda")
        await otto.ask("/start burgau")
        desk = application.bot_data[SERVICES_KEY].desk
        for districts in (("winzerla",), ("burgau",)):  # the second is not erika's
            draft = AlertDraft("shock_call", "warning", districts, False, variables={})
            alert_id = await desk.create(draft, admin_id=1)
            await desk.send(alert_id, admin_id=1)
        await erika.wait_for_text("⚠️ Warnung der Stadt Jena", 10)
        await otto.wait_for_text("⚠️ Warnung der Stadt Jena", 10)
        erika.send("/meinedaten")
        mine = await erika.wait_for_text("Das ist alles", 10)
    assert nothing.text.startswith("Über Sie ist bei Stadtwarn nichts gespeichert.")
    with sqlite3.connect(db_path) as db:
        row = db.execute(
            "SELECT language, subscribed_at, active FROM subscribers WHERE chat_id = 8201"
        ).fetchone()
        districts = [r[0] for r in db.execute(
            "SELECT district_id FROM subscriptions WHERE chat_id = 8201 ORDER BY district_id"
        )]  # fmt: skip
        deliveries = db.execute(
            "SELECT alert_id, state FROM deliveries WHERE chat_id = 8201"
        ).fetchall()
    assert (row[0], row[2], districts) == ("de", 1, ["neulobeda", "winzerla"])
    text = mine.text
    assert "Ihre Chat-Nummer bei Telegram: 8201" in text
    assert "Sprache: Deutsch" in text
    assert "Ortsteile: Neulobeda, Winzerla" in text
    assert f"Angemeldet seit: {FRIDAY_NOON.strftime('%d.%m.%Y, %H:%M')} Uhr" in text
    assert "Erreichbar: ja" in text
    assert f"Warnungen an Sie: {len(deliveries)}" in text and len(deliveries) == 1
    assert f"#{deliveries[0][0]} Schockanrufe: zugestellt" in text
    assert "8202" not in text and "Burgau" not in text and f"#{deliveries[0][0] + 1}" not in text
    assert "ohne Ihre Chat-Nummer" in text and "Alles löschen: /stop" in text
