"""The answer to subscribing carries the contact officers of the new Ortsteile: names, address,
hours, the next office hour and the phone; where the police name none, the inspection's."""

import pytest

from tests.auxil.running_bot import running_bot


@pytest.mark.slow
async def test_a_new_winzerla_subscriber_gets_mario_bergners_hours_and_phone(telegram, tmp_path):
    erika = telegram.user(8001, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        card = await erika.ask("/start winzerla")
    assert card.text.startswith("Sie erhalten jetzt Warnungen für Winzerla.")
    assert "👮 KoBB für Jena-Winzerla: Mario Bergner" in card.text
    assert "Sprechzeiten: Mo 10:00–12:00 Uhr, Do 15:00–17:00 Uhr" in card.text
    assert "Nächste Sprechstunde:" in card.text
    assert "📞 03641 233979 oder 0152 07168792" in card.text


@pytest.mark.slow
async def test_the_picker_answers_with_the_chosen_ortsteile_cards(telegram, tmp_path):
    erika = telegram.user(8002, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        welcome = await erika.ask("/start")
        await erika.next_message()  # the offer to send her location
        erika.press("Winzerla", message=welcome)
        await erika.wait_for_button("✅ Winzerla", message=welcome)
        erika.press("Jena-Zentrum", message=welcome)
        await erika.wait_for_button("✅ Jena-Zentrum", message=welcome)
        card = await erika.press_and_read("Fertig", "Gespeichert", message=welcome)
    assert "Mario Bergner" in card.text
    assert "Hier nennt die Polizei keinen KoBB" in card.text  # the Zentrum has none
    assert "Landespolizeiinspektion" in card.text


@pytest.mark.slow
async def test_a_ukrainian_subscriber_gets_the_card_in_ukrainian(telegram, tmp_path):
    olena = telegram.user(8003, language_code="uk")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        card = await olena.ask("/start winzerla")
    assert "Mario Bergner" in card.text and "03641 233979" in card.text
    assert "дільничн" in card.text.lower()
