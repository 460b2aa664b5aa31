"""The composer's optional step "Übersetzungen": the desk types its own translation, and
residents of that language get it; the others get the German text under its line."""

import pytest

from handlers.keyboards.callback_data import AlertTranslation
from tests.auxil.admin_desk import ADMIN, compose, subscribe
from tests.auxil.running_bot import running_bot

GERMAN = "Heute rufen falsche Polizisten in Winzerla an."
ENGLISH = "Today fake police officers are calling people in Winzerla."


@pytest.mark.slow
async def test_the_desks_translation_reaches_its_residents(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        erika = await subscribe(telegram, 40, "winzerla")
        john = await subscribe(telegram, 41, "winzerla", language_code="en")
        admin = telegram.user(ADMIN)
        control = await compose(admin, text=GERMAN, translations={"English": ENGLISH})
        previews, review = [m.text for m in admin.messages[-4:-1]], control.text
        admin.press("Senden", message=control)
        german, english = await erika.next_message(timeout=10), await john.next_message(timeout=10)
    assert "English" in review and "Deutsch" in review
    assert any(ENGLISH in p for p in previews) and any(GERMAN in p for p in previews)
    assert GERMAN in german.text and ENGLISH not in german.text
    assert ENGLISH in english.text and GERMAN not in english.text
    assert "in German" not in english.text


@pytest.mark.slow
async def test_without_translation_the_german_text_comes_under_its_line(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        john = await subscribe(telegram, 42, "winzerla", language_code="en")
        admin = telegram.user(ADMIN)
        control = await compose(admin, text=GERMAN)
        review = control.text
        admin.press("Senden", message=control)
        english = await john.next_message(timeout=10)
    assert "Text from the city (in German):\n" + GERMAN in english.text
    shown, untranslated = review.split("\n")[:2]
    assert shown.endswith("Einwohner: Deutsch, English.")
    assert untranslated.startswith("Auf ") and "English, Українська" in untranslated
    assert untranslated.endswith(
        "steht Ihr Text auf Deutsch, unter „Text der Stadt (Deutsch)“. Die Vorlage ist übersetzt."
    )


@pytest.mark.slow
async def test_a_forged_language_button_is_stale_and_changes_nothing(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3", admin_ids=frozenset({ADMIN})):
        await subscribe(telegram, 43, "winzerla")
        admin = telegram.user(ADMIN)
        admin.send("/warnung")
        step = await admin.wait_for_text("Neue Warnung")
        forged = admin.press_data(AlertTranslation("xx").pack(), step)
        await admin.wait_for(lambda _: forged in telegram.callback_answers)
        done = admin.press_data(AlertTranslation(AlertTranslation.DONE).pack(), step)
        await admin.wait_for(lambda _: done in telegram.callback_answers)
    assert "nicht mehr gültig" in telegram.callback_answers[forged].text
    assert "nicht mehr gültig" in telegram.callback_answers[done].text
    assert not any(m.text.startswith("Oben sehen Sie") for m in admin.messages)
