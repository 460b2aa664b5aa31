"""What a resident can do: choose districts, pick a language, see officers, delete everything."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.city.model import City, District, Officer
from bot.city.names import NameMatch, match_name
from bot.city.officehours import HourChange, Opening, next_opening
from bot.clock import BERLIN, Clock, utc_now
from bot.delivery import worklist
from bot.storage import Database, alerts, hour_changes, subscribers
from bot.storage.alerts import Alert
from bot.storage.scrub import Scrubber


@dataclass(frozen=True)
class DistrictChoice:
    """One row of the district picker."""

    district: District
    chosen: bool


@dataclass(frozen=True)
class Picker:
    """The district picker's state: every district, ticked or not, and 'whole city'."""

    choices: tuple[DistrictChoice, ...]
    all_districts: bool

    @property
    def chosen(self) -> tuple[District, ...]:
        return tuple(c.district for c in self.choices if c.chosen)

    @property
    def anything_chosen(self) -> bool:
        return self.all_districts or bool(self.chosen)


@dataclass(frozen=True)
class PoliceContact:
    """Whom the resident's districts can turn to: the contact officers of the police contact
    area that covers them, with their next office hour; or, where the police name no officer
    (`officer` None), the police inspection (its address and phone are in the city data)."""

    districts: tuple[District, ...]
    officer: Officer | None
    next_opening: Opening | None = None
    changes: tuple[HourChange, ...] = ()  # the city's announced changes, from today on


class UnknownDistrict(Exception):
    """A district id that is not (or no longer) in the city data."""


class WhichDistrict(Exception):
    """A name that means more than one district ("Lobeda"), or one guessed from a typo
    ("Winzerle", `guessed`): the resident chooses with one tap."""

    def __init__(self, districts: tuple[District, ...], *, guessed: bool) -> None:
        super().__init__(", ".join(d.id for d in districts))
        self.districts = districts
        self.guessed = guessed


class Residents:
    """The resident side of the bot, on plain values."""

    def __init__(
        self, db: Database, city: City, clock: Clock = utc_now, scrubber: Scrubber | None = None
    ) -> None:
        self._db = db
        self._city = city
        self._clock = clock
        self._scrubber = scrubber

    async def is_stored(self, chat_id: int) -> bool:
        """Whether anything is stored about the chat."""
        return await subscribers.get(self._db.connection, chat_id) is not None

    async def language(self, chat_id: int, fallback: str) -> str:
        """The resident's chosen language, or `fallback` (from Telegram) if none is stored."""
        return await subscribers.language(self._db.connection, chat_id) or fallback

    async def picker(self, chat_id: int) -> Picker:
        """Every district: the resident's own first, then the most populous (the city data's
        `common_districts`), then the rest in the city data's (alphabetical) order."""
        subscriber = await subscribers.get(self._db.connection, chat_id)
        chosen = subscriber.district_ids if subscriber else frozenset()
        common = self._city.common_district_ids
        ranked = sorted(
            self._city.districts,
            key=lambda d: (
                d.id not in chosen,
                d.id not in common,
                common.index(d.id) if d.id in common else 0,
            ),
        )
        return Picker(
            choices=tuple(DistrictChoice(d, d.id in chosen) for d in ranked),
            all_districts=bool(subscriber and subscriber.all_districts),
        )

    async def toggle(self, chat_id: int, district_id: str, language: str) -> Picker:
        """Tick or untick one district."""
        self._district(district_id)
        subscriber = await subscribers.get(self._db.connection, chat_id)
        async with self._db.transaction() as conn:
            if subscriber and district_id in subscriber.district_ids:
                await subscribers.remove_district(conn, chat_id, district_id)
            else:
                await subscribers.ensure(conn, chat_id, language, self._clock())
                await subscribers.add_district(conn, chat_id, district_id)
        return await self.picker(chat_id)

    async def toggle_all(self, chat_id: int, language: str) -> Picker:
        """Tick or untick 'the whole city'."""
        subscriber = await subscribers.get(self._db.connection, chat_id)
        value = not (subscriber and subscriber.all_districts)
        async with self._db.transaction() as conn:
            await subscribers.ensure(conn, chat_id, language, self._clock())
            await subscribers.set_all_districts(conn, chat_id, value)
        return await self.picker(chat_id)

    async def subscribe(self, chat_id: int, name: str, language: str) -> District:
        """Subscribe to one district at once (a deep link from a flyer's QR code, a typed
        name, a tap). `name`: its id, name or a name residents use; raises UnknownDistrict,
        or WhichDistrict when the name means several or was guessed from a typo."""
        return await self.subscribe_matched(chat_id, match_name(name, self._city), name, language)

    async def subscribe_matched(
        self, chat_id: int, found: NameMatch, name: str, language: str
    ) -> District:
        """`subscribe` for a name already matched (bot/free_text.py reads typed names)."""
        if not found.districts:
            raise UnknownDistrict(name)
        if not found.certain:
            raise WhichDistrict(found.districts, guessed=not found.exact)
        district = found.districts[0]
        async with self._db.transaction() as conn:
            await subscribers.ensure(conn, chat_id, language, self._clock())
            await subscribers.add_district(conn, chat_id, district.id)
        return district

    async def set_language(self, chat_id: int, language: str) -> None:
        async with self._db.transaction() as conn:
            await subscribers.set_language(conn, chat_id, language, self._clock())

    async def choose_language(self, chat_id: int, language: str, *, desk: bool) -> bool:
        """A language chosen in the chat. Stored for a chat already known, or for the comms
        desk (`desk`: an admin, whom the bot writes to before they subscribe). For anyone else
        nothing is stored (False): the caller keeps it until the first Ortsteil stores it, so
        choosing a language alone, or an old language button after /stop, stores no chat."""
        if not desk and not await self.is_stored(chat_id):
            return False
        await self.set_language(chat_id, language)
        return True

    async def forget(self, chat_id: int) -> bool:
        """Delete every row about the chat. True if there was anything to delete."""
        async with self._db.transaction() as conn:
            deleted = await subscribers.delete(conn, chat_id)
        if deleted and self._scrubber is not None:
            self._scrubber.deleted()  # gone from the file's bytes within SCRUB_DELAY
        return deleted

    async def police_contacts(self, chat_id: int) -> tuple[PoliceContact, ...] | None:
        """For the subscribed districts, one entry per police contact area (in the city data's
        order), then one for all districts without an officer; None if nothing is subscribed.
        For the whole city: every area, then the rest of the city."""
        subscriber = await subscribers.get(self._db.connection, chat_id)
        if subscriber is None or not (subscriber.all_districts or subscriber.district_ids):
            return None
        chosen = [
            d
            for d in self._city.districts
            if subscriber.all_districts or d.id in subscriber.district_ids
        ]
        return await self._contacts(chosen)

    async def police_contacts_of(self, district_ids: Iterable[str]) -> tuple[PoliceContact, ...]:
        """Whom these districts can turn to now (as police_contacts, for chosen ids)."""
        wanted = set(district_ids)
        return await self._contacts([d for d in self._city.districts if d.id in wanted])

    async def _contacts(self, chosen: list[District]) -> tuple[PoliceContact, ...]:
        now = self._clock()
        changes = await hour_changes.from_day(self._db.connection, now.astimezone(BERLIN).date())
        return police_contacts_for(self._city, chosen, now, changes)

    async def stored_data(self, chat_id: int) -> subscribers.StoredAbout | None:
        """Everything the database holds about the chat (GDPR Art. 15); None if nothing."""
        return await subscribers.stored_about(self._db.connection, chat_id)

    async def recent_alerts(self, chat_id: int) -> list[Alert] | None:
        """Alerts of the last 30 days for the resident's districts; None if none chosen."""
        subscriber = await subscribers.get(self._db.connection, chat_id)
        if subscriber is None or not (subscriber.all_districts or subscriber.district_ids):
            return None
        districts = (
            [d.id for d in self._city.districts]
            if subscriber.all_districts
            else subscriber.district_ids
        )
        return await alerts.recent_for_districts(self._db.connection, districts, self._clock())

    async def blocked_the_bot(self, chat_id: int) -> None:
        """Telegram says the resident blocked the bot: stop sending until they return."""
        await worklist.mark_gone(self._db, chat_id, "blocked the bot", self._clock())

    async def came_back(self, chat_id: int) -> None:
        """The resident unblocked the bot or pressed /start again: deliver to them again."""
        async with self._db.transaction() as conn:
            await subscribers.reactivate(conn, chat_id)

    def _district(self, district_id: str) -> District:
        district = self._city.district(district_id)
        if district is None:
            raise UnknownDistrict(district_id)
        return district


def police_contacts_for(
    city: City,
    chosen: Iterable[District],
    now: datetime,
    changes: Iterable[HourChange] = (),
) -> tuple[PoliceContact, ...]:
    """Whom these districts can turn to: one entry per police contact area that covers any
    of them (in the city data's order, with its next office hour after `now`), then one for
    all of them without an officer."""
    chosen, changes = tuple(chosen), tuple(changes)
    contacts = []
    for officer in city.officers:
        covered = tuple(d for d in chosen if d.id in officer.district_ids)
        if covered:
            own = tuple(c for c in changes if c.area_id == officer.area_id)
            subdivision = city.holiday_subdivision
            opening = next_opening(officer.office_hours, now, subdivision, own)
            contacts.append(PoliceContact(covered, officer, opening, own))
    uncovered = tuple(d for d in chosen if not city.officers_for(d.id))
    if uncovered:
        contacts.append(PoliceContact(uncovered, None))
    return tuple(contacts)
