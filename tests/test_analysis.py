"""Analysis layers: figures come from the profile with sources; rings are geodesic; overlap is an intersection."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from pyproj import Geod

from mapgen import schema as S
from mapgen.analysis import analysis_layers, load_analysis_data
from mapgen.errors import MapgenError
from mapgen.gazetteer import load_gazetteer
from mapgen.layers import GROUP_ANALYSIS

GEOD = Geod(ellps="WGS84")


def test_shipped_figures_have_sources_and_say_how_they_were_made() -> None:
    data = load_analysis_data()
    assert {r.key for r in data.rings} == {"mig15-reach", "f86-reach"}
    for r in data.rings:
        src = data.sources[r.source]
        assert src.author and src.title and src.url.startswith("https://")
        assert r.range_km and 0 < r.radius_km < r.range_km / 2  # a combat radius is well under half the range
        assert "assumption" in r.basis  # the nominal radius is labelled for what it is


def test_layers_from_the_mini_gazetteer(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    layers = {lyr.key: lyr for lyr in analysis_layers(gaz)}
    assert set(layers) == {"mig15-reach", "f86-reach", "contested", "uncertainty"}
    assert all(lyr.rule.group == GROUP_ANALYSIS for lyr in layers.values())
    # the MiG ring: every vertex 440 km (geodesic) from Antung airfield
    ring = layers["mig15-reach"].places.geometry.iloc[0]
    for x, y in list(ring.exterior.coords)[:-1]:
        assert GEOD.inv(124.287, 40.03, x, y)[2] == pytest.approx(440_000, abs=0.01)
    # the overlap is inside both reaches and holds MiG Alley's heart (between the Yalu and the Chongchon)
    contested = layers["contested"].places.geometry.iloc[0]
    assert contested.within(ring.buffer(1e-9))
    assert contested.within(layers["f86-reach"].places.geometry.iloc[0].buffer(1e-9))
    assert contested.contains(shapely.Point(125.0, 39.9))
    # its popup cites the figures' sources, which travel with the layer
    cites = {c["source"] for c in layers["contested"].places[S.CITATIONS].iloc[0]}
    assert cites == {"usaf-soviet-pilots", "noland-mig15", "usaf-f86-factsheet"}
    assert cites <= set(layers["contested"].sources)


def test_uncertainty_circles_only_for_uncertain_points(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    unc = next(lyr for lyr in analysis_layers(gaz) if lyr.key == "uncertainty")
    assert list(unc.places[S.PLACE_ID]) == ["tungfeng-uncertainty"]
    assert unc.rule.dash  # drawn dashed
    x, y = next(iter(unc.places.geometry.iloc[0].exterior.coords))
    assert GEOD.inv(124.6, 40.6, x, y)[2] == pytest.approx(60_000, abs=0.01)


def test_only_keeps_the_asked_layers(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    assert [lyr.key for lyr in analysis_layers(gaz, only=["uncertainty"])] == ["uncertainty"]


def test_bad_analysis_file_reports_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.profile.toml"
    bad.write_text(
        '[[source]]\nid = "a"\ntitle = "A"\n\n[[ring]]\nkey = "x"\nname = "X"\naround = []\n'
        'range_km = 100\nradius_km = -5\nsource = "nope"\nbasis = "b"\n\n[[ring]]\nkey = "y"\n',
        encoding="utf-8",
    )
    with pytest.raises(MapgenError) as exc:
        load_analysis_data(bad)
    msg = str(exc.value)
    assert "3 problem(s)" in msg
    assert "source 'nope' is not among" in msg and "radius_km must be" in msg and "missing name" in msg


def test_overlap_keeps_only_areas() -> None:
    from mapgen.analysis import _polygonal

    a, b = shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)  # touch along an edge
    assert _polygonal(shapely.intersection(a, b)).is_empty
    mixed = shapely.GeometryCollection(
        [shapely.box(0, 0, 1, 1), shapely.Point(5, 5), shapely.LineString([(7, 7), (8, 8)])]
    )
    assert _polygonal(mixed).geom_type == "Polygon"
