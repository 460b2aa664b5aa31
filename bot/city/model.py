"""The city as the bot knows it: districts (Ortsteile), the names residents use for them,
contact officers, official numbers and contacts, the rules for reports' spikes. Read and
checked from the city's TOML file by bot/city/data.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.city.officehours import OfficeHour
from bot.numbercheck import NumberRegistry


@dataclass(frozen=True)
class District:
    """An Ortsteil: its stable id (used in links and the database) and its name."""

    id: str
    name: str


@dataclass(frozen=True)
class Alias:
    """A name residents use for one or more Ortsteile ("Lobeda"), with why it means them."""

    name: str
    district_ids: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Officer:
    """A police contact area (Kontaktbereich) and its contact officers (Kontaktbereichsbeamte):
    the Ortsteile it covers, and the source for the officers and for the coverage."""

    area: str
    district_ids: tuple[str, ...]
    names: tuple[str, ...]
    address: str
    office_hours: tuple[OfficeHour, ...]
    phones: tuple[str, ...]
    source: str
    coverage: str = ""

    @property
    def area_id(self) -> str:
        """The area's name as an id: "Jena-Winzerla" -> "jena-winzerla" (the command line's
        --area, the desk's changes of its hours)."""
        return area_id(self.area)


def area_id(name: str) -> str:
    folded = name.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    folded = folded.replace("ß", "ss")
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    web: str
    source: str


@dataclass(frozen=True)
class LocalSite:
    """A local institution's website that is not the city administration's."""

    domain: str
    owner: str
    source: str


@dataclass(frozen=True)
class ReportRules:
    """When residents' reports make a wave the comms desk is told about: this many reports of
    one number, or of one kind in one district, within `window_hours`."""

    spike_per_number: int = 5
    spike_per_kind: int = 10
    window_hours: int = 24


@dataclass(frozen=True)
class City:
    id: str
    name: str
    holiday_subdivision: str
    website: str
    police_name: str
    police_website: str
    police_address: str
    districts: tuple[District, ...]
    officers: tuple[Officer, ...]
    contacts: tuple[Contact, ...]
    number_registry: NumberRegistry  # the official numbers and number blocks
    official_domains: tuple[str, ...]
    official_telegram: tuple[str, ...]
    switchboard: str = ""  # the city's central phone number, for "call us if in doubt"
    police_phone: str = ""  # where to report a fraud by phone
    card_block_number: str = ""  # the card-blocking line, for help after a scam
    # real local institutions that are not the administration, each with its source
    local_sites: tuple[LocalSite, ...] = ()
    aliases: tuple[Alias, ...] = ()
    common_district_ids: tuple[str, ...] = ()  # shown first in the picker (most residents)
    report_rules: ReportRules = ReportRules()
    boundaries_file: Path | None = None  # GeoJSON of the districts' boundaries, if any

    def district(self, district_id: str) -> District | None:
        return next((d for d in self.districts if d.id == district_id), None)

    def district_name(self, district_id: str) -> str:
        """The district's name; its id if the city data no longer has it."""
        district = self.district(district_id)
        return district.name if district else district_id

    def officers_for(self, district_id: str) -> tuple[Officer, ...]:
        return tuple(o for o in self.officers if district_id in o.district_ids)

    def use_officers(self, officers: tuple[Officer, ...]) -> None:
        """The one change of a City after start: the officer data reloaded from the city file
        (bot/city_reload.py, on SIGHUP). Every service holds this one City, so /kontakt, the
        answer to subscribing and the next office hour use the new officers at once; the
        districts and everything else stay."""
        object.__setattr__(self, "officers", tuple(officers))
