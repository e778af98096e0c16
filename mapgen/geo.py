"""Geodesic geometry on the WGS84 ellipsoid: rings of a given radius around a point.

Why geodesic: the analysis rings are hundreds of kilometres wide and span
37-42 N. A buffer in degrees is wrong by up to ~94 km there (a degree of
longitude is ~20 % shorter than a degree of latitude), and a buffer in a UTM
zone is off by a few hundred metres and grows worse away from the zone's
central meridian. ``pyproj.Geod.fwd`` walks the true distance from the centre
along each bearing on the ellipsoid, so every vertex of a ring lies exactly
``radius_km`` from its centre (tests check this with ``Geod.inv``).

Imports only the leaf modules of mapgen (schema, errors) plus pyproj/shapely.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pyproj import Geod
    from shapely.geometry import Polygon

from .errors import MapgenError

MAX_VERTICES = 180  # one vertex every 2 degrees of bearing
MIN_VERTICES = 32
SAGITTA_KM = 0.1  # how far a chord between two vertices may fall inside the true circle
MAX_RING_KM = 5000.0  # a larger ring wraps a pole or the antimeridian on this map
MIN_RING_KM = 0.01  # a smaller one is a dot: its vertices coincide at the precision the page keeps


@cache
def wgs84() -> Geod:
    """The WGS84 ellipsoid of pyproj, made on first use: pyproj costs a sixth of a command's start-up,
    and most commands (validation, mentions of names no two places share) never measure along it."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def ring_vertices(radius_km: float) -> int:
    """Enough vertices that no chord strays more than SAGITTA_KM inside the circle (small rings stay small)."""
    if radius_km <= SAGITTA_KM:
        return MIN_VERTICES
    n = math.ceil(math.pi / math.acos(1 - SAGITTA_KM / radius_km))
    return max(MIN_VERTICES, min(MAX_VERTICES, n))


def geodesic_ring(lon: float, lat: float, radius_km: float, n: int | None = None) -> Polygon:
    """A polygon whose vertices lie ``radius_km`` from (lon, lat) along the ellipsoid.

    Parameters
    ----------
    lon, lat
        The centre in degrees (EPSG:4326, GeoJSON order).
    radius_km
        Geodesic distance from the centre to every vertex, in kilometres.
    n
        Number of vertices (bearings evenly spaced); default from :func:`ring_vertices`.

    Returns
    -------
    shapely.Polygon
        In EPSG:4326 (lon, lat), closed, counter-clockwise exterior.
    """
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        msg = f"ring centre ({lon!r}, {lat!r}) is not a lon/lat in degrees; GeoJSON order is [lon, lat]"
        raise MapgenError(msg)
    if not radius_km > 0:
        msg = f"ring radius must be a positive number of kilometres, found {radius_km!r}"
        raise MapgenError(msg)
    problem = ring_problem(lon, lat, radius_km)
    if problem:
        raise MapgenError(problem)
    n = n or ring_vertices(radius_km)
    bearings = np.linspace(0.0, 360.0, n, endpoint=False)
    from shapely.geometry import Polygon

    lons, lats, _ = wgs84().fwd(np.full(n, lon), np.full(n, lat), bearings, np.full(n, radius_km * 1000.0))
    ring = Polygon(list(zip(lons.tolist(), lats.tolist(), strict=False)))
    # clockwise bearings give a clockwise ring; GeoJSON (RFC 7946) wants CCW exteriors
    return ring.reverse() if not ring.exterior.is_ccw else ring


def ring_problem(lon: float, lat: float, radius_km: float) -> str | None:
    """Why a ring of ``radius_km`` around (lon, lat) cannot be drawn in lon/lat, or None.

    The gazetteer's validation asks the same question, so that a gazetteer
    ``mapgen validate`` accepts never fails here.
    """
    if radius_km >= MAX_RING_KM:
        return f"ring radius {radius_km!r} km is too large for this map (at most {MAX_RING_KM:g} km: a larger ring wraps a pole or the antimeridian)"
    if not radius_km >= MIN_RING_KM:
        return f"ring radius {radius_km!r} km is too small to draw (at least {MIN_RING_KM:g} km)"
    if lat + radius_km / 111.0 >= 89.9 or lat - radius_km / 111.0 <= -89.9 or _reaches_pole(lon, lat, radius_km):
        return f"a ring of {radius_km:g} km around latitude {lat:g} would reach a pole, which this map cannot draw"
    if (
        abs(lon) + math.degrees(radius_km / (6371.0 * max(math.cos(math.radians(abs(lat) + radius_km / 111.0)), 1e-6)))
        >= 180
    ):
        return f"a ring of {radius_km:g} km around longitude {lon:g} would cross the antimeridian, which this map cannot draw"
    return None


#: A degree of latitude is at least this long (110.574 km at the equator, more towards the poles).
_MIN_KM_PER_DEGREE_LAT = 110.5


def _reaches_pole(lon: float, lat: float, radius_km: float) -> bool:
    """Whether walking ``radius_km`` due north or south from (lon, lat) reaches latitude 89.9.

    Far from the poles the answer is known without the ellipsoid (a degree of latitude is never
    shorter than :data:`_MIN_KM_PER_DEGREE_LAT`), so validating a gazetteer needs no pyproj.
    """
    if abs(lat) + radius_km / _MIN_KM_PER_DEGREE_LAT < 89.9:
        return False
    _, north, _ = wgs84().fwd(lon, lat, 0.0, radius_km * 1000.0)
    _, south, _ = wgs84().fwd(lon, lat, 180.0, radius_km * 1000.0)
    return bool(abs(north) >= 89.9 or abs(south) >= 89.9)


def geodesic_distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance along the WGS84 ellipsoid between two lon/lat points, in kilometres."""
    _, _, metres = wgs84().inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0
