"""The difference between two versions of the officer data, per police contact area: a new
or removed area, other officers, new regular hours, a new phone or address, Ortsteile added
to or taken from the area. Plain values: the desk's diff (command line, admin chat) and the
residents' notice (hours_changed.html.j2) are rendered from them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.city.model import Officer
from bot.city.officehours import OfficeHour


@dataclass(frozen=True)
class AreaChange:
    """One contact area in two versions: `before` None = a new area, `after` None = gone."""

    before: Officer | None
    after: Officer | None

    @property
    def officer(self) -> Officer:
        """The area as it is now (as it was, if it is gone)."""
        return self.after or self.before  # type: ignore[return-value]

    @property
    def area(self) -> str:
        return self.officer.area

    @property
    def area_id(self) -> str:
        return self.officer.area_id

    @property
    def added(self) -> bool:
        return self.before is None

    @property
    def removed(self) -> bool:
        return self.after is None

    @property
    def hours_before(self) -> tuple[OfficeHour, ...]:
        return self.before.office_hours if self.before else ()

    @property
    def hours_changed(self) -> bool:
        return not self.added and not self.removed and _hours(self.before) != _hours(self.after)

    @property
    def hours_added(self) -> tuple[OfficeHour, ...]:
        """Regular hours the area has now and had not (with hours_changed)."""
        return _new(self.before, self.after, "office_hours")

    @property
    def hours_removed(self) -> tuple[OfficeHour, ...]:
        return _new(self.after, self.before, "office_hours")

    @property
    def hours_kept(self) -> tuple[OfficeHour, ...]:
        """Regular hours that stay as they were."""
        if self.before is None or self.after is None:
            return ()
        return tuple(h for h in self.after.office_hours if h in self.before.office_hours)

    @property
    def names_added(self) -> tuple[str, ...]:
        return _new(self.before, self.after, "names")

    @property
    def names_removed(self) -> tuple[str, ...]:
        return _new(self.after, self.before, "names")

    @property
    def phones_added(self) -> tuple[str, ...]:
        return _new(self.before, self.after, "phones")

    @property
    def phones_removed(self) -> tuple[str, ...]:
        return _new(self.after, self.before, "phones")

    @property
    def address_changed(self) -> bool:
        both = self.before is not None and self.after is not None
        return both and self.before.address != self.after.address

    @property
    def districts_added(self) -> tuple[str, ...]:
        return _new(self.before, self.after, "district_ids")

    @property
    def districts_removed(self) -> tuple[str, ...]:
        return _new(self.after, self.before, "district_ids")

    @property
    def sources_changed(self) -> bool:
        """The sources or the coverage note: the desk's record, nothing residents read."""
        both = self.before is not None and self.after is not None
        return both and (
            (self.before.source, self.before.coverage) != (self.after.source, self.after.coverage)
        )

    @property
    def tells_residents(self) -> bool:
        """Whether residents of the area are to be told: anything they would see changed."""
        if self.added or self.removed:
            return True
        return bool(
            self.hours_changed or self.names_added or self.names_removed or self.phones_added
            or self.phones_removed or self.address_changed or self.districts_added
            or self.districts_removed
        )  # fmt: skip

    @property
    def district_ids(self) -> tuple[str, ...]:
        """Whom a notice reaches: every Ortsteil the area covered before or covers now."""
        ids = (*(self.before.district_ids if self.before else ()),)
        return tuple(dict.fromkeys((*ids, *(self.after.district_ids if self.after else ()))))


def diff_officers(
    before: tuple[Officer, ...], after: tuple[Officer, ...]
) -> tuple[AreaChange, ...]:
    """Every area that differs, matched by its id: the file's order, then the areas gone."""
    old = {o.area_id: o for o in before}
    new = {o.area_id: o for o in after}
    changes = [AreaChange(old.get(o.area_id), o) for o in after if old.get(o.area_id) != o]
    changes += [AreaChange(o, None) for o in before if o.area_id not in new]
    return tuple(changes)


def _hours(officer: Officer | None) -> list[OfficeHour]:
    return sorted(officer.office_hours, key=lambda h: (h.weekday, h.start)) if officer else []


def _new(before: Officer | None, after: Officer | None, field: str) -> tuple:
    """What `after` has in `field` that `before` has not (nothing if either is missing)."""
    if before is None or after is None:
        return ()
    had = set(getattr(before, field))
    return tuple(v for v in getattr(after, field) if v not in had)
