"""The running bot and the officer data: at start, and on SIGHUP (`kill -HUP <pid>`, which
`stadtwarn city reload` sends), the city file is read again and its officers are used from
then on, without a restart. An invalid file, or one that changes more than officer data, is
one log line and the data in force stays. Officer data that residents were not told of (the
file was edited without `stadtwarn city reload`) is logged and shown to the admins, whose
"Ankündigen" announces it (`tell_admins`, from handlers/city_reload.py via bot/app.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.city.data import CityDataError
from bot.city.officer_data import CityFile
from bot.city_reload import CityReload, Reload
from bot.vocabulary import AlertInputError

logger = logging.getLogger(__name__)

TellAdmins = Callable[[Reload], Awaitable[None]]


async def after_start(reload: CityReload, file: CityFile, tell_admins: TellAdmins) -> None:
    """The bot started with `file`: its officer data is in force, or awaits its announcement."""
    pending = await reload.started(file)
    if pending is not None:
        _unannounced(pending)
        await tell_admins(pending)


async def reload_city(reload: CityReload, path: Path, tell_admins: TellAdmins) -> None:
    """Read the city file again (what SIGHUP does)."""
    try:
        pending = await reload.reread(path)
    except (CityDataError, AlertInputError) as error:
        logger.warning("city file not reloaded, the data in force stays: %s", error)
        return
    if pending is None:
        logger.info("city file reloaded: the officer data is the one residents were told of")
        return
    _unannounced(pending)
    await tell_admins(pending)


async def reload_when_asked(
    asked: asyncio.Event, reload: CityReload, path: Path, tell_admins: TellAdmins
) -> None:
    """Each time `asked` is set (the SIGHUP handler sets it), one reload; several signals
    while one runs make one more."""
    while True:
        await asked.wait()
        asked.clear()
        try:
            await reload_city(reload, path, tell_admins)
        except Exception:  # a reload must never end the bot
            logger.exception("reloading the city file failed; the data in force stays")


def _unannounced(pending: Reload) -> None:
    areas = ", ".join(c.area for c in pending.changes)
    logger.warning(
        "the city file's officer data differs from what residents were told (%s): in use now; "
        "the admins were asked to announce it, or run `stadtwarn city reload`",
        areas,
    )
