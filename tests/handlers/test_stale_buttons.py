"""End to end: buttons from old messages, after /stop or a restart, get a graceful answer."""

import pytest

from tests.auxil.db_probe import rows_about
from tests.auxil.running_bot import running_bot


@pytest.mark.slow
async def test_old_delete_button_after_stop(telegram, tmp_path):
    erika = telegram.user(2001)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/start winzerla")
        first = await erika.ask("/stop")
        second = await erika.ask("/stop")
        erika.press("Ja, alles löschen", message=second)
        await erika.wait_for_text("Sie sind abgemeldet.")
        query = erika.press("Ja, alles löschen", message=first)
        await erika.wait_for(lambda _: query in telegram.callback_answers)
    assert telegram.callback_answers[query].text == "Ihre Daten sind bereits gelöscht."


@pytest.mark.slow
async def test_forged_or_unknown_callback_data(telegram, tmp_path):
    erika = telegram.user(2002)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        picker = await erika.ask("/start")
        forged = erika.press_data("totally:unknown", picker)
        gone = erika.press_data("pick:atlantis", picker)
        bad_language = erika.press_data("lang:fr", picker)
        await erika.wait_for(
            lambda _: {forged, gone, bad_language} <= telegram.callback_answers.keys()
        )
    assert "nicht mehr gültig" in telegram.callback_answers[forged].text
    assert "gibt es nicht mehr" in telegram.callback_answers[gone].text
    assert "nicht mehr gültig" in telegram.callback_answers[bad_language].text


@pytest.mark.slow
async def test_picker_from_before_a_restart_still_works(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    erika = telegram.user(2003)
    async with running_bot(telegram, db_path):
        picker = await erika.ask("/start")
    async with running_bot(telegram, db_path):
        erika.press("Winzerla", message=picker)
        await erika.wait_for(
            lambda u: any(b.text == "✅ Winzerla" for r in u.messages[0].buttons for b in r)
        )
        erika.send("/kontakt")
        assert "Mario Bergner" in (await erika.next_message()).text


@pytest.mark.slow
async def test_a_button_press_without_its_message_is_answered_not_crashed(telegram, tmp_path):
    erika = telegram.user(2004)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/start")
        presses = [erika.press_inline(data) for data in ("pick:winzerla", "stop:yes", "lang:en")]
        await erika.wait_for(lambda _: set(presses) <= telegram.callback_answers.keys())
        erika.send("/hilfe")
        await erika.wait_for_text("So hilft Ihnen")  # still answers
    assert all("nicht mehr gültig" in telegram.callback_answers[q].text for q in presses)


@pytest.mark.slow
async def test_an_old_language_button_after_stop_stores_nothing_again(telegram, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    erika, newcomer = telegram.user(2005), telegram.user(2006)
    async with running_bot(telegram, db_path):
        first = await erika.ask("/sprache")  # shown before anything was stored about her
        await erika.ask("/start winzerla")
        old = await erika.ask("/sprache")
        await erika.ask("/stop")
        await erika.press_and_read("Ja, alles löschen", "Sie sind abgemeldet.")
        query = erika.press("English", message=old)
        await erika.wait_for(lambda _: query in telegram.callback_answers)
        await erika.press_and_read("English", "From now on", message=first)
        stored_after_old_buttons = await rows_about(db_path, 2005)

        await newcomer.ask("/sprache")  # nothing stored yet: the choice is only remembered
        await newcomer.press_and_read("English", "From now on")
        stored_after_choice = await rows_about(db_path, 2006)
        joined = await newcomer.ask("/start winzerla")  # stored with her first Ortsteil
    assert telegram.callback_answers[query].text == "Ihre Daten sind bereits gelöscht."
    assert stored_after_old_buttons == 0
    assert await rows_about(db_path, 2005) == 0
    assert stored_after_choice == 0
    assert joined.text.startswith("You will now get warnings for Winzerla.")
    assert await rows_about(db_path, 2006) > 0
