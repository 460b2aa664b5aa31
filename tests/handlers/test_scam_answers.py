"""End to end: "Is this a scam?" answered by the detector through the real bot. Scams of every
family and language of the corpus's train split are warned; a news article and a bank's genuine
notice are no alarm; an SMS is never told to hang up; an unsure answer asks with buttons and a
tap gives the verdict. (The test split is for bench/check_corpus.py alone.)"""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.scam_corpus import in_split, load
from tests.auxil.running_bot import running_bot

WARNED = ("⛔", "❔")  # fraud, or the question that decides
TRAIN = in_split(load(), "train")


def _handful() -> list:
    """Two scams of every family and three of every language, from the train split."""
    by_family, by_language = defaultdict(list), defaultdict(list)
    for case in TRAIN:
        if case.scam and len(case.text) < 500:
            by_family[case.family].append(case)
            by_language[case.language].append(case)
    chosen = {c.id: c for cases in by_family.values() for c in cases[:2]}
    chosen |= {c.id: c for cases in by_language.values() for c in cases[:3]}
    return sorted(chosen.values(), key=lambda c: c.id)


async def _answers(telegram, tmp_path, texts, language="de", first_id=90_000):
    users = [telegram.user(first_id + i, language_code=language) for i in range(len(texts))]
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for user, text in zip(users, texts, strict=True):
            user.send(text)
        return [await user.next_message(timeout=20) for user in users]


@pytest.mark.slow
async def test_scams_of_every_family_and_language_are_warned(telegram, tmp_path):
    cases = _handful()
    answers = await _answers(telegram, tmp_path, [c.text for c in cases])
    missed = [c.id for c, a in zip(cases, answers, strict=True) if not a.text.startswith(WARNED)]
    families = {c.family for c in cases}
    assert len(families) >= 25 and {c.language for c in cases} == {
        "de", "en", "uk", "ru", "tr", "ar",
    }  # fmt: skip
    assert len(missed) <= len(cases) // 20, missed  # at least 95 % warned


@pytest.mark.slow
async def test_a_news_article_and_a_bank_notice_are_no_alarm(telegram, tmp_path):
    article = (
        "Die Polizei warnt erneut vor Schockanrufen: Betrüger geben sich als Polizeibeamte aus "
        "und behaupten, ein Angehöriger habe einen Unfall verursacht. In Jena erbeuteten "
        "Unbekannte so am Dienstag 20.000 Euro. Die Polizei rät: Legen Sie auf und rufen Sie "
        "selbst die 110 an."
    )
    notice = (
        "Ihre neue Sparkassen-Card ist unterwegs. Die PIN erhalten Sie aus Sicherheitsgründen "
        "mit separater Post. Wir fragen Sie niemals per E-Mail oder Telefon nach Ihrer PIN."
    )
    news, bank = await _answers(telegram, tmp_path, [article, notice])
    assert news.text.startswith("ℹ️ Das ist eine Warnung vor Betrug, kein Betrug."), news.text
    assert not bank.text.startswith("⛔"), bank.text


@pytest.mark.slow
async def test_an_sms_is_never_told_to_hang_up(telegram, tmp_path):
    sms = (
        "DHL: Ihr Paket konnte nicht zugestellt werden. Bitte bestätigen Sie Ihre Adresse und "
        "zahlen Sie 1,99 EUR Gebühr: https://dhl-zustellung-paket.info/track"
    )
    (answer,) = await _answers(telegram, tmp_path, [sms])
    assert answer.text.startswith(WARNED), answer.text
    assert "Legen Sie auf" not in answer.text
    assert "Öffnen Sie" in answer.text  # open no link: advice for a message


@pytest.mark.slow
async def test_unsure_asks_with_buttons_and_a_tap_gives_the_verdict(telegram, tmp_path):
    erika = telegram.user(91_000)
    told = "Heute hat mich eine Frau angerufen, sie sei von der Stadtverwaltung."
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        question = await erika.ask(told)
        assert question.text.startswith("❔ Das kann Betrug sein."), question.text
        assert "Was will die Person von Ihnen?" in question.text
        assert "Darin habe ich keine Telefonnummer" not in question.text
        assert "Geld oder Wertsachen" in question.button_texts
        verdict = await erika.press_and_read("Einen Code oder eine PIN", "⛔ Das ist Betrug.")
    assert verdict.text.startswith("⛔ Das ist Betrug. Legen Sie auf.")  # she told of a call
    assert "PIN" in verdict.text


@pytest.mark.slow
async def test_a_text_in_russian_is_answered_in_the_chats_language(telegram, tmp_path):
    text = "Мама, это мой новый номер. Срочно нужны деньги, переведи 900 евро, потом объясню."
    (answer,) = await _answers(telegram, tmp_path, [text], language="en")
    assert answer.text.startswith(("⛔ This is fraud.", "❔ This can be fraud.")), answer.text
