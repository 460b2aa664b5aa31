"""The city file's officer data changes while the bot runs: `stadtwarn city reload` announces
it to the area's Ortsteile only and makes the running bot reload (SIGHUP), so /kontakt shows
the new hours; a file edited without it reaches the admins, whose "Ankündigen" announces it;
an invalid file keeps the data in force."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from functools import partial
from pathlib import Path

import pytest

from bot.cli import main
from bot.devtools.bot_process import start_bot_process
from bot.devtools.standin import FakeTelegram
from bot.officer_reload import reload_city
from bot.services import SERVICES_KEY
from bot.settings import BUNDLED_CITY_PATH
from handlers import city_reload as city_desk
from tests.auxil.delivery import wait_for
from tests.auxil.running_bot import running_bot

THURSDAY = 'office_hours = ["Mo 10:00-12:00", "Do 15:00-17:00"]'
LATER = 'office_hours = ["Mo 10:00-12:00", "Do 15:00-18:00"]'
NOTICE = "ℹ️ Kontaktbereichsbeamte der Polizei: Jena-Winzerla"
ADMIN = 900


def copy_city(folder: Path) -> Path:
    folder.mkdir()
    for path in BUNDLED_CITY_PATH.parent.glob("jena*"):
        shutil.copy(path, folder)
    return folder / "jena.toml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
async def test_city_reload_announces_to_winzerla_and_the_running_bot_takes_it(
    tmp_path, monkeypatch, capsys
):
    """The real `python -m bot run` and the real command line, on one database."""
    city, db_path, log = copy_city(tmp_path / "city"), tmp_path / "db.sqlite3", tmp_path / "log"
    for name in ("STADTWARN_ADMINS", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STADTWARN_DB", str(db_path))
    monkeypatch.setenv("STADTWARN_CITY", str(city))
    monkeypatch.setenv("STADTWARN_CLI_LANGUAGE", "en")
    async with FakeTelegram("123456:RELOAD-TEST") as tg:
        erika, lobeda = tg.user(8401, language_code="de"), tg.user(8402, language_code="de")
        bot = await start_bot_process(
            tg, db_path, rate=30, log=log, env={"STADTWARN_CITY": str(city)}
        )
        try:
            before = await erika.ask("/start winzerla", timeout=60)  # the process starts
            await lobeda.ask("/start neulobeda")
            edit(city, THURSDAY, LATER)
            status = await asyncio.to_thread(main, ["city", "reload", "--yes"])
            out = capsys.readouterr().out
            notice = await erika.wait_for_text(NOTICE, timeout=15)
            await wait_for(
                lambda: _logged(log, "city file reloaded"), timeout=15, what="the bot's reload"
            )
            card = await kontakt(erika)
            await lobeda.ask("/hilfe")  # anything queued for her would show by now
        finally:
            bot.terminate()
            with contextlib.suppress(ProcessLookupError):
                await asyncio.wait_for(bot.wait(), 10)
    assert "Do 15:00–17:00 Uhr" in before.text
    assert status == 0, out
    assert "Thu 15:00–17:00 → Mon 10:00–12:00, Thu 15:00–18:00" in out
    assert f"The running bot (process {bot.pid}) reloads the city file (SIGHUP)" in out
    assert "ab sofort Do 15:00–18:00 Uhr (bisher Do 15:00–17:00 Uhr)" in notice.text
    assert notice.disable_notification is True and notice.buttons == []
    assert len([m for m in erika.messages if m.text.startswith(NOTICE)]) == 1
    assert not any(m.text.startswith("ℹ️") for m in lobeda.messages)
    assert "Sprechzeiten: Mo 10:00–12:00 Uhr, Do 15:00–18:00 Uhr" in card.text
    assert "Traceback" not in log.read_text()


async def kontakt(resident):
    """/kontakt, read past any notice that came in before."""
    known = len(resident.messages)
    resident.send("/kontakt")
    return await resident.wait_for(
        lambda r: next((m for m in r.messages[known:] if "Ihre Ansprechpartner" in m.text), None)
    )


async def _logged(log: Path, words: str) -> bool:
    return words in log.read_text()


@pytest.mark.slow
async def test_a_file_edited_without_city_reload_reaches_the_admins_who_announce_it(
    telegram, tmp_path, caplog
):
    city, db_path = copy_city(tmp_path / "city"), tmp_path / "db.sqlite3"
    admins = frozenset({ADMIN})
    async with running_bot(telegram, db_path, city_path=city, admin_ids=admins) as application:
        admin = telegram.user(ADMIN, language_code="de")
        await admin.ask("/start neulobeda")  # also a Lobeda subscriber: gets no notice
        erika = telegram.user(8403, language_code="de")
        await erika.ask("/start winzerla")
        services = application.bot_data[SERVICES_KEY]
        reload = partial(
            reload_city, services.city_reload, city, partial(city_desk.tell_admins, application)
        )
        edit(city, THURSDAY, LATER)
        await reload()  # what SIGHUP does
        told = await admin.wait_for_text("ℹ️ Neue Daten der Kontaktbereichsbeamten")
        card = await kontakt(erika)  # in use at once, announced or not
        done = await admin.press_and_read("Ankündigen", "Angekündigt", message=told)
        notice = await erika.wait_for_text(NOTICE, timeout=10)
        again = admin.press("Ankündigen", message=told)  # announced: a stale button now
        await admin.wait_for(lambda _: again in telegram.callback_answers)
        edit(city, "[[officers]]", "[[officers]")  # invalid now
        await reload()
        kept = await kontakt(erika)
    assert (
        "Sprechzeiten: Mo 10:00–12:00, Do 15:00–17:00 → Mo 10:00–12:00, Do 15:00–18:00" in told.text
    )
    assert "„Ankündigen“ sendet 1 Mitteilung leise an 1 Empfänger" in told.text
    assert "Do 15:00–18:00 Uhr" in card.text
    assert "1 Mitteilung geht leise an 1 Empfänger" in done.text
    assert "ab sofort Do 15:00–18:00 Uhr" in notice.text
    assert len([m for m in erika.messages if m.text.startswith(NOTICE)]) == 1
    assert not any(m.text.startswith(NOTICE) for m in admin.messages)
    assert "nicht mehr gültig" in telegram.callback_answers[again].text
    assert "Do 15:00–18:00 Uhr" in kept.text  # the data in force stays
    assert "city file not reloaded, the data in force stays" in caplog.text
