"""Broken and hostile gazetteers: every failure is a report, never a traceback or a lost map."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.errors import Problem

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synth import synthetic_gazetteer

from mapgen.gazetteer import load_gazetteer, validate_gazetteer_data

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
    max_leaves=20,
)

FEATURE_KEYS = [
    "type",
    "id",
    "properties",
    "names",
    "geometry",
    "when",
    "events",
    "citations",
    "links",
    "uncertainty",
    "descriptions",
]
# values every output can hold (no lone surrogates, infinities or numbers beyond 2**53): the field checks see them all
carriable_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),  # text() never draws lone surrogates
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
    max_leaves=20,
)
feature_like = st.dictionaries(st.sampled_from(FEATURE_KEYS), carriable_values, max_size=len(FEATURE_KEYS))
geometry_like = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["Point", "LineString", "Polygon", "MultiPolygon", "Nope"]),
        "coordinates": carriable_values,
    }
)


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(json_values)
def test_validate_any_json_value_gives_a_report(value: Any) -> None:
    problems = validate_gazetteer_data(value, "x.geojson")
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    assert problems  # no JSON value but a real FeatureCollection is clean


# appended after the garbage: a feature whose one fault is known (its id is not a slug)
KNOWN_BAD = {
    "type": "Feature",
    "id": "Not A Slug",
    "properties": {"title": "Known", "category": "town"},
    "geometry": {"type": "Point", "coordinates": [125.0, 40.0]},
    "citations": [{"source": "s", "page": "1"}],
}


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(feature_like, geometry_like), max_size=3))
def test_validate_feature_shaped_garbage_gives_a_report(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    features = [{**f, "geometry": g} for f, g in pairs] + [KNOWN_BAD]
    data = {"type": "FeatureCollection", "sources": [{"id": "s", "title": "t"}], "features": features}
    problems = validate_gazetteer_data(data, "x.geojson")
    assert all(isinstance(p, Problem) and str(p).startswith("x.geojson: ") for p in problems)
    # the garbage before it never hides the known fault, nor is it blamed on the known feature
    assert [p.field for p in problems if p.where == f"feature {len(pairs)}"] == ["id"]


@pytest.mark.slow
def test_ten_thousand_places_load_and_build(tmp_path: Path) -> None:
    from mapgen.pipeline import build

    path = tmp_path / "big.geojson"
    path.write_text(json.dumps(synthetic_gazetteer(10_000)), encoding="utf-8")
    assert len(load_gazetteer(path).places) == 10_000
    result = build(path, tmp_path / "big.html")
    assert result.places == 10_000 and (tmp_path / "big.html").stat().st_size == result.bytes


def test_null_geometry_is_listed_as_not_located(write_gazetteer) -> None:
    """A place whose site is unknown is not drawn, and not dropped silently either."""
    path = write_gazetteer(lambda d: d["features"][2].update(geometry=None))
    gaz = load_gazetteer(path)
    assert "tungfeng" not in set(gaz.places["place_id"])
    assert [u["place_id"] for u in gaz.unlocated] == ["tungfeng"]


@pytest.mark.slow
def test_killing_a_build_mid_write_keeps_the_previous_map(tmp_path: Path) -> None:
    big = tmp_path / "big.geojson"
    big.write_text(json.dumps(synthetic_gazetteer(20_000)), encoding="utf-8")
    out = tmp_path / "out" / "map.html"
    out.parent.mkdir()
    out.write_text("<html>previous map</html>")
    cmd = [sys.executable, "-m", "mapgen", "-q", "build", "--gazetteer", str(big), "--out", str(out)]
    # Kill at increasing delays so that some kills land during rendering and writing.
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        text = out.read_text(encoding="utf-8")
        assert text == "<html>previous map</html>" or (text.rstrip().endswith("</html>") and "place-19999" in text)
    leftovers = [p.name for p in out.parent.iterdir() if p.name != "map.html"]
    assert leftovers == []  # the temporary file is anonymous (O_TMPFILE) until it is complete


def test_a_write_that_dies_halfway_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from mapgen import outputs

    out = tmp_path / "map.html"
    out.write_text("previous")
    real_fdopen = os.fdopen

    class Dying(io.TextIOWrapper):
        def write(self, s: str) -> int:
            super().write(s[: len(s) // 2])
            self.flush()
            raise KeyboardInterrupt  # as if killed mid-write

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        raw = real_fdopen(fd, "wb")
        return Dying(raw, encoding="utf-8", newline="\n")

    monkeypatch.setattr(outputs.os, "fdopen", fdopen)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_text_atomic("<html>" + "x" * 100_000 + "</html>", out)
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
