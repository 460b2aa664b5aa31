"""The desk changes an office hour in Telegram: "Sprechstunde ändern" under /kontakt (admins
only), an area, a coming hour to cancel or an extra one typed in, a preview of the residents'
notice with its reach, and only then the change is stored and announced."""

from datetime import datetime

import pytest

from bot.city.data import load_city
from bot.clock import BERLIN
from bot.settings import BUNDLED_CITY_PATH
from handlers.keyboards.callback_data import HoursDesk
from tests.auxil.admin_desk import ADMIN, subscribe
from tests.auxil.running_bot import running_bot

ADMINS = frozenset({ADMIN})


async def open_area(admin, area: str = "Jena-Winzerla"):
    await admin.ask("/kontakt")
    menu = await admin.press_and_read("Sprechstunde ändern", "Sprechstunde ändern")
    return await admin.press_and_read(area, "Sprechstunde ändern: " + area, message=menu)


@pytest.mark.slow
async def test_the_desk_cancels_thursday_in_telegram_and_winzerla_hears_once(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=ADMINS):
        winzerla = [await subscribe(telegram, 8400 + i, "winzerla") for i in range(2)]
        lobeda = await subscribe(telegram, 8410, "neulobeda")
        admin = await subscribe(telegram, ADMIN, "winzerla")
        area = await open_area(admin)
        preview = (
            await admin.press_and_read(
                "Do 26.11., 15:00–17:00 Uhr absagen", "Vorschau.", message=area
            )
        ).text  # the message is then edited into the answer
        for resident in winzerla:  # nothing before the desk confirms
            assert not any("fällt aus" in m.text for m in resident.messages)
        await admin.press_and_read("Grund hinzufügen", "Grund der Änderung", message=area)
        admin.send("Fortbildung")
        with_reason = await admin.wait_for_text("Vorschau.")
        reason_shown = with_reason.text  # the message is then edited into the answer
        sent = await admin.press_and_read(
            "Speichern und senden", "✅ Gespeichert.", message=with_reason
        )
        notices = [await r.next_message(timeout=10) for r in winzerla]
        card = await winzerla[0].ask("/kontakt")
        await telegram.user(8420).ask("/hilfe")  # anything still queued would show by now
        replayed = admin.press_data(HoursDesk("send").pack(), sent)  # a double tap
        await admin.wait_for(lambda _: replayed in telegram.callback_answers)
    assert "Die Sprechstunde am Donnerstag, 26.11., fällt aus." in preview
    assert "Geht an 3 Personen in Winzerla, ohne Ton." in preview
    assert "Sie geht sofort hinaus." in preview
    assert "fällt aus. Grund: Fortbildung" in reason_shown
    assert "Die Mitteilung geht an 3 Personen." in sent.text
    assert "Nächste Sprechstunde in Jena-Winzerla: Mo 30.11., 10:00–12:00 Uhr" in sent.text
    for notice in notices:
        assert "Die Sprechstunde am Donnerstag, 26.11., fällt aus." in notice.text
        assert notice.disable_notification is True
    assert "fällt aus. Grund: Fortbildung" in notices[0].text
    assert "❌ Fällt aus: Do 26.11., 15:00–17:00 Uhr (Fortbildung)" in card.text
    assert all(len([m for m in r.messages if "fällt aus." in m.text]) == 1 for r in winzerla)
    assert not any("fällt aus" in m.text for m in lobeda.messages)
    assert "nicht mehr gültig" in telegram.callback_answers[replayed].text  # sent once only


@pytest.mark.slow
async def test_an_extra_hour_is_typed_a_mistake_asks_again(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=ADMINS):
        resident = await subscribe(telegram, 8430, "winzerla")
        admin = await subscribe(telegram, ADMIN, "winzerla")
        area = await open_area(admin)
        await admin.press_and_read(
            "Zusätzliche Sprechstunde", "Zusätzliche Sprechstunde: ", message=area
        )
        admin.send("morgen nachmittag")
        wrong = (await admin.wait_for_text("Das kann ich nicht lesen.")).text
        admin.send("24.11. 16:00-17:30 Stadtteilbüro Winzerla")
        preview = await admin.wait_for_text("Vorschau.")
        await admin.press_and_read("Speichern und senden", "✅ Gespeichert.", message=preview)
        notice = await resident.next_message(timeout=10)
        card = await resident.ask("/kontakt")
    assert "10.12. 14:00-16:00 Ort" in wrong
    assert "Zusätzliche Sprechstunde: Dienstag, 24.11., 16:00–17:30 Uhr, Stadtteilbüro" in (
        notice.text
    )
    assert "➕ Zusätzlich: Di 24.11., 16:00–17:30 Uhr, Stadtteilbüro Winzerla" in card.text


@pytest.mark.slow
async def test_at_night_the_notice_waits_for_seven_unless_the_hour_is_near(telegram, tmp_path):
    night = datetime(2026, 11, 25, 23, 30, tzinfo=BERLIN)  # Wednesday; Thursday 15:00 is far
    async with running_bot(telegram, tmp_path / "db.sqlite3", now=night, admin_ids=ADMINS):
        resident = await subscribe(telegram, 8440, "winzerla")
        admin = await subscribe(telegram, ADMIN, "winzerla")
        area = await open_area(admin)
        preview = (await admin.press_and_read("Do 26.11.", "Vorschau.", message=area)).text
        sent = await admin.press_and_read("Speichern und senden", "✅ Gespeichert.", message=area)
        await telegram.user(8441).ask("/hilfe")
    assert "Es ist Nacht: Die Mitteilung geht am 26.11.2026, 07:00 Uhr hinaus" in preview
    assert "am 26.11.2026, 07:00 Uhr" in sent.text
    assert not any("fällt aus" in m.text for m in resident.messages)


@pytest.mark.slow
async def test_residents_see_no_desk_button_and_forged_presses_change_nothing(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=ADMINS):
        resident = await subscribe(telegram, 8450, "winzerla")
        card = await resident.ask("/kontakt")
        answers = [
            resident.press_data(data, card)
            for data in (
                HoursDesk("open").pack(),
                HoursDesk("cancel", "jena-winzerla", "2026-11-26").pack(),
                "hd:cancel:jena-winzerla:2026-13-45",
                "hd:send:jena-winzerla",
            )
        ]
        await resident.wait_for(lambda _: all(a in telegram.callback_answers for a in answers))
        after = await resident.ask("/kontakt")
    assert "Sprechstunde ändern" not in card.button_texts
    assert all("nicht mehr gültig" in telegram.callback_answers[a].text for a in answers)
    assert "Fällt aus" not in after.text


@pytest.mark.slow
async def test_a_substitute_typed_in_telegram_shows_in_kontakt_until_his_last_day(
    telegram, tmp_path
):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=ADMINS):
        resident = await subscribe(telegram, 8460, "winzerla")
        olena = await subscribe(telegram, 8461, "winzerla", language_code="uk")
        admin = await subscribe(telegram, ADMIN, "winzerla")
        area = await open_area(admin)
        await admin.press_and_read("Vertretung eintragen", "Vertretung: ", message=area)
        admin.send("23.11.-27.11. Ralf Barthel, im Büro")
        wrong = (await admin.wait_for_text("Das ist keine Telefonnummer")).text
        admin.send("23.11.-27.11. Ralf Barthel")
        preview = await admin.wait_for_text("Vorschau.")
        await admin.press_and_read("Speichern und senden", "✅ Gespeichert.", message=preview)
        notice = await resident.next_message(timeout=10)
        translated = await olena.next_message(timeout=10)
        card = await resident.ask("/kontakt")
    assert "im Büro" in wrong
    assert "Vom Montag, 23.11., bis Freitag, 27.11., ist Ralf Barthel für Sie da." in notice.text
    assert "Die Sprechzeiten bleiben gleich." in notice.text
    assert "Заміна: з 23.11 до 27.11" in translated.text and "Ralf Barthel" in translated.text
    assert "🔁 Vertretung vom 23.11. bis 27.11.: Ralf Barthel" in card.text


def test_every_area_of_the_city_file_fits_the_desk_buttons():
    """An area id longer than a button's 64 bytes, or with a character callback data cannot
    carry, would make its button dead; the city file's areas all fit."""
    city = load_city(BUNDLED_CITY_PATH)
    for officer in city.officers:
        for data in (
            HoursDesk("cancel", officer.area_id, "2026-12-10"),
            HoursDesk("substitute", officer.area_id),
        ):
            assert HoursDesk.unpack(data.pack()) == data
