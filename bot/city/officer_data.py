"""The officer data of a city file as one canonical JSON text, to compare and to keep: what
residents were last told (bot/storage/city_snapshot.py) against what the file says now. And
the rest of the file, which a reload must leave as it is (districts, numbers …)."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.city.data import CityDataError, load_city
from bot.city.model import City, Officer
from bot.city.officehours import WEEKDAYS_DE, OfficeHour

OFFICERS_KEY = "officers"  # the city file's key of the officer data


@dataclass(frozen=True)
class CityFile:
    """A city file as read now: the City, its officer data as canonical JSON, and every other
    key of the file as canonical JSON (one entry per top-level key)."""

    city: City
    officers_json: str
    others: dict[str, str]


def read_city_file(path: Path | str) -> CityFile:
    """Read and validate the city file (CityDataError naming the problem)."""
    city = load_city(path)
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:  # changed meanwhile
        raise CityDataError(f"city file {path}: cannot be read again ({error})") from None
    others = {key: _canonical(value) for key, value in raw.items() if key != OFFICERS_KEY}
    return CityFile(city, officers_json(city.officers), others)


def changed_keys(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The top-level keys other than the officers whose values differ (or that came or went)."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def officers_json(officers: tuple[Officer, ...]) -> str:
    return _canonical([_plain(o) for o in officers])


def officers_from_json(text: str) -> tuple[Officer, ...]:
    return tuple(
        Officer(
            area=item["area"],
            district_ids=tuple(item["districts"]),
            names=tuple(item["names"]),
            address=item["address"],
            office_hours=tuple(OfficeHour.parse(h) for h in item["office_hours"]),
            phones=tuple(item["phones"]),
            source=item["source"],
            coverage=item["coverage"],
        )
        for item in json.loads(text)
    )


def hour_text(hour: OfficeHour) -> str:
    """'Do 15:00-17:00', as the city file writes it."""
    return f"{WEEKDAYS_DE[hour.weekday]} {hour.start:%H:%M}-{hour.end:%H:%M}"


def _plain(officer: Officer) -> dict[str, Any]:
    return {
        "area": officer.area,
        "districts": list(officer.district_ids),
        "names": list(officer.names),
        "address": officer.address,
        "office_hours": [hour_text(h) for h in officer.office_hours],
        "phones": list(officer.phones),
        "source": officer.source,
        "coverage": officer.coverage,
    }


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
