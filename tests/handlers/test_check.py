"""End to end: "Is this a real city number?" through the real Application and the stand-in.

One running bot per test function; every input gets its own resident, so one reply per chat.
The `telegram` fixture fails the test on any request Telegram would reject (bad HTML, > 4096).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import pytest

from tests.auxil.running_bot import running_bot

# The caller-ID caveat every reply about an official number must carry.
CAVEAT = {
    "de": "Aber: Betrüger können jede Nummer auf Ihrem Display vortäuschen.",
    "en": "But: fraudsters can fake any number on your display.",
}
OFFICIAL_HEADLINE = {
    "de": re.compile(r"gehört (zu|zum Nummernbereich):|ist eine echte Nummer von:"),
    "en": re.compile(r"(belongs to|is in the number range of):|is a real number of:"),
}

# An official number never opens with a check mark: the display can be faked.
ZENTRALE = "ℹ️ 03641 490 gehört zu: Stadtverwaltung Jena – Zentrale (Telefonvermittlung)."
BUERGERSERVICE = "gehört zu: Stadtverwaltung Jena – Bürgerservice."
KOB_WINZERLA = "gehört zu: Landespolizeiinspektion Jena – Kontaktbereichsbeamter"
POLICE = "gehört zu: Landespolizeiinspektion Jena – Polizei Jena"
BLOCK = "gehört zum Nummernbereich: Stadtverwaltung Jena – Durchwahlen"
EMERGENCY = "⛔ Vorsicht: Die echte Polizei ruft nie mit 110 oder 112 an."
PREMIUM = "ist eine teure Sonderrufnummer – bitte nicht zurückrufen."
FOREIGN = "⚠️ Das ist eine Nummer aus dem Ausland"
UNKNOWN = "kennen wir nicht als Nummer der Stadt oder der Polizei."
INVALID = "ist keine gültige Telefonnummer."
OFFICIAL_LINK = "ist eine offizielle Internetseite"
LOOKALIKE = "ist nicht die Seite der Stadt – sie sieht nur so aus."
CITY_NAME = "ist keine Seite der Stadt Jena, auch wenn „Jena“ im Namen steht."
UNKNOWN_LINK = "ist keine Seite der Stadt Jena oder der Polizei."
HANDLE = "ist kein offizieller Kanal der Stadt Jena."
RESALE = "⛔ Das sieht nach Verkauf von Amtsterminen aus."
FALLBACK = "Das habe ich nicht verstanden."
SMALL_TALK = "Hallo! Schön, dass Sie schreiben."
NOTHING = "Darin habe ich keine Telefonnummer, keinen Link und keinen Telegram-Namen gefunden."
EXPLAIN = "Ist das eine echte Nummer der Stadt Jena?"
NO_SIGNS = {
    "de": "✅ Ich sehe darin keine Anzeichen für Betrug.\nAber:",
    "en": "✅ I see no signs of fraud in this.\nBut:",
}


@dataclass(frozen=True)
class Case:
    payload: str
    expected: tuple[str, ...]  # each must appear in the reply, in this order
    how: str = "send"  # send | contact | forward
    language: str = "de"
    absent: tuple[str, ...] = ()  # must not appear in the reply

    def __str__(self) -> str:
        shown = self.payload if len(self.payload) < 80 else self.payload[:77] + "..."
        return f"{self.how}({shown!r}, {self.language})"


TWELVE_NUMBERS = ", ".join(f"03641 2{i:05d}" for i in range(12))
LONG_TEXT = ("Ist 03641 49-0 echt? " + "Bla bla, nichts weiter. " * 500)[:10_000]

CASES = [
    # Every German way of writing the switchboard, and other official numbers.
    Case("+49 3641 49-0", (ZENTRALE, "Rufen Sie selbst unter 03641 490 an.")),
    Case("0049 (0)3641 490", (ZENTRALE,)),
    Case("03641/49-0", (ZENTRALE,)),
    Case("(03641) 49 0", (ZENTRALE,)),
    Case("Ist 03641 49-0 echt?", (ZENTRALE,)),
    Case("03641-49-0", (ZENTRALE,)),
    Case("+49-3641-490", (ZENTRALE,)),
    Case("0 36 41 / 4 90", (ZENTRALE,)),
    Case("+49 (0) 3641 49-0", (ZENTRALE,)),
    Case("Tel. 03641/490", (ZENTRALE,)),
    Case("03641 49-3714", (BUERGERSERVICE,)),
    Case("0152 07168792", (KOB_WINZERLA,)),
    Case("03641 233979", (KOB_WINZERLA,)),
    Case("+493641810", (POLICE,)),
    Case("0049 3641 49 3748", ("Ausländerbehörde (Sachbearbeitung, Namen A-G)",)),
    Case("03641 23 65 850", ("ℹ️ 03641 2365850 gehört zu: jenawohnen GmbH",)),
    Case("+4936414937", (BLOCK, "Ob es genau diese Durchwahl gibt", "03641 49-0 (Zentrale)")),
    # Each other verdict.
    Case("Anruf von 110", (EMERGENCY, "falsche Polizeibeamte", "Wählen Sie selbst 110")),
    Case("112", (EMERGENCY,)),
    Case("+49 110", (EMERGENCY,)),
    Case("0900 1234567", ("0900 1 234567 " + PREMIUM,)),
    Case("0180 5123456", (PREMIUM,)),
    Case("11833", (PREMIUM,)),
    Case("+44 20 7946 0958", (FOREIGN + " (+44 20 7946 0958).", "nicht aus dem Ausland")),
    Case("0043 1 234567", (FOREIGN,)),
    Case("030 12345678", ("❔ 030 12345678 " + UNKNOWN, "nicht über die Rückruftaste")),
    Case("03641 123456", (UNKNOWN, "https://www.jena.de")),
    Case("0162 1234567", (UNKNOWN,)),
    Case("0000 0000", (INVALID,)),
    Case("jena.de", ("✅ jena.de " + OFFICIAL_LINK, "Adresszeile")),
    Case("https://www.jena.de/de/buergerservice", ("www.jena.de " + OFFICIAL_LINK,)),
    Case("polizei.thueringen.de", (OFFICIAL_LINK,)),
    Case("jеna.de", ("⛔ Vorsicht: xn--jna-rdd.de (jеna.de) " + LOOKALIKE, "nur so aussehen wie")),
    Case("xn--jna-rdd.de", (LOOKALIKE, "Die echte Seite der Stadt ist https://www.jena.de")),
    Case("jena-termine.de", ("⚠️ jena-termine.de " + CITY_NAME, "nur auf https://www.jena.de")),
    Case("https://jena.de.example.com/login", (LOOKALIKE,)),
    Case("example.com", ("❔ example.com " + UNKNOWN_LINK,)),
    Case("t.me/jena_termine", ("⚠️ @jena_termine " + HANDLE, "keine Termine")),
    Case("Schreiben Sie @termin_jena", ("@termin_jena " + HANDLE,)),
    Case("Verkaufe Termin beim Bürgeramt, 50 €", (RESALE, "kostenlos", "Polizei")),
    Case("Biete Termin Ausländerbehörde gegen Bezahlung", (RESALE,)),
    # Several findings: one block each, the most dangerous first.
    Case(
        "Erst 03641 49-0, dann 0900 1234567, dann jena-termine.de",
        (PREMIUM, CITY_NAME, ZENTRALE, CAVEAT["de"]),
    ),
    Case(
        "03641 49-0 oder 03641-810?",
        (ZENTRALE, CAVEAT["de"], POLICE, CAVEAT["de"]),
    ),
    Case(
        TWELVE_NUMBERS,
        ("Diese Nummern kennen wir nicht", "… und 2 weitere."),
    ),
    # Garbage, long, emoji, right-to-left and HTML in the input.
    Case("Hallo, wie geht es Ihnen?", (SMALL_TALK, "Im Notfall: 110.")),
    Case("Wie geht es Ihnen heute?", (FALLBACK, "03641 49-0", "/hilfe")),
    Case("asdfghjkl 🙂🙂🙂 ###", (FALLBACK,)),
    Case("12345", (FALLBACK,)),
    Case(LONG_TEXT, (ZENTRALE,)),
    Case("📞03641 49-0🙏", (ZENTRALE,)),
    Case("اتصل 03641 49-0 من فضلك", (ZENTRALE,)),
    Case("התקשר 0900 1234567 עכשיו", (PREMIUM,)),
    Case("\u202e03641 49-0\u202c", (ZENTRALE,)),
    Case('<b>0900 1234567</b> &amp; "x"', (PREMIUM,), absent=("<b>", "&amp;")),
    Case("<script>alert(1)</script>", (FALLBACK,)),
    # The command, alone and with text, in German and English.
    Case("/pruefen", (EXPLAIN, "Zum Beispiel: /pruefen 03641 49-0")),
    Case("/pruefen Hallo", (NOTHING, "/pruefen 03641 49-0")),
    Case("/pruefen 03641 49-0", (ZENTRALE,)),
    Case("/pruefen\n<b>jena-termine.de</b>", (CITY_NAME,)),
    Case("/check 0900 1234567", ("premium-rate number – please do not call back",), language="en"),
    Case("/check", ("Is this a real number of the city of Jena?", "/check 03641"), language="en"),
    Case("03641 49-0", ("ℹ️ 03641 490 belongs to: Stadtverwaltung Jena",), language="en"),
    Case("Anruf von 110", ("the real police never call from 110 or 112",), language="en"),
    # A shared contact card and forwarded messages.
    Case("+49 3641 49-0", (ZENTRALE,), how="contact"),
    Case("+493641490", (ZENTRALE,), how="contact"),
    Case("110", (EMERGENCY,), how="contact"),
    Case("+44 20 7946 0958", (FOREIGN,), how="contact"),
    Case("+49 30 12345678", (UNKNOWN,), how="contact"),
    Case("Hier Polizei. Rückruf unter 0900 1234567 oder jena-termine.de", (PREMIUM,), "forward"),
    Case("Bürgeramt Jena: 03641 49-3714", (BUERGERSERVICE,), how="forward"),
    Case("Guten Tag!", (NOTHING, "/pruefen 03641 49-0"), how="forward"),
]


def _act(user, case: Case) -> None:
    if case.how == "contact":
        user.send_contact(case.payload, "Anrufer")
    elif case.how == "forward":
        user.forward(case.payload, origin_name="Unbekannt")
    else:
        user.send(case.payload)


def _problems(case: Case, text: str, replies: int) -> list[str]:
    problems = []
    if replies != 1:
        problems.append(f"expected exactly one reply, got {replies}")
    position = 0
    for expected in case.expected:
        found = text.find(expected, position)
        if found < 0:
            problems.append(f"missing (in order): {expected!r}")
        else:
            position = found + len(expected)
    problems += [f"must not show {bad!r}" for bad in case.absent if bad in text]
    officials = len(OFFICIAL_HEADLINE[case.language].findall(text))
    caveats = text.count(CAVEAT[case.language])
    if officials != caveats:
        problems.append(f"{officials} official number(s) but {caveats} caller-ID caveat(s)")
    # The detector's "no signs" is about the text; no check mark ever vouches for a number.
    blocks = text.split("\n\n")
    if blocks[0].startswith(NO_SIGNS[case.language]):
        blocks.pop(0)
    if officials and any("✅" in block for block in blocks):
        problems.append("a check mark next to a phone number")
    return problems


@pytest.mark.slow
async def test_every_input_gets_one_clear_reply(telegram, tmp_path):
    assert len(CASES) >= 40
    # 40 residents at once: on a loaded machine (CI's two workers on two cores) the paced
    # replies can reach the stand-in bunched, and it answers 429 as Telegram would. That is
    # the pacing tests' concern (test_flood_control.py); here a 429 may happen and is retried,
    # and still every input gets exactly one reply. Any other rejection fails below.
    telegram.expect_rejections()
    users = []
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for index, case in enumerate(CASES):
            user = telegram.user(50_000 + index, language_code=case.language)
            _act(user, case)
            users.append(user)
        replies = [await user.next_message() for user in users]
        # Anything still queued would be a second reply to one message.
        telegram.user(49_999).send("/hilfe")
        await telegram.user(49_999).next_message()
    failures = []
    for case, user, reply in zip(CASES, users, replies, strict=True):
        problems = _problems(case, reply.text, len(user.messages))
        if problems:
            details = "\n    ".join(problems)
            failures.append(f"{case}:\n    {details}\n  reply: {reply.text!r}")
    assert not failures, f"{len(failures)} of {len(CASES)} inputs failed:\n" + "\n".join(failures)
    assert {r.error_code for r in telegram.rejections} <= {429}, telegram.rejections


@pytest.mark.slow
async def test_several_findings_most_dangerous_first(telegram, tmp_path):
    erika = telegram.user(51_001, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await erika.ask("jena-termine.de, 0900 1234567, 03641 49-0, @termin_jena und 110")
    # 110 as the caller is dangerous whatever the text says: fraud, or the question that decides
    assert reply.text.startswith(("⛔ Das ist Betrug.", "❔ Das kann Betrug sein.")), reply.text
    blocks = reply.text.split("\n\n")
    answer = ("⛔ Das ist Betrug.", "❔ Das kann Betrug sein.", "Eine Frage:", "• ", "Im Zweifel")
    while blocks[0].startswith(answer):  # the detector's answer leads, then the findings
        blocks.pop(0)
    heads = [block.splitlines()[0] for block in blocks]
    signs = ["⛔", "⚠️", "⚠️", "⚠️", "ℹ️"]
    assert [h.split(" ", 1)[0] for h in heads] == signs, heads
    assert "110" in heads[0] and "jena-termine.de" in heads[1] and "0900" in heads[2]
    assert "@termin_jena" in heads[3] and "Stadtverwaltung" in heads[4]


async def test_checked_text_is_not_logged_or_stored(telegram, tmp_path, caplog):
    caplog.set_level(logging.INFO)  # the production level (bot/logsetup.py)
    erika = telegram.user(51_004, language_code="de")
    secret = "0900 7654321"
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask(f"Mein Enkel sagt, ich soll {secret} anrufen")
    assert "7654321" not in caplog.text
    database = (tmp_path / "db.sqlite3").read_bytes()
    assert b"7654321" not in database and b"Enkel" not in database


@pytest.mark.slow
async def test_two_numbers_separated_by_a_slash(telegram, tmp_path):
    erika = telegram.user(51_005, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await erika.ask("+44 20 7946 0958 / 03641 49-0")
    assert FOREIGN in reply.text and ZENTRALE in reply.text


@pytest.mark.slow
async def test_the_bot_itself_is_an_official_channel(telegram, tmp_path):
    erika = telegram.user(51_006, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await erika.ask("Ist @stadtwarn_standin_bot echt?")
    assert "@stadtwarn_standin_bot ist ein offizieller Telegram-Kanal der Stadt Jena." in reply.text


async def test_direction_controls_neither_hide_a_number_nor_are_echoed(telegram, tmp_path):
    # An RLO inside a number or a link made the check miss it or cut it in two.
    texts = {
        "Anruf von 0364\u202e1 490, wollte meine PIN": "03641 490",
        "www.je\u202ena.de/x": "jena.de",
    }
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for number, (text, shown) in enumerate(texts.items()):
            reply = await telegram.user(8800 + number).ask(text)
            assert shown in reply.text
            assert "\u202e" not in reply.text
