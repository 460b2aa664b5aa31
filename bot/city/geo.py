"""Which Ortsteil a point lies in: the Ortsteil boundaries from OpenStreetMap (ODbL), bundled
beside the city data, tested with shapely. A point is used for this one answer and never kept."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

from bot.city.model import City, District
from bot.city.names import districts_named

ATTRIBUTION = "© OpenStreetMap contributors, ODbL (openstreetmap.org/copyright)"


@dataclass(frozen=True)
class Boundaries:
    """The city's Ortsteile as polygons, each with its district."""

    areas: tuple[tuple[District, object], ...]

    def district_at(self, latitude: float, longitude: float) -> District | None:
        """The district the point lies in; None outside the city (or for a bad point)."""
        point = Point(longitude, latitude)  # GeoJSON order: longitude first
        return next((d for d, area in self.areas if area.covers(point)), None)


def city_boundaries(city: City) -> Boundaries | None:
    """The city's district boundaries from its city file's GeoJSON; None if it names none."""
    return load_boundaries(city.boundaries_file, city) if city.boundaries_file else None


def load_boundaries(path: Path, city: City) -> Boundaries:
    """Read a GeoJSON FeatureCollection whose features are named like the districts.
    Raises ValueError for a feature that names no district, or a district without one."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    areas = []
    for feature in features:
        name = feature["properties"]["name"]
        found = districts_named(name, city)
        if len(found) != 1 or found[0].name.replace(" ", "") != name.replace(" ", ""):
            raise ValueError(f"{path.name}: {name!r} is not exactly one district")
        area = shape(feature["geometry"])
        shapely.prepare(area)
        areas.append((found[0], area))
    missing = {d.id for d in city.districts} - {d.id for d, _ in areas}
    if missing:
        raise ValueError(f"{path.name}: no boundary for {sorted(missing)}")
    return Boundaries(tuple(areas))
