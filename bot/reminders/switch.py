"""The resident's switch of reminders (/erinnerung and the button under /kontakt). Switched
on only for a resident whose Ortsteile have a contact officer with published office hours;
otherwise nothing is stored and she is told why. /stop deletes it with her row."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.residents import PoliceContact, Residents
from bot.storage import Database, reminders


class SwitchState(enum.StrEnum):
    ON = "on"
    OFF = "off"
    NO_DISTRICT = "no_district"  # no Ortsteil chosen yet: choose one first
    NO_HOURS = "no_hours"  # no officer of her Ortsteile has published hours: none possible


@dataclass(frozen=True)
class Switched:
    """The switch after a tap, and (when on) the contact areas she is reminded of, each
    with its next office hour."""

    state: SwitchState
    reminded: tuple[PoliceContact, ...] = ()


def with_hours(contacts: tuple[PoliceContact, ...]) -> tuple[PoliceContact, ...]:
    """The contact areas that publish office hours (the city file's, or the desk's extra)."""
    return tuple(c for c in contacts if c.officer and (c.officer.office_hours or c.next_opening))


class ReminderSwitch:
    """On plain values: switch reminders on or off for a chat."""

    def __init__(self, db: Database, residents: Residents) -> None:
        self._db, self._residents = db, residents

    async def is_on(self, chat_id: int) -> bool:
        return await reminders.is_on(self._db.connection, chat_id)

    async def toggle(self, chat_id: int) -> Switched:
        """/erinnerung: on if off, off if on."""
        if await self.is_on(chat_id):
            return await self.switch_off(chat_id)
        return await self.switch_on(chat_id)

    async def switch_on(self, chat_id: int) -> Switched:
        contacts = await self._residents.police_contacts(chat_id)
        if contacts is None:
            return Switched(SwitchState.NO_DISTRICT)
        reminded = with_hours(contacts)
        if not reminded:
            return Switched(SwitchState.NO_HOURS)
        async with self._db.transaction() as conn:
            await reminders.switch(conn, chat_id, True)
        return Switched(SwitchState.ON, reminded)

    async def switch_off(self, chat_id: int) -> Switched:
        """Off; for a chat with nothing stored nothing is written."""
        async with self._db.transaction() as conn:
            await reminders.switch(conn, chat_id, False)
        return Switched(SwitchState.OFF)

    async def offer(self, chat_id: int, contacts: tuple[PoliceContact, ...]) -> bool | None:
        """Under /kontakt: the switch as it stands (True: on), or None for no button (no
        office hours to remind of, and not on)."""
        on = await self.is_on(chat_id)
        return on if on or with_hours(contacts) else None
