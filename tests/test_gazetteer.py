"""The gazetteer loads into a GeoDataFrame, and each bad input gets a precise message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mapgen import schema as S
from mapgen.errors import GazetteerError
from mapgen.gazetteer import default_gazetteer_path, load_gazetteer, load_place_names, validate_gazetteer


def test_loads_into_geodataframe_in_4326(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    assert gaz.places.crs.to_epsg() == 4326
    assert list(gaz.places.columns) == list(S.PLACE_COLUMNS)
    assert gaz.places[S.PLACE_ID].is_unique
    row = gaz.places.set_index(S.PLACE_ID).loc["antung-airfield"]
    assert (row[S.LON], row[S.LAT]) == (124.287, 40.03)  # lon, lat order kept
    assert row[S.SIDE] == ("Soviet", "Chinese")
    assert row[S.WHEN_START] == "1950-11" and row[S.WHEN_END] == "1953-07-27"
    assert set(gaz.sources) == {"test-atlas", "test-article"}


def test_representative_point_lies_on_lines_and_in_polygons(mini_path: Path) -> None:
    from shapely.geometry import Point

    places = load_gazetteer(mini_path).places.set_index(S.PLACE_ID)
    for pid in ("yalu", "mig-alley"):
        row = places.loc[pid]
        assert row[S.GEOMETRY].distance(Point(row[S.LON], row[S.LAT])) < 1e-6


def test_name_variants_include_titles_and_names(mini_path: Path) -> None:
    variants = set(load_gazetteer(mini_path).name_variants())
    assert ("antung", "Antung") in variants and ("antung", "Dandong") in variants
    assert ("kimpo", "K-14") in variants


@pytest.mark.parametrize("which", ["mini", "shipped"])
def test_place_names_match_the_places_frame(mini_path: Path, which: str) -> None:
    """The light loader of `mapgen mentions` gives the frame's ids, variants and points exactly."""
    path = mini_path if which == "mini" else default_gazetteer_path()
    gaz, names = load_gazetteer(path), load_place_names(path)
    assert list(names.name_variants()) == list(gaz.name_variants())
    assert names.ids == tuple(gaz.places[S.PLACE_ID])
    frame = {
        pid: (lon, lat)
        for pid, lon, lat in zip(gaz.places[S.PLACE_ID], gaz.places[S.LON], gaz.places[S.LAT], strict=True)
    }
    assert dict(names.points) == frame
    assert any(t != "Point" for t in gaz.places.geom_type)  # polygons and lines are covered too


def test_shipped_gazetteer_is_valid() -> None:
    assert validate_gazetteer(default_gazetteer_path()) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Edit helper: 'features.0.properties.title' = value (None deletes the key)."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is None:
            node.pop(last, None)
        else:
            node[last] = value

    return edit


BAD_CASES = [
    # (case id, edit, expected message pattern)
    (
        "not-a-collection",
        lambda d: d.update(type="Feature"),
        r"bad\.geojson: type: expected 'FeatureCollection', found 'Feature'",
    ),
    ("missing-id", _set("features.1.id", None), r"feature 1: id: missing"),
    (
        "duplicate-id",
        _set("features.2.id", "antung"),
        r"feature 2 \('antung'\): id: duplicate id; feature 0 has it too",
    ),
    (
        "no-name",
        _set("features.0.properties.title", ""),
        r"feature 0 \('antung'\): properties\.title: the feature has no name",
    ),
    (
        "unknown-category",
        _set("features.0.properties.category", "castle"),
        r"properties\.category: unknown category 'castle'; expected one of airbase, city",
    ),
    (
        "out-of-range",
        _set("features.3.geometry.coordinates", [126.79, 137.56]),
        r"feature 3 \('kimpo'\): geometry\.coordinates: position \[126\.79, 137\.56\] out of range",
    ),
    (
        "swapped",
        _set("features.3.geometry.coordinates", [37.56, 126.79]),
        r"\('kimpo'\): geometry\.coordinates: .*the coordinates look swapped \(GeoJSON is \[lon, lat\]\)",
    ),
    (
        "self-intersecting",
        _set(
            "features.5.geometry.coordinates",
            [[[124.0, 39.0], [126.0, 41.0], [126.0, 39.0], [124.0, 41.0], [124.0, 39.0]]],
        ),
        r"\('mig-alley'\): geometry: invalid Polygon: Self-intersection\[",
    ),
    (
        "bad-date",
        _set("features.1.when.timespans.0.start", {"in": "1950-13"}),
        r"\('antung-airfield'\): when\.timespans\[0\]\.start\.in: date does not parse: month 13 out of range",
    ),
    (
        "ends-before-start",
        _set("features.1.when.timespans.0.end", {"in": "1949"}),
        r"when\.timespans\[0\]: ends \(1949\) before it starts \(1950-11\)",
    ),
    (
        "event-date",
        _set("features.1.events.0.date", "23 Oct 1951"),
        r"events\[0\]\.date: date does not parse: expected an ISO 8601 date",
    ),
    (
        "dangling-citation",
        _set("features.0.citations.0.source", "nobody-1999"),
        r"\('antung'\): citations\[0\]\.source: points at no source: 'nobody-1999' is not in the bibliography",
    ),
    ("no-citations", _set("features.0.citations", []), r"\('antung'\): citations: missing; cite at least one source"),
    (
        "bad-uncertainty",
        _set("features.2.uncertainty.radius_km", -5),
        r"\('tungfeng'\): uncertainty\.radius_km: expected a positive number of km, found -5",
    ),
    (
        "bad-certainty",
        _set("features.2.geometry.certainty", "maybe"),
        r"geometry\.certainty: expected one of certain, less-certain, uncertain, found 'maybe'",
    ),
    (
        "unknown-side",
        _set("features.1.properties.side", ["Martian"]),
        r"properties\.side: expected a list drawn from Soviet, Chinese",
    ),
]


@pytest.mark.parametrize(("case", "edit", "pattern"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_each_bad_gazetteer_is_reported_precisely(
    write_gazetteer: Callable[..., Path], case: str, edit: Any, pattern: str
) -> None:
    path = write_gazetteer(edit)
    problems = validate_gazetteer(path)
    messages = "\n".join(str(p) for p in problems)
    assert any(__import__("re").search(pattern, str(p)) for p in problems), messages
    hit = next(p for p in problems if __import__("re").search(pattern, str(p)))
    if hit.is_warning:  # only detail is lost: the map is still built, unless --strict
        assert case in WARNING_CASES
        load_gazetteer(path)
        load_place_names(path)
    else:
        assert case not in WARNING_CASES
    with pytest.raises(GazetteerError, match=pattern):
        load_gazetteer(path, strict=hit.is_warning)
    with pytest.raises(GazetteerError, match=pattern):
        load_place_names(path, strict=hit.is_warning)


WARNING_CASES = {"bad-date", "ends-before-start", "dangling-citation", "no-citations"}


def test_invalid_json_names_line_and_column(write_gazetteer: Callable[..., Path]) -> None:
    path = write_gazetteer(text='{"type": "FeatureCollection",\n  "features": [,]}')
    with pytest.raises(GazetteerError, match=r"bad\.geojson: line 2, column 16: invalid JSON: Expecting value"):
        load_gazetteer(path)


def test_every_problem_is_reported_at_once(write_gazetteer: Callable[..., Path]) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["features"][0]["properties"]["category"] = "castle"
        d["features"][3]["geometry"]["coordinates"] = [37.56, 126.79]
        d["features"][4]["citations"] = [{"source": "ghost"}]

    problems = validate_gazetteer(write_gazetteer(edit))
    assert len(problems) == 3, problems


def test_missing_file_and_directory_are_clear(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="file not found"):
        load_gazetteer(tmp_path / "nope.geojson")
    with pytest.raises(GazetteerError, match="is a directory"):
        load_gazetteer(tmp_path)


def test_empty_collection_loads_with_no_places(write_gazetteer: Callable[..., Path]) -> None:
    gaz = load_gazetteer(write_gazetteer(lambda d: d.update(features=[])))
    assert len(gaz.places) == 0 and gaz.places.crs.to_epsg() == 4326


@pytest.mark.parametrize("value", [None, 3, "text", [1, 2], True])
def test_any_json_value_gives_a_report(write_gazetteer: Callable[..., Path], value: Any) -> None:
    problems = validate_gazetteer(write_gazetteer(text=json.dumps(value)))
    assert problems and "expected a GeoJSON FeatureCollection" in str(problems[0])
