"""End to end: forged and replayed button data on every prefix, pressed by a resident who got
the alert, one who did not and an admin. Nothing crashes, nothing the bot's own check did not
produce is stored, and no vote counts from a chat without a delivered copy."""

from __future__ import annotations

import itertools
import logging
import random
import sqlite3

import pytest

from bot.city.data import check_rules, load_city
from bot.numbercheck import check_text
from bot.reports.subject import subject_of
from bot.settings import BUNDLED_CITY_PATH
from handlers.keyboards.callback_data import CallbackData, Forged
from tests.auxil.admin_desk import ADMIN, send_now, sent_status, subscribe
from tests.auxil.running_bot import running_bot

# Every class of button data, from its module (a new one is covered without touching this).
PREFIXES = sorted({cls.PREFIX for cls in CallbackData.__subclasses__()})
NASTY = [
    "",
    "None",
    "0",
    "-1",
    "1e3",
    "99999999999999999999",
    "9223372036854775808",
    "<b>x</b>",
    "\x00",
    "\x1b[2J",
    "\u202eabc",
    '=HYPERLINK("http://x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "*all",
    "*done",
    "*other",
    "atlantis",
    "winzerla",
    "k",
    "d",
    "new",
    "send",
    "+4936414900",
    "0 36 41 / 49 00",
    "x" * 70,
    "kind_None",
    "draft",
]


def forged_data(rng: random.Random) -> list[str]:
    """For each prefix: random tails of one to three nasty parts, and the bare prefix."""
    data = []
    for prefix in PREFIXES:
        data.append(prefix)
        data.append(prefix + ":")
        for _ in range(12):
            parts = [rng.choice(NASTY) for _ in range(rng.randint(1, 3))]
            data.append(":".join([prefix, *parts]))
    return data


def test_every_forged_value_is_refused_where_it_enters():
    rng = random.Random(19)
    accepted = []
    for data in forged_data(rng):
        for cls in CallbackData.__subclasses__():
            try:
                parsed = cls.unpack(data)
            except Forged:
                continue
            accepted.append(parsed)
    # What parses is exactly what a real button could carry (the domain then checks ids).
    for parsed in accepted:
        assert parsed.pack() == parsed.pack_unchecked()
        assert all(c.isprintable() and c != "\u202e" for c in parsed.pack())


@pytest.mark.slow
async def test_forged_and_replayed_buttons_crash_nothing_and_store_nothing(
    telegram, tmp_path, caplog
):
    caplog.set_level(logging.INFO)
    db_path = tmp_path / "db.sqlite3"
    rng = random.Random(20)
    admin = telegram.user(ADMIN)
    async with running_bot(telegram, db_path, admin_ids={ADMIN}):
        erika = await subscribe(telegram, 3001, "winzerla")  # gets the alert
        mallory = telegram.user(3002)  # never subscribed: no delivered copy
        await mallory.ask("/hilfe")
        await send_now(admin)
        status = await sent_status(admin)
        alert = await erika.wait_for(lambda u: next(filter(_votable, u.messages), None), timeout=15)
        vote = _votable(alert).callback_data
        await erika.ask("Ist 0176 12345678 echt?")  # a check with Melden under it
        real = {  # every button the bot sent so far: replayed by the wrong people and later
            b.callback_data
            for user in (erika, admin, mallory)
            for m in user.messages
            for row in m.buttons
            for b in row
            if b.callback_data
        }
        everyone = (erika, mallory, admin)
        presses = []
        for user in (mallory, erika, admin):
            target = user.messages[-1]
            for data in itertools.chain(forged_data(rng), sorted(real)):
                presses.append(user.press_data(data, target))
        await admin.wait_for(lambda _: set(presses) <= telegram.callback_answers.keys(), timeout=90)
        for user in everyone:  # a chat's updates are handled in order: all presses are done
            user.send("/hilfe")
            await user.wait_for_text("So hilft Ihnen", timeout=30)
        erika.send("/stop")
        confirm = await erika.wait_for_text("Möchten Sie sich abmelden?")
        await erika.press_and_read("Ja, alles löschen", "Sie sind abgemeldet.", message=confirm)
        late = erika.press_data(vote, alert)  # a vote after /stop
        await erika.wait_for(lambda _: late in telegram.callback_answers)
    assert not [m for u in everyone for m in u.messages if "schiefgegangen" in m.text]
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert status.text
    with sqlite3.connect(db_path) as db:
        subjects = [row[0] for row in db.execute("SELECT subject FROM reports")]
        votes = db.execute("SELECT COUNT(*) FROM alert_votes").fetchone()[0]
        alerts = db.execute("SELECT created_by FROM alerts").fetchall()
        districts = {row[0] for row in db.execute("SELECT district_id FROM subscriptions")}
    # Erika's replayed "Melden" may have made one report: only of what the check read.
    for subject in subjects:
        found = subject_of(check_text(subject, RULES))
        assert found is not None and found.value == subject
    assert votes == 1  # erika's own, once; mallory's, the admin's and after /stop never
    assert "nicht gezählt" in telegram.callback_answers[late].text
    assert alerts == [(ADMIN,)]
    assert districts <= {d.id for d in CITY.districts}


def _votable(message):
    """The message's "Ich hatte auch so einen Anruf" button, if it has one."""
    return next((b for row in message.buttons for b in row if b.text.startswith("Ich hatte")), None)


CITY = load_city(BUNDLED_CITY_PATH)
RULES = check_rules(CITY)
