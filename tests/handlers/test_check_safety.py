"""End to end: the check never misleads. Red flags lead, faked numbers are called faked,
foreign codes stay foreign, links are read as a browser reads them, help after a scam.

One running bot per test function; every input gets its own resident, so one reply per chat.
"""

from __future__ import annotations

import pytest

from bot.numbercheck.redflags import FlagSeverity, RedFlagRules
from tests.auxil.running_bot import running_bot

FRAUD = "⛔ Das ist Betrug. Legen Sie auf. Geben Sie kein Geld und keine Daten heraus."
FRAUD_EN = "⛔ This is fraud. Hang up. Do not hand over money or data."
CAUTION = "⚠️ Vorsicht: Das kann Betrug sein."
SCAM_HELP_BUTTON = "Schon passiert? Was jetzt tun"
REPORT_BUTTON = "⚠️ Melden"

# One script per red-flag family, as residents write them: inflections, typos, no umlauts.
FAMILY_SCRIPTS = {
    "pin_request": "Mich hat 03641 490 angerufen und wollte meine PIN",
    "courier_pickup": "Gleich kommt ein Bote und holt das Bargeld ab",
    "fake_police": "Ein Kommissar sagt, mein Geld auf der Bank ist nicht sicher",
    "bail_accident": "Ihre Tochter hatte einen Unfall, sie braucht 20.000 Euro Kaution",
    "new_number": "Hallo Mama, das ist meine neue Nummer",
    "relative_money": "Rate mal, wer hier spricht! Ich brauche dringend Geld",
    "remote_access": "Der Microsoft Support hat angerufen, mein Computer hat Viren",
    "gift_cards": "Ich soll Google Play Karten kaufen und die Codes durchgeben",
    "immediate_transfer": "Sie muessen das Geld sofort ueberweisen",
    "prize_fee": "Sie haben gewonnen! Zahlen Sie vorher nur die Bearbeitungsgebühr",
    "threats": "Wenn Sie nicht zahlen, wird Ihre Rente gesperrt",
    "investment": "Garantiert 20 Prozent Rendite mit Bitcoin, ganz sicher investieren",
}


async def _replies(telegram, tmp_path, texts, *, language="de", first_id=70_000):
    users = [telegram.user(first_id + i, language_code=language) for i in range(len(texts))]
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for user, text in zip(users, texts, strict=True):
            user.send(text)
        return [await user.next_message() for user in users]


def _first_line(message) -> str:
    return message.text.splitlines()[0]


@pytest.mark.parametrize("family", list(FAMILY_SCRIPTS))
async def test_each_red_flag_family_opens_with_the_fraud_verdict(family, telegram, tmp_path):
    (reply,) = await _replies(telegram, tmp_path, [FAMILY_SCRIPTS[family]])
    assert _first_line(reply) == FRAUD, reply.text
    # what protects first: the help after a scam; then the report
    assert [b.text for row in reply.buttons for b in row] == [SCAM_HELP_BUTTON, REPORT_BUTTON]
    assert "Im Zweifel rufen Sie selbst die Polizei an: 110." in reply.text


def test_every_fraud_family_has_a_script_here():
    fraud = {f.family for f in RedFlagRules.load().families if f.severity is FlagSeverity.FRAUD}
    assert fraud == set(FAMILY_SCRIPTS)


async def test_a_stranger_at_the_door_gets_caution_and_advice(telegram, tmp_path):
    (reply,) = await _replies(
        telegram, tmp_path, ["Ein Mann von den Stadtwerken stand vor der Tür und wollte rein"]
    )
    assert _first_line(reply) == CAUTION
    assert "Lassen Sie niemanden herein" in reply.text
    assert reply.button_texts == [REPORT_BUTTON]  # no scam help: nothing has happened


async def test_english_scripts_are_read_too(telegram, tmp_path):
    texts = [
        "Hi Mum, my phone broke, this is my new number",
        "A man from Microsoft called and wants remote access with AnyDesk",
        "The police said my savings are not safe and a courier will collect the cash",
    ]
    replies = await _replies(telegram, tmp_path, texts, language="en")
    assert [_first_line(r) for r in replies] == [FRAUD_EN] * 3


async def test_an_official_number_asking_for_a_pin_was_faked(telegram, tmp_path):
    (reply,) = await _replies(telegram, tmp_path, [FAMILY_SCRIPTS["pin_request"]])
    assert _first_line(reply) == FRAUD
    assert "03641 490 ist eine echte Nummer von: Stadtverwaltung Jena" in reply.text
    assert "Betrüger haben sie auf Ihrem Display vorgetäuscht." in reply.text
    assert "✅" not in reply.text
    assert reply.text.index(FRAUD) < reply.text.index("03641 490")


async def test_the_citys_own_warning_is_no_alarm(telegram, tmp_path):
    texts = ["Die Stadt fragt niemals nach PINs oder Passwörtern. Ist 03641 49-0 echt?"]
    (reply,) = await _replies(telegram, tmp_path, texts)
    assert FRAUD not in reply.text
    assert _first_line(reply).startswith("ℹ️ 03641 490 gehört zu: Stadtverwaltung Jena")


@pytest.mark.parametrize(
    "text",
    ["+44 3641 490", "0044 (0) 3641 49-0", "+44 (0) 152 07168792", "(+44 7400 123456)"],
)
async def test_the_official_digits_behind_a_foreign_code_are_foreign(text, telegram, tmp_path):
    (reply,) = await _replies(telegram, tmp_path, [text])
    assert "gehört zu" not in reply.text
    assert "Ausland" in _first_line(reply) or "keine gültige" in _first_line(reply)


async def test_german_written_forms_of_official_numbers(telegram, tmp_path):
    texts = ["03641 / 49 37 14", "0 36 41 - 49 37 14", "+49 (0)3641/49-3714", "03641.49.3714"]
    replies = await _replies(telegram, tmp_path, texts)
    for text, reply in zip(texts, replies, strict=True):
        assert "gehört zu: Stadtverwaltung Jena – Bürgerservice." in reply.text, text


@pytest.mark.parametrize(
    "text",
    [
        "IBAN: DE89 3704 0044 0532 0130 00",
        "Ich habe 110 Euro bezahlt",
        "Kundennummer 1234567890",
        "Termin am 03.12.2026 um 10:30",
    ],
)
async def test_bank_details_amounts_and_dates_are_not_phone_numbers(text, telegram, tmp_path):
    (reply,) = await _replies(telegram, tmp_path, [text])
    assert _first_line(reply) == "Das habe ich nicht verstanden."


async def test_special_numbers_get_their_meaning(telegram, tmp_path):
    texts = ["115", "116 116", "116117", "0800 1234567", "0137 1234567", "11833"]
    replies = await _replies(telegram, tmp_path, texts)
    firsts = [_first_line(r) for r in replies]
    assert firsts[0] == "ℹ️ 115 ist die Behördennummer. Dort können Sie selbst anrufen."
    assert "Sperr-Notruf" in firsts[1]
    assert "ärztliche Bereitschaftsdienst" in firsts[2]
    assert "kostenlose Service-Nummer" in firsts[3]
    assert "teure Sonderrufnummer" in firsts[4] and "beim Anwählen" in replies[4].text
    assert "teure Sonderrufnummer" in firsts[5] and "Auskunftsdienste" in replies[5].text


async def test_links_are_read_as_a_browser_reads_them(telegram, tmp_path):
    texts = [
        "jena.de@gmail.com",
        "https://evil.com\\@jena.de",
        "https://jena.de@evil.com/login",
        "jna.de",
        "polizei.thüringen.de",
        "polizei-thueringen.de",
        "polizei.thueringen.de.evil.com",
    ]
    replies = await _replies(telegram, tmp_path, texts)
    firsts = [_first_line(r) for r in replies]
    assert firsts[0].startswith("⛔ Vorsicht: jena.de@gmail.com ist keine Adresse der Stadt")
    assert firsts[1] == "⛔ Vorsicht: Dieser Link führt zu evil.com – nicht zur Seite der Stadt."
    assert firsts[2] == "⛔ Vorsicht: Dieser Link führt zu evil.com – nicht zur Seite der Stadt."
    for first in firsts[3:]:
        assert first.startswith("⛔ Vorsicht:") and "sieht nur so aus" in first, first
    assert all("✅" not in r.text for r in replies)


async def test_real_local_sites_are_never_called_fake(telegram, tmp_path):
    texts = ["uni-jena.de", "https://www.stadtbibliothek-jena.de/de/700681", "s-jena.de"]
    replies = await _replies(telegram, tmp_path, texts)
    owners = ["Friedrich-Schiller-Universität Jena", "Ernst-Abbe-Bücherei", "Sparkasse"]
    for owner, reply in zip(owners, replies, strict=True):
        assert _first_line(reply).startswith("ℹ️") and owner in _first_line(reply)
        assert "⛔" not in reply.text and "sieht nur so aus" not in reply.text


async def test_a_long_paste_leads_with_the_danger_and_collapses_the_unknown(telegram, tmp_path):
    unknown = ", ".join(f"03641 2{i:05d}" for i in range(7))
    text = f"Liste: {unknown}. Bitte einloggen auf jena-login.de"
    (reply,) = await _replies(telegram, tmp_path, [text])
    blocks = reply.text.split("\n\n")
    assert blocks[0].startswith("⚠️ jena-login.de ist keine Seite der Stadt Jena")
    assert len(blocks) == 2
    assert blocks[1].startswith("❔ Diese Nummern kennen wir nicht")
    assert blocks[1].count("03641 2") == 7


async def test_scam_help_in_order_with_the_citys_facts(telegram, tmp_path):
    erika = telegram.user(71_001, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        erika.send("/hilfe_betrug")
        help_text = (await erika.next_message()).text
        await erika.ask(FAMILY_SCRIPTS["bail_accident"])
        erika.press(SCAM_HELP_BUTTON)
        pressed = (await erika.next_message()).text
    assert pressed == help_text
    steps = ["1. Karten sperren", "116 116", "2. Bank anrufen", "3. Anzeige erstatten"]
    steps += ["Landespolizeiinspektion Jena, Am Anger 30, 07743 Jena", "03641 81-0"]
    steps += ["4. Beweise sichern", "110"]
    positions = [help_text.index(step) for step in steps]
    assert positions == sorted(positions)


GUIDED_QUESTIONS = {
    "de": ("Was wollte die Person?", "Welche Nummer stand"),
    "en": ("What did they want?", "Which number"),
}


async def _tap_through(user, caller: str, request: str, language: str = "de") -> None:
    """Answer the guided check's first two questions; the third (the number) is left open."""
    what, which = GUIDED_QUESTIONS[language]
    user.press(caller)
    await user.wait_for(lambda u: what in u.last_message.text)
    user.press(request)
    await user.wait_for(lambda u: which in u.last_message.text)


async def test_guided_check_money_to_the_police_is_fraud(telegram, tmp_path):
    erika = telegram.user(72_001, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        question = await erika.ask("/pruefen")
        assert "Wer war am Telefon oder an der Tür?" in question.text  # edited by the taps
        await _tap_through(erika, "Polizei", "Geld oder Wertsachen")
        verdict = await erika.ask("110")
    assert _first_line(verdict) == FRAUD
    assert "gibt sich als Polizei aus" in verdict.text
    assert "Die echte Polizei ruft nie mit 110 oder 112 an." in verdict.text
    assert [b.text for row in verdict.buttons for b in row] == [SCAM_HELP_BUTTON, REPORT_BUTTON]


async def test_guided_check_spoofed_city_number_asking_for_data(telegram, tmp_path):
    erika = telegram.user(72_002, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/pruefen")
        await _tap_through(erika, "Stadtverwaltung", "PIN, Passwort oder Daten")
        verdict = await erika.ask("03641 49-0")
    assert _first_line(verdict) == FRAUD
    assert "Betrüger haben sie auf Ihrem Display vorgetäuscht." in verdict.text


async def test_guided_check_without_a_number_from_the_help(telegram, tmp_path):
    erika = telegram.user(72_003, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/hilfe")
        erika.press("Anruf prüfen")
        await erika.next_message()
        await _tap_through(erika, "Stadtwerke", "In meine Wohnung kommen")
        erika.press("Keine Nummer")
        verdict = await erika.next_message()
        # the answers are used once: the next text is an ordinary check again
        after = await erika.ask("Hallo")
    assert _first_line(verdict) == CAUTION
    assert "Lassen Sie niemanden herein" in verdict.text
    assert _first_line(after) == "Hallo! Schön, dass Sie schreiben."


async def test_guided_check_nothing_yet_and_forged_buttons(telegram, tmp_path):
    erika = telegram.user(72_004, language_code="en")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        question = await erika.ask("/check")
        forged = erika.press_data("gc:martians:money", question)
        await erika.wait_for(lambda u: forged in telegram.callback_answers)
        await _tap_through(erika, "Bank", "Nothing yet", "en")
        erika.press("No number")
        verdict = await erika.next_message()
    assert telegram.callback_answers[forged].text.startswith("This button no longer works")
    assert _first_line(verdict) == "⚠️ Careful: this can be fraud."
    assert "Nothing suspicious has happened yet." in verdict.text


async def test_guided_check_with_the_callers_contact_card(telegram, tmp_path):
    erika = telegram.user(72_005, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/pruefen")
        await _tap_through(erika, "Bank", "PIN, Passwort oder Daten")
        erika.send_contact("+4936414900", "Anrufer")
        verdict = await erika.next_message()
    assert _first_line(verdict) == FRAUD
    assert "ist eine echte Nummer von: Stadtverwaltung Jena" in verdict.text
