"""The city data file (TOML): read it, check every key and build the City (bot/city/model.py)
from it, naming the bad key when it is wrong; and the number check's rules for the city."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import holidays

from bot.city.model import Alias, City, Contact, District, LocalSite, Officer, ReportRules
from bot.city.officehours import OfficeHour
from bot.numbercheck import CheckRules, NumberRegistry

_ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


class CityDataError(Exception):
    """The city file is unreadable or invalid; the message names the key and the problem."""


def check_rules(city: City, extra_telegram: tuple[str, ...] = ()) -> CheckRules:
    """The number check's rules for this city (build once: it reads the data files)."""
    return CheckRules.build(
        registry=city.number_registry,
        official_domains=city.official_domains,
        official_telegram=(*city.official_telegram, *extra_telegram),
        city_name=city.name,
        local_sites={site.domain: site.owner for site in city.local_sites},
    )


def load_city(path: Path | str) -> City:
    """Read and validate a city file. Raises CityDataError naming the bad key."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CityDataError(f"city file {path}: cannot be read ({error.strerror})") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CityDataError(f"city file {path}: not valid TOML ({error})") from error
    try:
        city = _parse(raw)
    except CityDataError as error:
        raise CityDataError(f"city file {path}: {error}") from None
    boundaries = _table(raw, "city").get("boundaries")
    if boundaries is None:
        return city
    boundaries_file = path.parent / str(boundaries)
    if not boundaries_file.is_file():
        raise CityDataError(f"city file {path}: city.boundaries: no file {boundaries_file.name}")
    return replace(city, boundaries_file=boundaries_file)


def _parse(raw: dict[str, Any]) -> City:
    city = _table(raw, "city")
    subdivision = _text(city, "holiday_subdivision", "city")
    if subdivision not in holidays.Germany.subdivisions:
        raise CityDataError(
            f"city.holiday_subdivision: {subdivision!r} is not a German state code "
            f"(one of {', '.join(holidays.Germany.subdivisions)})"
        )
    districts = tuple(
        _district(d, f"districts[{i}]") for i, d in enumerate(_list(raw, "districts"))
    )
    if not districts:
        raise CityDataError("districts: at least one district is needed")
    ids = [d.id for d in districts]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise CityDataError(f"districts: id {duplicate!r} appears twice")
    officers = tuple(
        _officer(o, f"officers[{i}]", set(ids)) for i, o in enumerate(_list(raw, "officers"))
    )
    return City(
        id=_text(city, "id", "city"),
        name=_text(city, "name", "city"),
        holiday_subdivision=subdivision,
        website=_url(city, "website", "city"),
        police_name=_text(city, "police_name", "city"),
        police_website=_url(city, "police_website", "city"),
        police_address=_text(city, "police_address", "city", required=False),
        districts=districts,
        officers=officers,
        contacts=tuple(_contact(c, f"contacts[{i}]") for i, c in enumerate(_list(raw, "contacts"))),
        number_registry=_registry(_list(raw, "official_numbers")),
        official_domains=_texts(raw, "official_domains", ""),
        official_telegram=_texts(raw, "official_telegram", ""),
        switchboard=_text(city, "switchboard", "city", required=False),
        police_phone=_text(city, "police_phone", "city", required=False),
        card_block_number=_text(city, "card_block_number", "city", required=False),
        local_sites=tuple(
            _local_site(item, f"local_sites[{i}]")
            for i, item in enumerate(_list(raw, "local_sites"))
        ),
        aliases=tuple(
            _alias(item, f"aliases[{i}]", set(ids)) for i, item in enumerate(_list(raw, "aliases"))
        ),
        common_district_ids=_known_ids(raw, "common_districts", set(ids)),
        report_rules=_report_rules(raw),
    )


def _report_rules(raw: dict[str, Any]) -> ReportRules:
    table = _as_table(raw.get("reports", {}), "reports")
    values = {}
    for key in ("spike_per_number", "spike_per_kind", "window_hours"):
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise CityDataError(f"reports.{key}: expected a whole number of at least 1")
            values[key] = value
    unknown = sorted(set(table) - {"spike_per_number", "spike_per_kind", "window_hours"})
    if unknown:
        raise CityDataError(f"reports: unknown key {unknown[0]!r}")
    return ReportRules(**values)


def _known_ids(raw: dict[str, Any], key: str, known: set[str]) -> tuple[str, ...]:
    ids = _texts(raw, key, "")
    unknown = next((i for i in ids if i not in known), None)
    if unknown:
        raise CityDataError(f"{key}: {unknown!r} is not a district id")
    return ids


def _district(raw: Any, where: str) -> District:
    table = _as_table(raw, where)
    district_id = _text(table, "id", where)
    if not _ID_SHAPE.match(district_id):
        raise CityDataError(
            f"{where}.id: {district_id!r} must be lowercase letters, digits and '-', "
            "at most 32 characters"
        )
    return District(district_id, _text(table, "name", where))


def _alias(raw: Any, where: str, known: set[str]) -> Alias:
    table = _as_table(raw, where)
    # A top-level key written below [[aliases]] lands in the alias in TOML: refuse it loudly.
    extra = sorted(set(table) - {"name", "districts", "reason"})
    if extra:
        raise CityDataError(f"{where}: unknown key {extra[0]!r} (top-level keys go above it)")
    district_ids = _texts(table, "districts", where)
    unknown = next((d for d in district_ids if d not in known), None)
    if unknown or not district_ids:
        raise CityDataError(f"{where}.districts: {unknown!r} is not a district id")
    return Alias(_text(table, "name", where), district_ids, _text(table, "reason", where))


def _officer(raw: Any, where: str, known: set[str]) -> Officer:
    table = _as_table(raw, where)
    district_ids = _texts(table, "districts", where)
    for district_id in district_ids:
        if district_id not in known:
            raise CityDataError(f"{where}.districts: {district_id!r} is not a district id")
    hours = []
    for i, text in enumerate(_texts(table, "office_hours", where)):
        try:
            hours.append(OfficeHour.parse(text))
        except ValueError as error:
            raise CityDataError(f"{where}.office_hours[{i}]: {error}") from None
    return Officer(
        area=_text(table, "area", where),
        district_ids=district_ids,
        names=_texts(table, "names", where),
        address=_text(table, "address", where, required=False),
        office_hours=tuple(hours),
        phones=_texts(table, "phones", where),
        source=_text(table, "source", where),
        coverage=_text(table, "coverage", where, required=False),
    )


def _local_site(raw: Any, where: str) -> LocalSite:
    table = _as_table(raw, where)
    domain = _text(table, "domain", where).lower()
    if "." not in domain or "/" in domain:
        raise CityDataError(f"{where}.domain: {domain!r} is not a domain name like 'uni-jena.de'")
    return LocalSite(domain, _text(table, "owner", where), _text(table, "source", where))


def _contact(raw: Any, where: str) -> Contact:
    table = _as_table(raw, where)
    contact = Contact(
        name=_text(table, "name", where),
        phone=_text(table, "phone", where, required=False),
        web=_text(table, "web", where, required=False),
        source=_text(table, "source", where),
    )
    if not (contact.phone or contact.web):
        raise CityDataError(f"{where}: needs a phone or a web address")
    return contact


def _registry(items: list[Any]) -> NumberRegistry:
    try:
        return NumberRegistry.from_config(items)
    except ValueError as error:  # names the entry, e.g. official_numbers[3].number
        raise CityDataError(str(error)) from None


def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    if key not in raw:
        raise CityDataError(f"{key}: missing table [{key}]")
    return _as_table(raw[key], key)


def _as_table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CityDataError(f"{where}: expected a table")
    return value


def _list(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise CityDataError(f"{key}: expected a list")
    return value


def _text(table: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    if key not in table:
        if required:
            raise CityDataError(f"{_key(where, key)}: missing")
        return ""
    value = table[key]
    if not isinstance(value, str):
        raise CityDataError(f"{_key(where, key)}: expected text, got {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise CityDataError(f"{_key(where, key)}: must not be empty")
    return value


def _texts(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CityDataError(f"{_key(where, key)}: expected a list of non-empty texts")
    return tuple(v.strip() for v in value)


def _url(table: dict[str, Any], key: str, where: str) -> str:
    value = _text(table, key, where)
    if not value.startswith("https://"):
        raise CityDataError(f"{_key(where, key)}: expected an https:// address, got {value!r}")
    return value
