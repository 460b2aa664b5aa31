"""End to end: a resident subscribes, sees the contact officer, changes language, deletes."""

from datetime import datetime

import pytest

from bot.clock import BERLIN
from tests.auxil.db_probe import rows_about
from tests.auxil.running_bot import running_bot

PRIVATE = {"type": "all_private_chats"}

MAIN_ACTIONS = ["📞 Anruf oder Nummer prüfen", "🏘 Ortsteil wählen"]


@pytest.mark.slow
async def test_start_tick_winzerla_done_then_officer(telegram, tmp_path):
    erika = telegram.user(1001, first_name="Erika", language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        welcome = await erika.ask("/start")
        assert welcome.text.startswith("Willkommen bei Stadtwarn Jena.")
        assert "Bitte wählen Sie Ihren Ortsteil." in welcome.text
        labels = [button.text for row in welcome.buttons for button in row]
        assert "Winzerla" in labels and "Ganz Jena" in labels and labels[-1] == "Fertig"
        assert len(labels) == 32

        assert (await erika.next_message()).reply_keyboard == [["📍 Standort senden"]]
        erika.press("Winzerla", message=welcome)
        await erika.wait_for_button("✅ Winzerla", message=welcome)
        done = await erika.press_and_read("Fertig", "Gespeichert", message=welcome)
        assert done.text.startswith("Gespeichert: Sie erhalten Warnungen für Winzerla.")
        assert done.buttons == []

        card = await erika.ask("/kontakt")
    assert "Winzerla" in card.text
    assert "👮 KoBB für Jena-Winzerla: Mario Bergner" in card.text
    assert "📍 Anna-Siemsen-Str. 27" in card.text
    assert "Sprechzeiten: Mo 10:00–12:00 Uhr, Do 15:00–17:00 Uhr" in card.text
    assert "Nächste Sprechstunde: Mo 23.11., 10:00–12:00 Uhr" in card.text
    assert "📞 03641 233979 oder 0152 07168792" in card.text


@pytest.mark.slow
async def test_deep_link_subscribes_at_once(telegram, tmp_path):
    erika = telegram.user(1002)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await erika.ask("/start winzerla")
        assert reply.text.startswith("Sie erhalten jetzt Warnungen für Winzerla.")
        erika.send("/kontakt")
        assert "Mario Bergner" in (await erika.next_message()).text


@pytest.mark.slow
async def test_deep_links_take_the_names_residents_use(telegram, tmp_path):
    # Flyers may carry ?start=goeschwitz or ?start=nord; "lobeda" means two Ortsteile.
    goeschwitz, nord, lobeda = (telegram.user(i) for i in (1010, 1011, 1012))
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await goeschwitz.ask("/start goeschwitz")
        assert reply.text.startswith("Sie erhalten jetzt Warnungen für Göschwitz.")
        reply = await nord.ask("/start nord")
        assert reply.text.startswith("Sie erhalten jetzt Warnungen für Jena-Nord.")

        question = await lobeda.ask("/start lobeda")
        assert question.text.startswith("Mit „lobeda“ sind 2 Ortsteile gemeint.")
        assert question.buttons == [[question.buttons[0][0]], [question.buttons[1][0]]]  # 1 a row
        assert question.button_texts == ["Lobeda-Altstadt", "Neulobeda"]
        assert await rows_about(tmp_path / "db.sqlite3", 1012) == 0  # nothing before a choice
        lobeda.press("Neulobeda", message=question)
        await lobeda.wait_for_button("✅ Neulobeda")
        await lobeda.ask("/kontakt")
    assert await rows_about(tmp_path / "db.sqlite3", 1012) > 0


@pytest.mark.slow
async def test_deep_link_to_unknown_district_offers_the_list(telegram, tmp_path):
    erika = telegram.user(1003)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await erika.ask("/start atlantis")
    assert reply.text.startswith("Diesen Ortsteil kennen wir nicht.")
    assert any(b.text == "Winzerla" for row in reply.buttons for b in row)
    assert await rows_about(tmp_path / "db.sqlite3", 1003) == 0


@pytest.mark.slow
async def test_several_districts_show_every_officer_and_gaps(telegram, tmp_path):
    erika = telegram.user(1004)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        picker = await erika.ask("/bezirk")
        await erika.next_message()  # the offer to send the location
        for name in ("Winzerla", "Neulobeda", "Jena-Nord", "Burgau"):
            erika.press(name, message=picker)
            await erika.wait_for_button("✅ " + name, message=picker)
        done = await erika.press_and_read("Fertig", "Gespeichert", message=picker)
        assert "Burgau" in done.text and "Winzerla" in done.text
        card = await erika.ask("/kontakt")
    every_officer_and_the_gap = (
        "Kontaktbereichsbeamte (kurz KoBB) sind Polizisten für einen Ortsteil.",
        "👮 KoBB für Jena-Winzerla: Mario Bergner",
        "👮 KoBB für Jena-Lobeda: Ralf Barthel und Stefan Katzemann",
        "Sprechzeiten: Mo 10:00–12:00 Uhr, Do 15:30–17:30 Uhr",
        "👮 KoBB für Jena-Nord / Jena-Ost: Olaf Maisch und Jan Alberts",
        # no phone of their own: the inspection's, and its website for the hours
        "📞 Landespolizeiinspektion Jena: 03641 81-0",
        "Sprechzeiten: siehe Website der Landespolizeiinspektion Jena",
        # Burgau has no officer: still a contact a resident can act on.
        "Burgau\nHier nennt die Polizei keinen KoBB. Wenden Sie sich an die Landespolizei",
        "📍 Am Anger 30, 07743 Jena",
        "📞 03641 81-0",
    )
    assert [line for line in every_officer_and_the_gap if line not in card.text] == []
    assert len(card.text) <= 4096


@pytest.mark.slow
@pytest.mark.parametrize(
    ("now", "next_hour"),
    [  # Winzerla: Mo 10:00-12:00, Do 15:00-17:00 [seed-002]
        (datetime(2026, 11, 19, 9, 0, tzinfo=BERLIN), "Nächste Sprechstunde: heute, Do 19.11."),
        (datetime(2026, 11, 18, 12, 0, tzinfo=BERLIN), "Nächste Sprechstunde: morgen, Do"),
        (datetime(2026, 11, 22, 12, 0, tzinfo=BERLIN), "Nächste Sprechstunde: morgen, Mo"),
        (datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN), "Nächste Sprechstunde: Mo 23.11."),
    ],
)
async def test_next_office_hour_says_today_or_tomorrow(telegram, tmp_path, now, next_hour):
    erika = telegram.user(1013)
    async with running_bot(telegram, tmp_path / "db.sqlite3", now=now):
        await erika.ask("/start winzerla")
        card = await erika.ask("/kontakt")
    assert next_hour in card.text


@pytest.mark.slow
async def test_untick_and_done_with_nothing_chosen(telegram, tmp_path):
    erika = telegram.user(1005)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        picker = await erika.ask("/start")
        await erika.next_message()  # the offer to send the location
        erika.press("Winzerla", message=picker)
        await erika.wait_for_button("✅ Winzerla", message=picker)
        erika.press("✅ Winzerla", message=picker)
        await erika.wait_for_button("Winzerla", message=picker)
        erika.press("Fertig", message=picker)
        nudge = await erika.next_message()
    assert nudge.text.startswith("Sie haben noch keinen Ortsteil gewählt.")


@pytest.mark.slow
async def test_whole_city(telegram, tmp_path):
    erika = telegram.user(1006)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        picker = await erika.ask("/start")
        await erika.next_message()  # the offer to send the location
        erika.press("Ganz Jena", message=picker)
        await erika.wait_for_button("✅ Ganz Jena", message=picker)
        done = await erika.press_and_read("Fertig", "Gespeichert", message=picker)
        assert done.text.startswith("Gespeichert: Sie erhalten Warnungen für ganz Jena.")
        card = await erika.ask("/kontakt")
    assert "Mario Bergner" in card.text and "Ralf Barthel" in card.text


@pytest.mark.slow
async def test_english_user_and_language_switch(telegram, tmp_path):
    john = telegram.user(1007, first_name="John", language_code="en-GB")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        welcome = await john.ask("/start")
        assert welcome.text.startswith("Welcome to Stadtwarn Jena.")
        assert any(b.text == "All of Jena" for r in welcome.buttons for b in r)
        assert (await john.next_message()).reply_keyboard == [["📍 Send location"]]
        assert (await john.ask("/officer")).text.startswith("You have not chosen a district yet.")

        await john.ask("/sprache")
        await john.press_and_read("Deutsch", "Ab jetzt")
        assert (await john.ask("/hilfe")).text.startswith("So hilft Ihnen Stadtwarn Jena")


@pytest.mark.slow
async def test_stop_deletes_every_row(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    erika = telegram.user(1008)
    async with running_bot(telegram, db_path):
        await erika.ask("/start winzerla")
        await erika.ask("/sprache")
        await erika.press_and_read("English", "From now on")
        assert await rows_about(db_path, 1008) > 0

        confirm = await erika.ask("/stop")
        assert confirm.text.startswith("Do you want to unsubscribe?")
        await erika.press_and_read("Yes, delete everything", "You are unsubscribed.")
        assert await rows_about(db_path, 1008) == 0

        assert (await erika.ask("/kontakt")).text.startswith("Sie haben noch keinen Ortsteil")
    assert await rows_about(db_path, 1008) == 0


async def test_stop_can_be_cancelled(telegram, tmp_path):
    erika = telegram.user(1009)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for command in ("/start winzerla", "/stop"):
            await erika.ask(command)
        await erika.press_and_read("Nein, behalten", "Gut, Sie bleiben angemeldet.")
    assert await rows_about(tmp_path / "db.sqlite3", 1009) > 0


@pytest.mark.slow
async def test_subscriptions_survive_a_restart(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    erika = telegram.user(1010)
    async with running_bot(telegram, db_path):
        await erika.ask("/start winzerla")
    async with running_bot(telegram, db_path):
        erika.send("/kontakt")
        assert "Mario Bergner" in (await erika.next_message()).text


@pytest.mark.slow
async def test_any_other_text_gets_a_friendly_help(telegram, tmp_path):
    erika = telegram.user(1011)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for text in ("/unbekannt", "<b>&amp;", "Können Sie mir das erklären?"):
            reply = await erika.ask(text)
            assert reply.text.startswith("Das habe ich nicht verstanden.")
            assert "/hilfe" in reply.text
            assert reply.button_texts == MAIN_ACTIONS


@pytest.mark.slow
async def test_small_talk_gets_a_warm_answer_and_the_two_main_actions(telegram, tmp_path):
    erika = telegram.user(1013)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for text in ("Hallo?", "Guten Morgen!", "danke schön", "👍", "🙂🙂", "?"):
            reply = await erika.ask(text)
            assert reply.text.startswith("Hallo! Schön, dass Sie schreiben."), text
            assert reply.button_texts == MAIN_ACTIONS
        # each button does what it says
        hello = await erika.ask("Hallo")
        picker = await erika.press_and_read("🏘 Ortsteil wählen", "Bitte wählen", message=hello)
        assert "Neulobeda" in picker.button_texts
        await erika.next_message()  # the offer to send the location
        check = await erika.press_and_read(
            "📞 Anruf oder Nummer prüfen", "Ist das eine echte Nummer", message=hello
        )
        assert "Stadtverwaltung" in " ".join(check.button_texts)
    assert await rows_about(tmp_path / "db.sqlite3", 1013) == 0  # hello stores nothing


@pytest.mark.slow
async def test_privacy_and_help(telegram, tmp_path):
    erika = telegram.user(1012)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        privacy = await erika.ask("/datenschutz")
        help_text = await erika.ask("/hilfe")
    assert privacy.text.startswith("Datenschutz")
    assert "Mit /stop löschen wir sofort alles" in privacy.text
    assert "/kontakt" in help_text.text and "110" in help_text.text


@pytest.mark.slow
async def test_command_lists_in_german_and_english(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        pass
    german = {c["command"] for c in telegram.commands(None, scope=PRIVATE)}
    english = {c["command"] for c in telegram.commands("en", scope=PRIVATE)}
    assert {"start", "ortsteil", "kontakt", "stop", "hilfe", "datenschutz", "sprache"} <= german
    assert {"start", "district", "officer", "stop", "help", "privacy", "language"} <= english
