"""Samples of the notice residents get when the police change a contact area's officer data
(hours_changed.html.j2, bot/city_reload.py). Every value is the bundled city's: the changes
move its own hours, names, phones and Ortsteile around, and invent none."""

from __future__ import annotations

from dataclasses import replace

from bot.city.model import Officer
from bot.city.officehours import OfficeHour, next_opening
from bot.city.officer_diff import AreaChange
from bot.devtools.template_samples.base import Sample, rendered, world
from bot.texts import Texts


def _area(area_id: str) -> Officer:
    return next(o for o in world().city.officers if o.area_id == area_id)


def changes() -> list[tuple[str, AreaChange]]:
    """(variant, change) for each branch of the notice."""
    city = world().city
    winzerla, lobeda, north = (
        _area("jena-winzerla"), _area("jena-lobeda"), _area("jena-nord-jena-ost")
    )  # fmt: skip
    monday = winzerla.office_hours[0]
    later = OfficeHour.parse("Do 15:00-18:00")  # the example: an hour longer
    return [
        ("new hours", AreaChange(winzerla, replace(winzerla, office_hours=(monday, later)))),
        ("an hour dropped", AreaChange(winzerla, replace(winzerla, office_hours=(monday,)))),
        ("no fixed hours", AreaChange(winzerla, replace(winzerla, office_hours=()))),
        (
            "a new phone and address",
            AreaChange(
                lobeda,
                replace(lobeda, phones=(city.police_phone,), address=city.police_address),
            ),
        ),
        ("an officer left", AreaChange(lobeda, replace(lobeda, names=lobeda.names[:1]))),
        (
            "an officer joined",
            AreaChange(winzerla, replace(winzerla, names=(*winzerla.names, lobeda.names[1]))),
        ),
        (
            "Ortsteile added and removed",
            AreaChange(north, replace(north, district_ids=("nord", "zwaetzen"))),
        ),
        ("a new area", AreaChange(None, winzerla)),
        ("an area gone", AreaChange(north, None)),
    ]


def samples(texts: Texts, language: str) -> list[Sample]:
    city, now = world().city, world().now
    return [
        rendered(
            texts,
            language,
            "hours_changed.html.j2",
            variant,
            change=change,
            next_opening=None
            if change.removed
            else next_opening(change.officer.office_hours, now, city.holiday_subdivision),
            district_name=city.district_name,
        )
        for variant, change in changes()
    ]
