"""The desk's one-off changes of office hours reach /kontakt and the answer to subscribing:
a cancelled hour is shown as cancelled, with the city's notice, and the next office hour is the
next real one; an extra hour is shown with its place."""

import asyncio
import os
from datetime import date, datetime, time

import pytest
import time_machine

from bot.cli import main
from bot.clock import BERLIN
from bot.office_hours import OfficeHoursDesk
from bot.reports import votes
from bot.services import SERVICES_KEY
from bot.vocabulary import HourChange
from handlers.keyboards.callback_data import Vote
from tests.auxil.days import next_working
from tests.auxil.running_bot import FRIDAY_NOON, running_bot

MONDAY, THURSDAY = date(2026, 11, 23), date(2026, 11, 26)  # after FRIDAY_NOON (21 Nov)


@pytest.mark.slow
async def test_a_cancelled_monday_shows_in_kontakt_and_thursday_is_next(telegram, tmp_path):
    erika = telegram.user(8101, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        before = await erika.ask("/start winzerla")
        s = application.bot_data[SERVICES_KEY]
        desk = OfficeHoursDesk(s.db, s.city, clock=lambda: FRIDAY_NOON)
        officer = desk.area("jena-winzerla")
        hour = await desk.check_cancel(officer, MONDAY)
        await desk.enter(
            HourChange(officer.area_id, HourChange.CANCELLED, MONDAY, hour.start.time(),
                       hour.end.time(), note="Fortbildung", entered_by=900)
        )  # fmt: skip
        card = await erika.ask("/kontakt")
        lobeda = telegram.user(8102, language_code="de")
        other = await lobeda.ask("/start neulobeda")
    assert "Nächste Sprechstunde: Mo 23.11., 10:00–12:00 Uhr" in before.text
    assert "❌ Fällt aus: Mo 23.11., 10:00–12:00 Uhr (Fortbildung)" in card.text
    assert "Mitteilung der Stadt vom 21.11.2026" in card.text
    assert "Nächste Sprechstunde: Do 26.11., 15:00–17:00 Uhr" in card.text
    assert "Fällt aus" not in other.text  # Lobeda's hours are not Winzerla's


@pytest.mark.slow
async def test_an_extra_hour_becomes_the_next_with_its_place(telegram, tmp_path):
    erika = telegram.user(8103, language_code="de")
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        s = application.bot_data[SERVICES_KEY]
        desk = OfficeHoursDesk(s.db, s.city, clock=lambda: FRIDAY_NOON)
        sunday = date(2026, 11, 22)
        desk.check_extra(sunday, time(10), time(11))
        await desk.enter(
            HourChange("jena-winzerla", HourChange.EXTRA, sunday, time(10), time(11),
                       place="Stadtteilbüro Winzerla", entered_by=900)
        )  # fmt: skip
        card = await erika.ask("/start winzerla")
    assert "➕ Zusätzlich: So 22.11., 10:00–11:00 Uhr, Stadtteilbüro Winzerla" in card.text
    assert "Nächste Sprechstunde: morgen, So 22.11., 10:00–11:00 Uhr, Stadtteilbüro" in card.text


@pytest.mark.slow
async def test_a_cancellation_is_announced_quietly_to_winzerla_only(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        winzerla = [telegram.user(8200 + i, language_code="de") for i in range(3)]
        olena = telegram.user(8210, language_code="uk")
        lobeda = telegram.user(8220, language_code="de")
        for resident in winzerla:
            await resident.ask("/start winzerla")
        await olena.ask("/start winzerla")
        await lobeda.ask("/start neulobeda")
        s = application.bot_data[SERVICES_KEY]
        hours = OfficeHoursDesk(s.db, s.city, clock=lambda: FRIDAY_NOON)
        officer = hours.area("jena-winzerla")
        cancelled = await hours.check_cancel(officer, THURSDAY)
        start, end = cancelled.start.time(), cancelled.end.time()
        change = HourChange(
            officer.area_id, HourChange.CANCELLED, THURSDAY, start, end, entered_by=900
        )
        announced = await hours.enter(change)
        outcome = await s.desk.announce_hours(officer, change, announced.next_opening, 900)
        notices = [await r.next_message(timeout=10) for r in (*winzerla, olena)]
        await telegram.user(8230).ask("/hilfe")  # anything still queued would show by now
    assert outcome.recipients == 4
    for notice in notices[:3]:
        assert notice.text.startswith("ℹ️ Sprechstunde der Polizei: Jena-Winzerla")
        assert "Die Sprechstunde am Donnerstag, 26.11., fällt aus." in notice.text
        assert "Nächste Sprechstunde: Mo 30.11., 10:00–12:00 Uhr." in notice.text
        assert notice.disable_notification is True and notice.buttons == []
    assert "Mario Bergner" in notices[3].text and "26.11" in notices[3].text
    assert "Sprechstunde der Polizei" not in notices[3].text  # in Ukrainian
    assert all(len([m for m in r.messages if "fällt aus" in m.text]) == 1 for r in winzerla)
    assert not any("Jena-Winzerla" in m.text and "ℹ️" in m.text for m in lobeda.messages)


@pytest.mark.slow
async def test_a_forged_me_too_on_a_notice_is_not_counted(telegram, tmp_path):
    async with running_bot(telegram, tmp_path / "db.sqlite3") as application:
        erika = telegram.user(8240, language_code="de")
        await erika.ask("/start winzerla")
        s = application.bot_data[SERVICES_KEY]
        hours = OfficeHoursDesk(s.db, s.city, clock=lambda: FRIDAY_NOON)
        change = await hours.cancellation(hours.area("jena-winzerla"), THURSDAY)
        outcome = await s.desk.announce_hours(hours.area("jena-winzerla"), change, None, 900)
        notice = await erika.next_message(timeout=10)
        pressed = erika.press_data(Vote(outcome.alert_id).pack(), notice)  # no such button
        await erika.wait_for(lambda _: pressed in telegram.callback_answers)
        counted = await votes.votes(s.db, outcome.alert_id)
    assert notice.buttons == []
    assert counted == {}
    assert telegram.callback_answers[pressed].text.endswith("wird nicht gezählt.")


@pytest.mark.slow
async def test_the_command_line_cancels_next_thursday_and_the_running_bot_announces_it(
    telegram, tmp_path, monkeypatch
):
    # The bar, as the desk does it: `stadtwarn officers cancel … --yes` beside the
    # running bot, on its database.
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "STADTWARN_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db.sqlite3"
    monkeypatch.setenv("STADTWARN_DB", str(db))
    noon = datetime.now(BERLIN).replace(hour=12, minute=0, second=0, microsecond=0)
    thursday = next_working(3)
    args = ["officers", "cancel", "--area", "jena-winzerla", "--date", thursday.isoformat()]
    # The command line and the delivery engine read the wall clock: today at noon, as at the
    # desk (at night the notice waits until 07:00, and the test would run into that).
    with time_machine.travel(noon, tick=True):
        async with running_bot(telegram, db, now=noon):
            winzerla = [telegram.user(8300 + i, language_code="de") for i in range(3)]
            lobeda = telegram.user(8310, language_code="de")
            for resident in winzerla:
                await resident.ask("/start winzerla")
            await lobeda.ask("/start neulobeda")
            assert await asyncio.to_thread(main, [*args, "--yes"]) == 0
            notices = [await r.next_message(timeout=10) for r in winzerla]
            card = await winzerla[0].ask("/kontakt")
            await telegram.user(8311).ask("/hilfe")  # anything still queued would show by now
    day = f"{thursday:%d.%m.}"
    for notice in notices:
        assert f"Die Sprechstunde am Donnerstag, {day}, fällt aus." in notice.text
        assert "Nächste Sprechstunde: Mo " in notice.text  # Winzerla: Mondays and Thursdays
    assert f"❌ Fällt aus: Do {day}, 15:00–17:00 Uhr" in card.text
    assert all(len([m for m in r.messages if "fällt aus." in m.text]) == 1 for r in winzerla)
    assert not any("fällt aus" in m.text for m in lobeda.messages)
