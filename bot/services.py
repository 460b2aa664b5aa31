"""The bot's services, opened once at start-up and shared by every handler."""

from __future__ import annotations

from dataclasses import dataclass

from bot.citydata import City, load_city
from bot.clock import Clock, utc_now
from bot.numbercheck import CheckRules
from bot.residents import Residents
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

SERVICES_KEY = "stadtwarn_services"  # where the Application keeps them (bot_data)


@dataclass
class Services:
    settings: Settings
    city: City
    db: Database
    texts: Texts
    residents: Residents
    check_rules: CheckRules
    clock: Clock

    @classmethod
    async def open(cls, settings: Settings, clock: Clock = utc_now) -> Services:
        city = load_city(settings.city_path)
        db = await Database.open(settings.db_path)
        return cls(
            settings=settings,
            city=city,
            db=db,
            texts=Texts(city=city),
            residents=Residents(db, city, clock),
            check_rules=CheckRules.build(
                registry=city.number_registry,
                official_domains=city.official_domains,
                official_telegram=city.official_telegram,
                city_name=city.name,
            ),
            clock=clock,
        )

    async def close(self) -> None:
        await self.db.close()
