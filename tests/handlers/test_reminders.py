"""End to end: /erinnerung and the button under /kontakt switch a reminder the day before each
office hour on and off; the reminder comes once, at 17:00, quietly and without a button, to
the residents of the area who asked; none for a public holiday or a cancelled hour, one for an
extra hour; /stop deletes the switch and /meinedaten shows it."""

import asyncio
from datetime import date, datetime, time

import pytest

from bot.clock import BERLIN
from bot.office_hours import OfficeHoursDesk
from bot.services import SERVICES_KEY
from bot.vocabulary import HourChange
from tests.auxil.db_probe import rows_about
from tests.auxil.running_bot import SetClock, running_bot

SATURDAY_NOON = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)  # next: Mon 23.11., 10:00


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def reminders(user) -> list:
    return [m for m in user.messages if m.text.startswith("🔔")]


async def checked(application, clock: SetClock, moment: datetime) -> None:
    """Move the clock to `moment` and wait until the reminder task has looked at it."""
    loop = application.bot_data[SERVICES_KEY].reminder_loop
    clock.now = moment
    loop.nudge()
    async with asyncio.timeout(10):
        while loop.last_checked != moment:
            await asyncio.sleep(0.02)


async def reminded_in_winzerla(application) -> list[str]:
    """The Winzerla office hours queued as a reminder (their start, UTC)."""
    db = application.bot_data[SERVICES_KEY].db
    rows = await db.fetch_all(
        "SELECT starts_at FROM hour_reminders WHERE area_id = 'jena-winzerla' ORDER BY starts_at"
    )
    return [r[0] for r in rows]


@pytest.mark.slow
async def test_one_reminder_at_17_00_the_day_before_to_those_who_asked(telegram, tmp_path):
    erika = telegram.user(8501, language_code="de")
    karl = telegram.user(8502, language_code="de")  # switches it off again
    lothar = telegram.user(8503, language_code="de")  # Lobeda only
    anna = telegram.user(8504, language_code="de")  # Winzerla, never asked
    clock = SetClock(SATURDAY_NOON)
    db_path = tmp_path / "db.sqlite3"
    async with running_bot(telegram, db_path, clock=clock) as application:
        for user, place in ((erika, "winzerla"), (karl, "winzerla"), (lothar, "neulobeda"),
                            (anna, "winzerla")):  # fmt: skip
            await user.ask(f"/start {place}")
        on = await erika.ask("/erinnerung")
        await lothar.ask("/erinnerung")
        card = await karl.ask("/kontakt")
        karl.press("Erinnerung einschalten", message=card)
        await karl.wait_for_text("✅ Die Erinnerung ist eingeschaltet.")
        await karl.wait_for_button("Erinnerung ausschalten", message=card)
        karl.press("Erinnerung ausschalten", message=card)
        off = await karl.wait_for_text("🔕 Die Erinnerung ist ausgeschaltet.")
        await checked(application, clock, at(22, 16, 59))
        assert await reminded_in_winzerla(application) == []
        await checked(application, clock, at(22, 17, 1))
        reminder = await erika.wait_for(lambda u: next(iter(reminders(u)), None), timeout=10)
        await checked(application, clock, at(22, 17, 30))
    clock.now = at(22, 18)
    async with running_bot(telegram, db_path, clock=clock) as application:  # a restart
        await checked(application, clock, at(22, 18))
        await checked(application, clock, at(23, 9, 30))
        assert len(await reminded_in_winzerla(application)) == 1
        await anna.ask("/hilfe")  # anything queued would be sent by now
    assert on.text.startswith("✅ Die Erinnerung ist eingeschaltet.")
    assert "Jena-Winzerla: Mario Bergner" in on.text
    assert "Nächste Sprechstunde: Mo 23.11., 10:00–12:00 Uhr" in on.text
    assert on.button_texts == ["Erinnerung ausschalten"]
    assert card.button_texts == ["Erinnerung einschalten"]  # the button turned back
    assert off.button_texts == ["Erinnerung einschalten"]
    assert reminder.text.startswith(
        "🔔 Morgen ist Sprechstunde Ihres Kontaktbereichsbeamten:\nMontag, 23. November, 10–12 Uhr"
    )
    assert "📍 Anna-Siemsen-Str. 27" in reminder.text
    assert "📞 03641 233979 oder 0152 07168792" in reminder.text
    assert reminder.disable_notification is True and reminder.buttons == []
    assert len(reminders(erika)) == 1
    assert reminders(karl) == reminders(anna) == []
    (lobeda,) = reminders(lothar)  # Lobeda's own Monday hour, not Winzerla's
    assert "Ralf Barthel und Stefan Katzemann (Jena-Lobeda)" in lobeda.text
    assert "Bergner" not in lobeda.text


@pytest.mark.slow
async def test_no_reminder_for_a_public_holiday(telegram, tmp_path):
    erika = telegram.user(8511, language_code="de")
    clock = SetClock(at(12, 12, month=5))  # Tuesday; Thursday 14 May is Ascension Day
    async with running_bot(telegram, tmp_path / "db.sqlite3", clock=clock) as application:
        await erika.ask("/start winzerla")
        on = await erika.ask("/erinnerung")
        await checked(application, clock, at(13, 17, 5, month=5))
        assert await reminded_in_winzerla(application) == []
        await checked(application, clock, at(17, 17, 5, month=5))
        reminder = await erika.wait_for(lambda u: next(iter(reminders(u)), None), timeout=10)
    assert "Nächste Sprechstunde: Mo 18.05., 10:00–12:00 Uhr" in on.text
    assert "Montag, 18. Mai, 10–12 Uhr" in reminder.text
    assert len(reminders(erika)) == 1


@pytest.mark.slow
async def test_a_cancelled_hour_is_not_reminded_an_extra_one_is(telegram, tmp_path):
    erika = telegram.user(8521, language_code="de")
    clock = SetClock(SATURDAY_NOON)
    async with running_bot(telegram, tmp_path / "db.sqlite3", clock=clock) as application:
        await erika.ask("/start winzerla")
        await erika.ask("/erinnerung")
        s = application.bot_data[SERVICES_KEY]
        desk = OfficeHoursDesk(s.db, s.city, clock=clock)
        officer = desk.area("jena-winzerla")
        monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
        hour = await desk.check_cancel(officer, monday)
        await desk.enter(
            HourChange(
                officer.area_id,
                HourChange.CANCELLED,
                monday,
                hour.start.time(),
                hour.end.time(),
                entered_by=900,
            )
        )
        desk.check_extra(tuesday, time(9), time(11))
        await desk.enter(
            HourChange(
                officer.area_id,
                HourChange.EXTRA,
                tuesday,
                time(9),
                time(11),
                place="Stadtteilbüro Winzerla",
                entered_by=900,
            )
        )
        await checked(application, clock, at(22, 17, 5))
        assert await reminded_in_winzerla(application) == []
        await checked(application, clock, at(23, 17, 5))
        reminder = await erika.wait_for(lambda u: next(iter(reminders(u)), None), timeout=10)
    assert "Dienstag, 24. November, 9–11 Uhr" in reminder.text
    assert "📍 Stadtteilbüro Winzerla" in reminder.text
    assert len(reminders(erika)) == 1


@pytest.mark.slow
async def test_the_switch_in_meinedaten_stop_and_where_none_is_possible(telegram, tmp_path):
    erika = telegram.user(8531, language_code="de")
    olaf = telegram.user(8532, language_code="de")  # Jena-Nord: no published hours
    newcomer = telegram.user(8533, language_code="de")  # no Ortsteil yet
    olena = telegram.user(8534, language_code="uk")
    db_path = tmp_path / "db.sqlite3"
    async with running_bot(telegram, db_path):
        await erika.ask("/start winzerla")
        await erika.ask("/erinnerung")
        shown = await erika.ask("/meinedaten")
        await olaf.ask("/start nord")
        refused = await olaf.ask("/erinnerung")
        olaf_data = await olaf.ask("/meinedaten")
        olaf_card = await olaf.ask("/kontakt")
        first = await newcomer.ask("/erinnerung")
        await olena.ask("/start winzerla")
        olena_on = await olena.ask("/erinnerung")
        confirm = await erika.ask("/stop")
        await erika.press_and_read("Ja, alles löschen", "Sie sind abgemeldet.", message=confirm)
        again = await erika.ask("/erinnerung")  # after /stop: nothing to remind of
    assert "• Erinnerung an Sprechstunden: ein" in shown.text
    assert refused.text.startswith("Für Ihre Ortsteile ist keine Erinnerung möglich.")
    assert "03641 81-0" in refused.text and refused.buttons == []
    assert "• Erinnerung an Sprechstunden: aus" in olaf_data.text
    assert olaf_card.buttons == []  # no hours to remind of: no button
    assert first.text.startswith("Sie haben noch keinen Ortsteil gewählt.")
    assert olena_on.text.startswith("✅") and "Mario Bergner" in olena_on.text
    assert "Вимкнути нагадування" in olena_on.button_texts
    assert again.text.startswith("Sie haben noch keinen Ortsteil gewählt.")
    assert await rows_about(db_path, erika.id) == 0
    assert await rows_about(db_path, newcomer.id) == 0
