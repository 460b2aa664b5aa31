"""Opening the comms desk from the command line."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.alerts.desk import AlertDesk
from bot.city.data import load_city
from bot.city.model import City
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts


@asynccontextmanager
async def open_desk(settings: Settings) -> AsyncIterator[tuple[AlertDesk, Database, City]]:
    """The comms desk service on the bot's database (closed again on leaving)."""
    city = load_city(settings.city_path)
    db = await Database.open(settings.db_path)
    try:
        desk = AlertDesk(
            db,
            city,
            Texts(settings.messages_dir, city=city),
            approvals_required=settings.approvals_required,
            rate=settings.send_rate,
        )
        yield desk, db, city
    finally:
        await db.close()
