"""The officer data in force: what residents were last told (a snapshot in the database)
against what the city file says now. Its difference is shown to the desk, and after its yes
each changed contact area is announced quietly to its Ortsteile and the snapshot is stored.
The running bot reloads the file on SIGHUP (bot/app.py): only officer data may change then.

On plain values: the command line (`stadtwarn city reload`) and the running bot share it."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from pathlib import Path

from bot.alerts.desk import AlertDesk, SendOutcome
from bot.city.data import CityDataError
from bot.city.model import City
from bot.city.officehours import Opening
from bot.city.officer_data import (
    CityFile,
    changed_keys,
    officers_from_json,
    officers_json,
    read_city_file,
)
from bot.city.officer_diff import AreaChange, diff_officers
from bot.clock import Clock, utc_now
from bot.office_hours import OfficeHoursDesk
from bot.storage import Database, city_snapshot, subscribers
from bot.texts import Texts
from bot.vocabulary import AlertInputError

__all__ = ["CityDataError", "CityReload", "Notice", "Reload", "read_city_file"]

TEMPLATE = "hours_changed.html.j2"


@dataclass(frozen=True)
class Reload:
    """The city file's officer data against the snapshot: the areas that differ."""

    officers_json: str
    others: dict[str, str]
    changes: tuple[AreaChange, ...]
    first: bool = False  # there was no snapshot: the file's data was stored as in force

    @property
    def digest(self) -> str:
        """A short name of the new officer data (the admins' button names what they saw)."""
        return hashlib.sha256(self.officers_json.encode()).hexdigest()[:16]

    @property
    def announced(self) -> tuple[AreaChange, ...]:
        """The changes residents are told of (a changed source alone is not one)."""
        return tuple(c for c in self.changes if c.tells_residents)


@dataclass(frozen=True)
class Notice:
    """One area's notice to residents: in every language, and how many it reaches now."""

    change: AreaChange
    bodies: dict[str, str]
    recipients: int


class CityReload:
    """`city`: the City the bot runs with (for the command line: the file's, read now)."""

    def __init__(
        self, db: Database, city: City, texts: Texts, desk: AlertDesk, clock: Clock = utc_now
    ) -> None:
        self._db, self._city, self._texts, self._desk, self._clock = db, city, texts, desk, clock
        self._hours = OfficeHoursDesk(db, city, clock)  # next office hours, with the changes
        self._others: dict[str, str] | None = None  # the running file's other keys
        self._announcing = asyncio.Lock()  # two admins' "Ankündigen" announce once

    async def started(self, file: CityFile) -> Reload | None:
        """The bot starts with `file`: with no snapshot its officer data is stored as in force
        (nothing to announce); else the rest of the file is noted, and the officer data's
        difference from the snapshot returned (None if none)."""
        self._others = file.others
        async with self._db.transaction() as conn:
            snapshot = await city_snapshot.get(conn)
            if snapshot is None:
                await city_snapshot.save(conn, file.officers_json, file.others, self._clock())
                return None
            await city_snapshot.save_others(conn, file.others)
        return await self._pending(file.officers_json, file.others, snapshot)

    async def reread(self, path: Path | str) -> Reload | None:
        """SIGHUP: read the file again and use its officer data from now on. Raises
        CityDataError (invalid) or AlertInputError (more than officer data changed): the data
        in force stays. Returns the difference from the snapshot (None if none)."""
        file = read_city_file(path)
        _only_officers(self._others or {}, file.others)
        self._city.use_officers(file.city.officers)
        return await self._pending(file.officers_json, file.others)

    async def pending(self, file: CityFile) -> Reload:
        """The command line: the file against the snapshot. With no snapshot the file's data
        is stored as in force (`first`). Raises AlertInputError if more than the officer data
        changed."""
        snapshot = await city_snapshot.get(self._db.connection)
        if snapshot is None:
            async with self._db.transaction() as conn:
                await city_snapshot.save(conn, file.officers_json, file.others, self._clock())
            return Reload(file.officers_json, file.others, (), first=True)
        _only_officers(snapshot.others, file.others)
        return await self._pending(file.officers_json, file.others, snapshot) or Reload(
            file.officers_json, file.others, ()
        )

    async def running(self) -> Reload | None:
        """The running bot's officer data against the snapshot (None if equal)."""
        return await self._pending(officers_json(self._city.officers), self._others or {})

    async def notices(self, reload: Reload) -> list[Notice]:
        """Each announced area's notice, as residents will get it, and its recipients."""
        found = []
        for change in reload.announced:
            following = await self._next_opening(change)
            bodies = {
                language: self._texts.render(
                    language, TEMPLATE, change=change, next_opening=following,
                    district_name=self._city.district_name,
                )
                for language in self._texts.languages
            }  # fmt: skip
            count = await subscribers.count_recipients(
                self._db.connection, change.district_ids, False
            )
            found.append(Notice(change, bodies, count))
        return found

    async def confirm(self, reload: Reload, admin_id: int) -> list[SendOutcome]:
        """The desk's yes: one quiet notice per announced area through the outbox, then the
        new data is stored as in force (in this order: a crash in between announces again
        rather than not at all)."""
        outcomes = [
            await self._desk.announce_quietly(n.change.district_ids, n.bodies, admin_id)
            for n in await self.notices(reload)
        ]
        async with self._db.transaction() as conn:
            await city_snapshot.save(conn, reload.officers_json, reload.others, self._clock())
        return outcomes

    async def confirm_running(self, digest: str, admin_id: int) -> list[SendOutcome] | None:
        """The admins' "Ankündigen" under the difference `digest` names: announce the
        running data; None if it is no longer the data the admin saw (or was announced)."""
        async with self._announcing:
            reload = await self.running()
            if reload is None or reload.digest != digest:
                return None
            return await self.confirm(reload, admin_id)

    async def _pending(self, officers: str, others: dict[str, str], snapshot=None) -> Reload | None:
        snapshot = snapshot or await city_snapshot.get(self._db.connection)
        if snapshot is None or snapshot.officers == officers:
            return None
        changes = diff_officers(officers_from_json(snapshot.officers), officers_from_json(officers))
        return Reload(officers, others, changes)

    async def _next_opening(self, change: AreaChange) -> Opening | None:
        """The area's next office hour with the new data and the desk's changes."""
        if change.removed:
            return None
        found = await self._hours.openings(change.officer, count=1)
        return found[0] if found else None


def _only_officers(before: dict[str, str], after: dict[str, str]) -> None:
    keys = changed_keys(before, after)
    if keys:
        raise AlertInputError(
            f"the city file changed more than the officer data ({', '.join(keys)}): restart "
            "the bot to use it",
            code="city_more_than_officers",
            keys=keys,
        )
