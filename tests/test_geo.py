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


BAD_RINGS = [
    pytest.param((37.5, 126.8, 10.0), "GeoJSON order", id="lat-lon-swapped"),
    pytest.param((200.0, 37.5, 10.0), "GeoJSON order", id="lon-out-of-range"),
    pytest.param((125.0, 40.0, 0.0), "positive", id="zero-radius"),
    pytest.param((125.0, 40.0, -5.0), "positive", id="negative-radius"),
    pytest.param((125.0, 40.0, 9000.0), "too large", id="too-large"),
]


@pytest.mark.parametrize(("args", "match"), BAD_RINGS)
def test_bad_rings_are_refused_clearly(args: tuple[float, float, float], match: str) -> None:
    lon, lat, km = args
    with pytest.raises(MapgenError, match=match) as err:
        geodesic_ring(lon, lat, km)
    # the message shows the value it refused: this case's own input, not another's
    found = f"({lon!r}, {lat!r})" if match == "GeoJSON order" else repr(km)
    assert found in str(err.value)


@pytest.mark.parametrize("args", [(126.8, 37.5, 10.0), (160.0, 37.5, 10.0), (125.0, 40.0, 5.0), (125.0, 40.0, 1000.0)])
def test_the_bad_rings_fixed_are_drawn(args: tuple[float, float, float]) -> None:
    """Each refused case above, with its one fault corrected, is accepted: the fault is what is refused."""
    assert geodesic_ring(*args).is_valid


def test_the_pole_shortcut_gives_the_ellipsoid_answer():
    """The check without pyproj far from the poles agrees with walking the ellipsoid, band included."""
    from mapgen.geo import _reaches_pole

    for lat in (-89.5, -89.0, -85.0, -40.0, 0.0, 37.5, 80.0, 88.0, 89.0, 89.5):
        for km in (1.0, 50.0, 99.0, 99.6, 100.0, 200.0, 1000.0, 4999.0):
            _, north, _ = GEOD.fwd(10.0, lat, 0.0, km * 1000.0)
            _, south, _ = GEOD.fwd(10.0, lat, 180.0, km * 1000.0)
            assert _reaches_pole(10.0, lat, km) == (abs(north) >= 89.9 or abs(south) >= 89.9), (lat, km)


def test_validating_the_shipped_gazetteer_needs_no_pyproj():
    """pyproj is a sixth of a command's start-up: only a ring near a pole or a distance needs it."""
    import subprocess
    import sys

    code = (
        "import sys; from mapgen.gazetteer import load_place_names; load_place_names(); print('pyproj' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
