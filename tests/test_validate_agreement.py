"""`mapgen validate` is the build's own check: what it accepts, build and mentions can carry to the end.

Each example puts one hostile JSON value into one field of a clean gazetteer.
Either validate reports it (with a message, never a crash or a Python repr of
an object), or the gazetteer loads, renders to a page that encodes as UTF-8,
and its names are recognised and written as JSON lines without an error.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.analysis import analysis_layers
from mapgen.errors import Problem
from mapgen.gazetteer import gazetteer_from_data, read_gazetteer_json, validate_gazetteer_data
from mapgen.join import iter_mention_records
from mapgen.layers import place_layers
from mapgen.records import record_json
from mapgen.render import MapOptions, render_html
from mapgen.texts import Document, DocumentMeta

MINI = json.loads((Path(__file__).parent / "data" / "mini_places.geojson").read_text(encoding="utf-8"))

#: (feature index or "source", path inside it)
FIELDS: list[tuple[Any, tuple[Any, ...]]] = [
    (0, ("properties", "title")),
    (0, ("properties", "ccodes")),
    (0, ("properties", "modern_name")),
    (0, ("names", 0, "toponym")),
    (0, ("names", 0, "lang")),
    (0, ("descriptions", 0, "value")),
    (0, ("citations", 0, "pages")),
    (0, ("geometry", "coordinates", 0)),
    (1, ("when", "label")),
    (1, ("events", 0, "label")),
    (1, ("events", 0, "description")),
    (2, ("uncertainty", "radius_km")),
    (2, ("uncertainty", "reason")),
    (2, ("geometry", "coordinates")),
    (4, ("geometry", "coordinates")),
    (5, ("geometry", "coordinates", 0)),
    ("source", ("author",)),
    ("source", ("title",)),
    ("source", ("year",)),
    ("source", ("pages",)),
    ("source", ("url",)),
]


def _nested(depth: int) -> Any:
    v: Any = "x"
    for _ in range(depth):
        v = [v]
    return v


lonlat = st.tuples(st.floats(-180, 180), st.floats(-90, 90)).map(list)
hostile = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**53, max_value=10**400) | st.integers(max_value=-(2**53), min_value=-(10**400)),
    st.floats(),  # inf and nan too (json.loads reads NaN and Infinity)
    st.text(max_size=12),
    st.text(alphabet="-.,;:!?'\"()[]/\\*&<>", min_size=1, max_size=6),  # punctuation only
    st.sampled_from(["\ud800", "Antung\udfff", "\udc80x"]),  # lone surrogates
    st.sampled_from(
        ["javascript:alert(1)", " JaVa\tscript:x", "https://example.org/ok", "=cmd|x", "<script>x</script>"]
    ),
    st.integers(1, 200).map(_nested),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    lonlat,
    st.lists(lonlat, min_size=2, max_size=5),
    st.lists(st.lists(lonlat, min_size=4, max_size=6).map(lambda r: [*r, r[0]]), min_size=1, max_size=1),
    st.sampled_from([[179.5, 40.0], [-179.5, 40.0], [0.0, 89.99], [124.0, -90.0]]),
    st.sampled_from([1e-9, 0.001, 4999.0, 5000.0, 1e300, 10**400]),
)


def _set(data: dict[str, Any], where: Any, path: tuple[Any, ...], value: Any) -> None:
    node: Any = data["sources"][0] if where == "source" else data["features"][where]
    for key in path[:-1]:
        if isinstance(node, dict) and key not in node:
            node[key] = [{}] if isinstance(path[path.index(key) + 1], int) else {}
        node = node[key]
        if isinstance(node, list) and not node:
            node.append({})
    node[path[-1]] = value


def _build_and_mention(data: dict[str, Any]) -> None:
    """Everything build and mentions do with a gazetteer, short of writing files."""
    gaz = gazetteer_from_data(data, "x.geojson")
    layers = place_layers(gaz) + analysis_layers(gaz)
    render_html(gaz, layers, MapOptions(basemap=None)).encode("utf-8")
    names = " and ".join(t for _, t in gaz.name_variants())
    doc = Document(doc="d", path=Path("d.txt"), text=f"We flew over {names}.", meta=DocumentMeta(title="d"))
    for r in iter_mention_records(gaz, [doc]):
        record_json(r).encode("utf-8")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(FIELDS), hostile)
def test_what_validate_accepts_build_and_mentions_carry(field: tuple[Any, tuple[Any, ...]], value: Any) -> None:
    data = copy.deepcopy(MINI)
    _set(data, *field, value)
    problems = validate_gazetteer_data(data, "x.geojson")
    assert all(isinstance(p, Problem) for p in problems)
    for p in problems:
        text = str(p)
        text.encode("utf-8")  # a message never carries a lone surrogate to stderr
        assert len(text) < 2000 and not re.search(r"found [\[{]|object at 0x", text), text  # no repr of an object
    if not problems:
        _build_and_mention(data)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ((0, ("geometry", "coordinates", 0)), 10**400, "too large"),
        ((2, ("uncertainty", "radius_km")), 10**30, "too large"),
        ((2, ("uncertainty", "radius_km")), 1e300, "cannot be drawn"),
        ((0, ("properties", "title")), "Antung\ud800", "lone surrogate"),
        ((0, ("names", 0, "toponym")), "--", "only punctuation"),
        ((0, ("properties", "ccodes")), "CN", "ISO 3166-1"),
        ((0, ("properties", "ccodes")), [{"a": 1}], "ISO 3166-1"),
        ((4, ("geometry", "coordinates")), [[179.0, 40.0], [-179.0, 40.5]], "antimeridian"),
        ((5, ("geometry", "coordinates", 0)), [[0, 80], [90, 90], [180, 80], [0, 80]], "antimeridian|pole"),
        (("source", ("author",)), {"name": "X"}, "expected text or null, found an object"),
        ((0, ("citations", 0, "pages")), {"p": 1}, "found an object"),
        ((0, ("geometry", "coordinates")), _nested(100), "nested more than"),
    ],
)
def test_each_class_is_reported(field: tuple[Any, tuple[Any, ...]], value: Any, match: str) -> None:
    data = copy.deepcopy(MINI)
    _set(data, *field, value)
    problems = validate_gazetteer_data(data, "x.geojson")
    assert problems and any(re.search(match, str(p)) for p in problems), problems


def test_a_ring_near_the_pole_or_antimeridian_is_refused_by_validate_not_build() -> None:
    for coords in ([179.9, 40.0], [10.0, 89.5]):
        data = copy.deepcopy(MINI)
        data["features"][2]["geometry"]["coordinates"] = coords
        data["features"][2]["uncertainty"]["radius_km"] = 200
        problems = validate_gazetteer_data(data, "x.geojson")
        assert any("cannot draw" in str(p) for p in problems), problems


def test_a_number_of_thousands_of_digits_is_a_clear_error(tmp_path: Path) -> None:
    from mapgen.errors import GazetteerError

    p = tmp_path / "big.geojson"
    p.write_text('{"type": "FeatureCollection", "features": [], "x": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(GazetteerError, match="invalid JSON for a gazetteer"):
        read_gazetteer_json(p)


def test_lpf_input_is_scanned_too() -> None:
    lpf = {
        "type": "FeatureCollection",
        "@context": "https://w3id.org/lpf",
        "features": [
            {
                "type": "Feature",
                "@id": "x:1",
                "properties": {"title": "Antung\ud800"},
                "geometry": {"type": "Point", "coordinates": [124.4, 40.1]},
            }
        ],
    }
    problems = validate_gazetteer_data(lpf, "x.lpf.json")
    assert any("lone surrogate" in str(p) for p in problems), problems
