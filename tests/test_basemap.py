"""The offline land: coarse Natural Earth everywhere, detailed only around the subject, no clipped box."""

from __future__ import annotations

from pathlib import Path

import shapely
from shapely.geometry import box, shape

from mapgen.gazetteer import load_gazetteer
from mapgen.pipeline import basemap_for, load_basemap, theatre_box
from mapgen.profile import profile_for

REPO = Path(__file__).resolve().parents[1]


def test_a_map_with_no_profile_gets_the_world_and_detail_where_its_data_is(tmp_path: Path) -> None:
    gaz = load_gazetteer(REPO / "examples" / "hanse" / "kontore.lpf.json")
    bm = basemap_for(profile_for(gaz), gaz)
    assert bm is not None
    land = shapely.union_all([shape(f["geometry"]) for f in bm["features"]])
    w, s, e, n = land.bounds
    assert w < -150 and e > 150 and s < -50 and n > 70  # the whole world, not a box
    theatre = box(*bm["theatre"])
    assert theatre.contains(box(*gaz.places.total_bounds))
    assert all("name" not in f["properties"] for f in bm["features"])  # no words of other subjects


def test_the_first_subject_keeps_its_own_theatre() -> None:
    gaz = load_gazetteer()
    assert basemap_for(profile_for(gaz), gaz) == load_basemap()


def test_theatre_box_has_a_margin() -> None:
    assert theatre_box((12.3, 45.4, 12.4, 45.5)) == (9.3, 42.4, 15.4, 48.5)
