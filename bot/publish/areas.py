"""Each Ortsteil's area as CAP wants it: one or more polygons of "lat,lon" pairs, each a closed
ring (first pair = last), from the bundled OpenStreetMap boundaries (bot/city/geo.py),
simplified to about 30 m (the whole city's outline to 100 m), to 4 decimals (about 10 m)."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

from bot.city.geo import Boundaries

TOLERANCE = 0.0003  # degrees, about 30 m in Jena
CITY_TOLERANCE = 0.001  # the whole city's outline: about 100 m
DIGITS = 4  # about 10 m


@dataclass(frozen=True)
class Areas:
    """CAP polygons per district id, and one for the whole city."""

    by_district: dict[str, tuple[str, ...]]
    whole_city: tuple[str, ...]

    def of(self, district_id: str) -> tuple[str, ...]:
        return self.by_district.get(district_id, ())


NO_AREAS = Areas({}, ())


def cap_areas(boundaries: Boundaries | None) -> Areas:
    """The polygons of every district; none without boundaries."""
    if boundaries is None:
        return NO_AREAS
    shapes = {district.id: shape for district, shape in boundaries.areas}
    city = unary_union(list(shapes.values())).buffer(0)
    return Areas(
        {district_id: _polygons(shape) for district_id, shape in shapes.items()},
        _polygons(city, CITY_TOLERANCE),
    )


def _polygons(geometry, tolerance: float = TOLERANCE) -> tuple[str, ...]:
    simple = geometry.simplify(tolerance, preserve_topology=True)
    parts = simple.geoms if isinstance(simple, MultiPolygon) else [simple]
    return tuple(_ring(part) for part in parts if isinstance(part, Polygon) and not part.is_empty)


def _ring(polygon: Polygon) -> str:
    """The outer ring, latitude first (GeoJSON and shapely keep longitude first)."""
    points = [(round(lat, DIGITS), round(lon, DIGITS)) for lon, lat in polygon.exterior.coords]
    if points[0] != points[-1]:
        points.append(points[0])
    return " ".join(f"{lat},{lon}" for lat, lon in points)
