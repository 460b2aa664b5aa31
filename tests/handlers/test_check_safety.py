"""End to end: the check never misleads. Red flags lead, faked numbers are called faked,
foreign codes stay foreign, links are read as a browser reads them, help after a scam.

One running bot per test function; every input gets its own resident, so one reply per chat.
"""

from __future__ import annotations

import pytest

from bot.numbercheck.redflags import FlagSeverity, RedFlagRules
from tests.auxil.running_bot import running_bot

# The fraud headline fits the channel the detector reads: a told call, message, door, letter.
FRAUD = "⛔ Das ist Betrug. Legen Sie auf. Geben Sie kein Geld und keine Daten heraus."
FRAUD_HEADLINES = (
    FRAUD,
    "⛔ Das ist Betrug. Antworten Sie nicht. Öffnen Sie keinen Link. "
    "Geben Sie keinen Code und keine Daten weiter.",
    "⛔ Das ist Betrug. Lassen Sie niemanden herein. "
    "Geben Sie kein Geld und keine Wertsachen heraus.",
    "⛔ Das ist Betrug. Zahlen Sie nichts. "
    "Prüfen Sie den Absender selbst: Suchen Sie seine Nummer selbst heraus.",
)
FRAUD_EN = "⛔ This is fraud. Hang up. Do not hand over money or data."
FRAUD_HEADLINES_EN = (
    FRAUD_EN,
    "⛔ This is fraud. Do not reply. Do not open any link. Do not pass on any code or data.",
    "⛔ This is fraud. Do not let anyone in. Do not hand over money or valuables.",
    "⛔ This is fraud. Do not pay anything. "
    "Check the sender yourself: look up their number yourself.",
)
POLICE_110 = "Im Zweifel rufen Sie selbst die Polizei an: 110."
# Unsure: the detector asks what the person wanted; a tap gives the verdict.
UNSURE = "❔ Das kann Betrug sein. Ich bin nicht sicher."
UNSURE_EN = "❔ This can be fraud. I am not sure."
UNSURE_QUESTION = "Eine Frage: Was will die Person von Ihnen?"
UNSURE_BUTTONS = [
    "Geld oder Wertsachen",
    "Einen Code oder eine PIN",
    "PIN, Passwort oder Daten",
    "In meine Wohnung kommen",
    "Dass ich einen Link öffne",
    "Noch nichts",
]
CALL_ADVICE = "Bis dahin: Geben Sie am Telefon kein Geld und keine Daten heraus."
WARNING = "ℹ️ Das ist eine Warnung vor Betrug, kein Betrug."
NO_SIGNS = "✅ Ich sehe darin keine Anzeichen für Betrug."
CAUTION = "⚠️ Vorsicht: Das kann Betrug sein."  # without the detector: the guided check's verdict
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
# The scripts that tell of a call: their fraud headline is the one for a call.
RETOLD_CALLS = {"pin_request", "remote_access"}
# The explanation bullet each family shows under the verdict.
FAMILY_BULLETS = {
    "pin_request": "Jemand will Ihre PIN, TAN oder Ihr Passwort.",
    "courier_pickup": "Jemand will Geld oder Wertsachen bei Ihnen abholen lassen.",
    "fake_police": "Jemand gibt sich als Polizei aus",
    "bail_accident": "Eine Kaution nach einem Unfall",
    "new_number": "Eine „neue Nummer“ von Kind oder Enkel",
    "relative_money": "Ein Verwandter braucht plötzlich Geld",
    "remote_access": "Jemand will auf Ihren Computer zugreifen",
    "gift_cards": "Bezahlen mit Gutscheinkarten",
    "immediate_transfer": "Jemand drängt Sie, sofort Geld zu überweisen.",
    "prize_fee": "Ein Gewinn, für den Sie zuerst bezahlen sollen",
    "threats": "Drohungen mit Haft, Strafen, gesperrter Rente",
    "investment": "Sichere hohe Gewinne gibt es nicht.",
}
# The lines of the detector's answer that lead the reply, before the blocks of the findings.
ANSWER_OPENERS = (
    "⛔ Das ist Betrug.",
    "⛔ This is fraud.",
    UNSURE,
    UNSURE_EN,
    WARNING,
    "ℹ️ This is a warning about fraud",
    NO_SIGNS,
    "✅ I see no signs of fraud",
    CAUTION,
    "⚠️ Careful: this can be fraud.",
    UNSURE_QUESTION,
    "One question:",
    "• ",
    POLICE_110,
    "If in doubt, call the police yourself",
)


async def _replies(telegram, tmp_path, texts, *, language="de", first_id=70_000):
    users = [telegram.user(first_id + i, language_code=language) for i in range(len(texts))]
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for user, text in zip(users, texts, strict=True):
            user.send(text)
        return [await user.next_message() for user in users]


def _first_line(message) -> str:
    return message.text.splitlines()[0]


def _findings(message) -> list[str]:
    """The blocks about the numbers and links found, after the detector's answer."""
    blocks = message.text.split("\n\n")
    while blocks and blocks[0].startswith(ANSWER_OPENERS):
        blocks.pop(0)
    return blocks


def _heads(message) -> list[str]:
    return [block.splitlines()[0] for block in _findings(message)]


def _assert_warned(reply, family: str) -> None:
    """Fraud (the headline of a call for a told call) with help and Melden, or the question
    that decides; either way with the family's explanation."""
    first, text = _first_line(reply), reply.text
    assert "• " + FAMILY_BULLETS[family] in text, text
    if first == UNSURE:
        assert UNSURE_QUESTION in text
        assert reply.button_texts == UNSURE_BUTTONS
        if family in RETOLD_CALLS:
            assert CALL_ADVICE in text, text
        return
    assert first == FRAUD if family in RETOLD_CALLS else first in FRAUD_HEADLINES, text
    # what protects first: the help after a scam; then the report
    assert reply.button_texts == [SCAM_HELP_BUTTON, REPORT_BUTTON]
    assert POLICE_110 in text
    assert text.index(first) < text.index(FAMILY_BULLETS[family]) < text.index(POLICE_110)


@pytest.mark.slow
@pytest.mark.parametrize("family", list(FAMILY_SCRIPTS))
async def test_each_red_flag_family_is_warned_with_its_explanation(family, telegram, tmp_path):
    (reply,) = await _replies(telegram, tmp_path, [FAMILY_SCRIPTS[family]])
    _assert_warned(reply, family)


def test_every_fraud_family_has_a_script_here():
    fraud = {f.family for f in RedFlagRules.load().families if f.severity is FlagSeverity.FRAUD}
    assert fraud == set(FAMILY_SCRIPTS)


@pytest.mark.slow
async def test_a_stranger_at_the_door_gets_caution_and_advice(telegram, tmp_path):
    (reply,) = await _replies(
        telegram, tmp_path, ["Ein Mann von den Stadtwerken stand vor der Tür und wollte rein"]
    )
    first = _first_line(reply)
    # the detector's word, with the advice for the door: fraud, or it asks what he wanted
    assert first in (FRAUD_HEADLINES[2], UNSURE), reply.text
    assert "Lassen Sie niemanden herein" in reply.text
    assert "• Jemand will in Ihre Wohnung" in reply.text
    if first == UNSURE:
        assert reply.button_texts == UNSURE_BUTTONS
    else:
        assert reply.button_texts == [SCAM_HELP_BUTTON, REPORT_BUTTON]


@pytest.mark.slow
async def test_english_scripts_are_read_too(telegram, tmp_path):
    texts = [
        "Hi Mum, my phone broke, this is my new number",
        "A man from Microsoft called and wants remote access with AnyDesk",
        "The police said my savings are not safe and a courier will collect the cash",
    ]
    bullets = [
        ('• A "new number" from a child or grandchild',),
        ("• Someone wants access to your computer",),
        ("• Someone claims to be the police", "• Someone wants to have money or valuables"),
    ]
    replies = await _replies(telegram, tmp_path, texts, language="en")
    firsts = [_first_line(r) for r in replies]
    for first, reply, explained in zip(firsts, replies, bullets, strict=True):
        assert first in (*FRAUD_HEADLINES_EN, UNSURE_EN), reply.text
        assert any(bullet in reply.text for bullet in explained), reply.text
    assert firsts[1] in (FRAUD_EN, UNSURE_EN)  # a told call: hang up


@pytest.mark.slow
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
    assert "⛔" not in reply.text and "vorgetäuscht" not in reply.text, reply.text
    assert _first_line(reply) in (WARNING, NO_SIGNS), reply.text
    assert _heads(reply) == [
        "ℹ️ 03641 490 gehört zu: Stadtverwaltung Jena – Zentrale (Telefonvermittlung)."
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["+44 3641 490", "0044 (0) 3641 49-0", "+44 (0) 152 07168792", "(+44 7400 123456)"],
)
async def test_the_official_digits_behind_a_foreign_code_are_foreign(text, telegram, tmp_path):
    (reply,) = await _replies(telegram, tmp_path, [text])
    assert "gehört zu" not in reply.text and "echte Nummer" not in reply.text
    (head,) = _heads(reply)
    assert head.startswith(("⚠️ Das ist eine Nummer aus dem Ausland", "❔")), reply.text
    assert "Ausland" in head or "keine gültige" in head, reply.text


@pytest.mark.slow
async def test_german_written_forms_of_official_numbers(telegram, tmp_path):
    texts = ["03641 / 49 37 14", "0 36 41 - 49 37 14", "+49 (0)3641/49-3714", "03641.49.3714"]
    replies = await _replies(telegram, tmp_path, texts)
    for text, reply in zip(texts, replies, strict=True):
        assert "gehört zu: Stadtverwaltung Jena – Bürgerservice." in reply.text, text


@pytest.mark.slow
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
    # no block about a number: the help, or the detector's word on the text alone (an IBAN
    # on its own may be asked about: who wants it?)
    if _first_line(reply) != "Das habe ich nicht verstanden.":
        assert _first_line(reply) in (NO_SIGNS, UNSURE) and _findings(reply) == [], reply.text
    assert "Rufen Sie nicht zurück" not in reply.text and "⛔" not in reply.text


@pytest.mark.slow
async def test_special_numbers_get_their_meaning(telegram, tmp_path):
    texts = ["115", "116 116", "116117", "0800 1234567", "0137 1234567", "11833"]
    replies = await _replies(telegram, tmp_path, texts)
    firsts = []
    for reply in replies:
        (head,) = _heads(reply)
        firsts.append(head)
    assert firsts[0] == "ℹ️ 115 ist die Behördennummer. Dort können Sie selbst anrufen."
    assert "Sperr-Notruf" in firsts[1]
    assert "ärztliche Bereitschaftsdienst" in firsts[2]
    assert "kostenlose Service-Nummer" in firsts[3]
    assert "teure Sonderrufnummer" in firsts[4] and "beim Anwählen" in replies[4].text
    assert "teure Sonderrufnummer" in firsts[5] and "Auskunftsdienste" in replies[5].text


@pytest.mark.slow
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
    firsts = []
    for reply in replies:
        # never "no signs" or a warning about fraud over a disguised link: fraud or the question
        assert _first_line(reply).startswith(("⛔ Das ist Betrug.", UNSURE)), reply.text
        (head,) = _heads(reply)
        firsts.append(head)
    assert firsts[0].startswith("⛔ Vorsicht: jena.de@gmail.com ist keine Adresse der Stadt")
    assert firsts[1] == "⛔ Vorsicht: Dieser Link führt zu evil.com – nicht zur Seite der Stadt."
    assert firsts[2] == "⛔ Vorsicht: Dieser Link führt zu evil.com – nicht zur Seite der Stadt."
    for first in firsts[3:]:
        assert first.startswith("⛔ Vorsicht:") and "sieht nur so aus" in first, first
    assert all("✅" not in r.text for r in replies)


@pytest.mark.slow
async def test_real_local_sites_are_never_called_fake(telegram, tmp_path):
    texts = ["uni-jena.de", "https://www.stadtbibliothek-jena.de/de/700681", "s-jena.de"]
    replies = await _replies(telegram, tmp_path, texts)
    owners = ["Friedrich-Schiller-Universität Jena", "Ernst-Abbe-Bücherei", "Sparkasse"]
    for owner, reply in zip(owners, replies, strict=True):
        (head,) = _heads(reply)
        assert head.startswith("ℹ️") and owner in head, reply.text
        assert not _first_line(reply).startswith(("⛔", "❔")), reply.text
        assert "⛔" not in reply.text and "sieht nur so aus" not in reply.text


@pytest.mark.slow
async def test_a_long_paste_leads_with_the_danger_and_collapses_the_unknown(telegram, tmp_path):
    unknown = ", ".join(f"03641 2{i:05d}" for i in range(7))
    text = f"Liste: {unknown}. Bitte einloggen auf jena-login.de"
    (reply,) = await _replies(telegram, tmp_path, [text])
    # a login on a site that only names the city: fraud, or the question that decides
    assert _first_line(reply).startswith(("⛔ Das ist Betrug.", UNSURE)), reply.text
    blocks = _findings(reply)
    assert blocks[0].startswith("⚠️ jena-login.de ist keine Seite der Stadt Jena")
    assert len(blocks) == 2
    assert blocks[1].startswith("❔ Diese Nummern kennen wir nicht")
    assert blocks[1].count("03641 2") == 7


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
async def test_guided_check_spoofed_city_number_asking_for_data(telegram, tmp_path):
    erika = telegram.user(72_002, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/pruefen")
        await _tap_through(erika, "Stadtverwaltung", "PIN, Passwort oder Daten")
        verdict = await erika.ask("03641 49-0")
    assert _first_line(verdict) == FRAUD
    assert "Betrüger haben sie auf Ihrem Display vorgetäuscht." in verdict.text


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
async def test_guided_check_with_the_callers_contact_card(telegram, tmp_path):
    erika = telegram.user(72_005, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/pruefen")
        await _tap_through(erika, "Bank", "PIN, Passwort oder Daten")
        erika.send_contact("+4936414900", "Anrufer")
        verdict = await erika.next_message()
    assert _first_line(verdict) == FRAUD
    assert "ist eine echte Nummer von: Stadtverwaltung Jena" in verdict.text
