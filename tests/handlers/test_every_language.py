"""A resident in each language the bot speaks besides German and English, through the real bot:
her Telegram app is in that language (plain German she chooses with /sprache), she picks her
Ortsteil, asks for her contact officer, checks a number and gets two alerts, one the desk
translated and one it did not. Every message reads as her language (a language detector,
tests/auxil/languages.py); the alert without a translation shows the city's German text under
its line; in Arabic the phone numbers and links keep their order (isolated)."""

from __future__ import annotations

import unicodedata

import pytest

from bot.alerts.compose import AlertDraft
from bot.devtools.template_samples import sample_texts
from bot.devtools.template_samples.base import world
from bot.services import SERVICES_KEY
from bot.texts import FSI, PDI, telegram_language
from tests.auxil.languages import read_as, words_of
from tests.auxil.running_bot import running_bot

TEXTS = sample_texts()
CITY = world().city
OTHERS = [code for code in TEXTS.languages if code not in ("de", "en")]
GERMAN = "Heute rufen falsche Polizisten in Winzerla an. Legen Sie auf."
TRANSLATED = {
    "de-x-einfach": "Heute rufen Betrüger an. Sie sagen: Wir sind die Polizei. Legen Sie auf.",
    "uk": "Сьогодні шахраї дзвонять від імені поліції. Покладіть слухавку.",
    "ru": "Сегодня мошенники звонят от имени полиции. Положите трубку.",
    "ar": "اليوم يتصل محتالون باسم الشرطة. أغلقوا الخط.",
    "tr": "Bugün dolandırıcılar polis adına arıyor. Telefonu kapatın.",
}
PHONE = "03641 233979"  # Mario Bergner, Winzerla (seed 002)


def not_isolated(text: str) -> str:
    """The letters and digits of a left-to-right script outside any isolate."""
    depth, outside = 0, []
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif char == "\n":
            depth = 0  # an isolate ends with its paragraph
        elif depth == 0 and unicodedata.bidirectional(char) in ("L", "EN"):
            outside.append(char)
    return "".join(outside)


def test_every_other_language_has_a_translation_here():
    assert set(OTHERS) <= set(TRANSLATED)


@pytest.mark.slow
@pytest.mark.parametrize("language", OTHERS)
async def test_a_resident_goes_through_in_her_own_language(telegram, tmp_path, language):
    app_language = language if telegram_language(language) else "de"
    resident = telegram.user(7100 + OTHERS.index(language), language_code=app_language)
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        if language != app_language:  # no Telegram app is in plain German: she chooses it
            prompt = await resident.ask("/sprache")
            name = TEXTS.label(language, "language_name")
            await resident.press_and_read(name, "", message=prompt)
        welcome = await resident.ask("/start")
        first = len(resident.messages) - 1
        await resident.next_message()  # the offer to send her location, under the keyboard
        resident.press("Winzerla", message=welcome)
        await resident.wait_for_button("✅ Winzerla", message=welcome)
        await resident.press_and_read(TEXTS.label(language, "done"), "", message=welcome)
        card = await resident.ask("/kontakt")
        check = await resident.ask("03641 49-0")
        link = await resident.ask("https://jena-termine.de/buchen")

        desk = application.bot_data[SERVICES_KEY].desk
        for translations in ({language: TRANSLATED[language]}, {}):
            draft = AlertDraft(
                "shock_call", "warning", ("winzerla",), False, GERMAN, {}, translations
            )
            await desk.send(await desk.create(draft, admin_id=1), admin_id=1)
        translated = await resident.next_message(timeout=10)
        untranslated = await resident.next_message(timeout=10)
        shown = [m.text for m in resident.messages[first:]]

    misread = {
        text[:80]: found
        for text in shown
        if (found := read_as(words_of(text, (GERMAN,)), language))
    }
    assert misread == {}
    assert "Mario Bergner" in card.text and PHONE in card.text.replace(FSI, "").replace(PDI, "")
    assert "jena-termine.de" in link.text
    assert TRANSLATED[language] in translated.text and GERMAN not in translated.text
    assert GERMAN in untranslated.text and TRANSLATED[language] not in untranslated.text
    above = untranslated.text.split(GERMAN)[0].strip().splitlines()[-1]  # "Text der Stadt …"
    assert above and read_as(words_of(above), language) is None
    if language in TEXTS.right_to_left:
        assert f"{FSI}{PHONE}{PDI}" in card.text  # each number its own isolated run
        assert f"{FSI}03641 490{PDI}" in check.text
        assert f"{FSI}jena-termine.de" in link.text  # the link keeps its order
        assert [text for text in shown if not_isolated(text)] == []
    if telegram_language(language):
        menu = telegram.commands(language, scope={"type": "all_private_chats"})
        about = " ".join(c["description"] for c in menu)
        assert {c["command"] for c in menu} >= {"start", "kontakt", "pruefen", "hilfe"}
        assert read_as(words_of(about), language) is None
