"""Great-circle geometry without PostGIS.

Distances are haversine distances on a sphere of the Earth's mean radius, the same formula in
Python and in SQL. "Near" queries find candidates through a GiST index on
``point(longitude, latitude)`` with bounding boxes that contain the whole search circle, then
compute the exact distance for the final order and the radius filter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Float, bindparam, func, literal, or_

EARTH_RADIUS_M = 6_371_008.8
_MARGIN_DEG = 1e-7
"""About a centimetre: keeps floating-point rounding from cutting the circle's edge off."""


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = (math.radians(lon2) - math.radians(lon1)) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


Degrees = float | ColumnElement[float]
"""A value in degrees, or a parameter bound at execution."""


def distance_sql(
    lat_column: Any, lon_column: Any, lat: Degrees, lon: Degrees
) -> ColumnElement[float]:
    """The SQL twin of ``distance_m`` from a fixed point to the row's coordinates."""
    phi1 = func.radians(_degrees(lat))
    phi2 = func.radians(lat_column)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = (func.radians(lon_column) - func.radians(_degrees(lon))) / 2
    h = func.power(func.sin(half_dphi), 2) + func.cos(phi1) * func.cos(phi2) * func.power(
        func.sin(half_dlambda), 2
    )
    return 2 * EARTH_RADIUS_M * func.asin(func.sqrt(func.least(1.0, h)))


@dataclass(frozen=True, slots=True)
class Box:
    south: float
    west: float
    north: float
    east: float


def bounding_boxes(lat: float, lon: float, radius_m: float) -> list[Box]:
    """Boxes (in degrees) that together hold every point within ``radius_m`` of the centre.

    The longitude span is the exact extent of a spherical cap; a circle reaching over a pole
    takes every longitude, and one crossing the antimeridian (Chukotka) is split in two.
    """
    angular = radius_m / EARTH_RADIUS_M
    reach = math.degrees(angular) + _MARGIN_DEG
    south, north = lat - reach, lat + reach
    if south <= -90 or north >= 90:
        return [Box(max(south, -90.0), -180.0, min(north, 90.0), 180.0)]
    spread = math.sin(angular) / math.cos(math.radians(lat))
    if spread >= 1:
        return [Box(south, -180.0, north, 180.0)]
    span = math.degrees(math.asin(spread)) + _MARGIN_DEG
    west, east = lon - span, lon + span
    if west < -180:
        return [Box(south, west + 360, north, 180.0), Box(south, -180.0, north, east)]
    if east > 180:
        return [Box(south, west, north, 180.0), Box(south, -180.0, north, east - 360)]
    return [Box(south, west, north, east)]


def location(lat_column: Any, lon_column: Any) -> ColumnElement[Any]:
    """The indexed expression: a ``point`` with x = longitude, y = latitude."""
    return func.point(lon_column, lat_column)


def within_boxes(point: ColumnElement[Any], boxes: list[Box]) -> ColumnElement[bool]:
    return _within(point, [(b.west, b.south, b.east, b.north) for b in boxes])


_SIDES = ("west", "south", "east", "north")


def within_bound_boxes(point: ColumnElement[Any], count: int) -> ColumnElement[bool]:
    """``within_boxes`` for ``count`` boxes bound at execution (``box_params`` has the values)."""
    corners = [
        tuple(bindparam(f"box{i}_{side}", type_=Float) for side in _SIDES) for i in range(count)
    ]
    return _within(point, corners)


def box_params(boxes: Sequence[Box]) -> dict[str, float]:
    return {f"box{i}_{side}": getattr(box, side) for i, box in enumerate(boxes) for side in _SIDES}


def _within(point: ColumnElement[Any], corners: Sequence[Sequence[Any]]) -> ColumnElement[bool]:
    return or_(
        *(
            point.op("<@")(func.box(func.point(west, south), func.point(east, north)))
            for west, south, east, north in corners
        )
    )


def _degrees(value: Degrees) -> ColumnElement[float]:
    return value if isinstance(value, ColumnElement) else literal(value, Float)
