"""Geodesic rings: every vertex at the stated distance, checked with Geod.inv."""

from __future__ import annotations

import pytest
from pyproj import Geod

from mapgen.errors import MapgenError
from mapgen.geo import geodesic_distance_km, geodesic_ring, ring_vertices

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(
    ("lon", "lat", "km"), [(124.287, 40.03, 440.0), (126.79, 37.56, 480.0), (124.6, 40.6, 75.0), (125.0, 41.0, 3.0)]
)
def test_every_vertex_lies_at_the_radius(lon: float, lat: float, km: float) -> None:
    ring = geodesic_ring(lon, lat, km)
    coords = list(ring.exterior.coords)[:-1]
    assert len(coords) == ring_vertices(km)
    for x, y in coords:
        _, _, metres = GEOD.inv(lon, lat, x, y)
        assert metres == pytest.approx(km * 1000, abs=0.01)  # centimetres, not the ~94 km of a degree buffer
    assert ring.is_valid and ring.exterior.is_ccw  # RFC 7946 winding


def test_ring_is_not_a_degree_circle() -> None:
    # at 40 N a degree of longitude is ~85 km, of latitude ~111 km: the ring is wider in degrees than tall
    ring = geodesic_ring(125.0, 40.0, 400.0)
    minx, miny, maxx, maxy = ring.bounds
    assert (maxx - minx) / (maxy - miny) == pytest.approx(1.31, abs=0.03)


def test_distance_km() -> None:
    # Kimpo to Antung airfield: about 355 km
    assert geodesic_distance_km(126.79, 37.56, 124.287, 40.03) == pytest.approx(354, abs=15)


@pytest.mark.parametrize(
    ("args", "match"),
    [((37.5, 126.8, 10), "GeoJSON order"), ((125, 40, 0), "positive"), ((125, 40, 9000), "too large")],
)
def test_bad_rings_are_refused_clearly(args: tuple[float, float, float], match: str) -> None:
    lon, lat, km = args
    if match == "GeoJSON order":
        lon, lat = 200.0, 37.5
    with pytest.raises(MapgenError, match=match):
        geodesic_ring(lon, lat, km)
