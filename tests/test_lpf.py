"""Real Linked Places files go in as published (../shared/lpf, read at run time)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from mapgen import schema as S
from mapgen.cli import main
from mapgen.gazetteer import load_gazetteer, validate_gazetteer
from mapgen.isodates import parse_partial_date
from mapgen.pipeline import build
from mapgen.profile import profile_for


def is_gazetteer(p: Path) -> bool:
    """A published gazetteer, not the folder's prose (Markdown) or a JSON schema (one with ``$schema``)."""
    if not p.is_file() or p.suffix == ".md":
        return False
    return p.suffix == ".jsonl" or "$schema" not in json.loads(p.read_text(encoding="utf-8"))


def gazetteers(d: Path) -> list[Path]:
    files = sorted(p for p in d.iterdir() if is_gazetteer(p))
    assert len(files) >= 14, files
    return files


def page_config(html: str) -> dict:
    """The config mapgen.setup receives (the last mapgen.setup(...) call of the page)."""
    soup = BeautifulSoup(html, "html.parser")
    script = next(s.string for s in soup.find_all("script") if s.string and "mapgen.setup(" in s.string)
    arg = script[script.index("mapgen.setup(") :].split(",", 1)[1].rsplit(");", 1)[0]
    return json.loads(arg)


def test_every_shared_file_validates_with_no_error(shared_lpf: Path) -> None:
    for path in gazetteers(shared_lpf):
        errors = [p for p in validate_gazetteer(path) if not p.is_warning]
        assert errors == [], (path.name, errors[:3])


@pytest.mark.slow
def test_every_shared_file_builds(shared_lpf: Path, tmp_path: Path) -> None:
    for path in gazetteers(shared_lpf):
        result = build(path, tmp_path / f"{path.name}.html")
        assert result.bytes > 0 and result.path.is_file(), path.name


def test_at_id_fclasses_types_and_citations(shared_lpf: Path) -> None:
    gaz = load_gazetteer(shared_lpf / "whg3-github_example.jsonld")
    row = gaz.places.iloc[0]
    assert row[S.PLACE_ID] == "http://mygaz.org/places/p_12345"  # @id is the id
    assert row[S.FCLASSES] == ("P",)
    assert row[S.TYPES][0]["label"] == "town" and row[S.CATEGORY] == "town"
    # a citation {label, @id, year} becomes one bibliography entry the popups cite
    labels = {s.title: s for s in gaz.sources.values()}
    src = labels["Ye Olde Gazetteer (1635)"]
    assert src.year == 1635 and src.url == "http://archive.org/details/yeoldegazetteer"
    assert {"source": src.id} in row[S.CITATIONS]
    # names keep their own when
    assert row[S.NAMES][0]["when"]["timespans"][0]["start"] == {"in": "1600"}
    # 4-digit year below 1000 ("0676")
    assert row[S.WHEN_START] == "0676" and row[S.WHEN_END] == "1066"


def test_geometry_collection_of_dated_points(shared_lpf: Path) -> None:
    gaz = load_gazetteer(shared_lpf / "lpf-linkedplaces-sample-v1.2.2.geojson")
    geom = gaz.places.geometry.iloc[0]
    assert geom.geom_type == "MultiPoint" and len(geom.geoms) == 2
    # no top-level when: the span of the geometries' dates
    assert gaz.places.iloc[0][S.WHEN_START] == "1600"


def test_null_geometry_is_listed_not_dropped(shared_lpf: Path, tmp_path: Path) -> None:
    path = shared_lpf / "epns-02-000001.geojson"
    assert validate_gazetteer(path) == []  # passes WHG v3 with no error: it must pass here too
    gaz = load_gazetteer(path)
    assert len(gaz.places) == 0 and [u[S.TITLE] for u in gaz.unlocated] == ["Buckinghamshire"]
    out = build(path, tmp_path / "bucks.html")
    cfg = page_config(out.path.read_text(encoding="utf-8"))
    assert [u["name"] for u in cfg["unlocated"]] == ["Buckinghamshire"]
    assert "English Place-Name Society survey" in cfg["unlocated"][0]["popup"]


def test_json_lines(shared_lpf: Path) -> None:
    path = shared_lpf / "lpf-indias_sample200_20181011.jsonl"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    gaz = load_gazetteer(path)
    assert len(gaz.places) + len(gaz.unlocated) == len(lines)


def test_plain_geojson_gets_stable_slugs(shared_lpf: Path) -> None:
    path = shared_lpf / "venice-1740-parishes.geojson"
    a, b = load_gazetteer(path), load_gazetteer(path)
    ids = list(a.places[S.PLACE_ID])
    assert ids == list(b.places[S.PLACE_ID]) and len(set(ids)) == len(ids) == 73
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)
    assert "ghetto-nuovissimo" in ids  # from NAME
    # no citations at all: a warning per place, naming file, feature and field; not an error
    probs = validate_gazetteer(path)
    assert probs and all(p.is_warning for p in probs)
    assert str(probs[0]).startswith(f"{path}: feature 0 ('ghetto-nuovissimo'): citations: ")


def test_malformed_when_is_a_clear_warning_and_strict_makes_it_an_error(shared_lpf: Path, tmp_path: Path) -> None:
    path = shared_lpf / "lpf-examples_sample_10_20180815.json"
    probs = validate_gazetteer(path)
    assert probs and all(p.is_warning for p in probs)
    assert any(p.field == "when.timespan" and "'timespans'" in p.message for p in probs)
    ok = CliRunner().invoke(main, ["validate", str(path)])
    assert ok.exit_code == 0 and "warning:" in ok.output and "valid, with" in ok.output
    strict = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert strict.exit_code == 1 and "--strict" in strict.output
    out = tmp_path / "m.html"
    bad = CliRunner().invoke(main, ["build", "--strict", "--gazetteer", str(path), "--out", str(out)])
    assert bad.exit_code == 1 and not out.exists()


def test_bce_and_short_years_parse() -> None:
    d = parse_partial_date("-0230")
    assert d.first.year == -230 and d.label() == "231 BCE"
    assert parse_partial_date("676").first.isoformat() == "0676-01-01"
    assert parse_partial_date("-0044-03-15").first.isoformat() == "-0044-03-15"
    assert parse_partial_date("0762-07").label() == "Jul 762"
    with pytest.raises(ValueError):
        parse_partial_date("12345")  # 5+ digits only with a sign (ISO 8601-2)


@pytest.mark.slow
def test_a_gazetteer_with_no_profile_is_framed_by_its_data(shared_lpf: Path, tmp_path: Path) -> None:
    path = shared_lpf / "iv1680-peripleo-sample.lp.json"
    gaz = load_gazetteer(path)
    prof = profile_for(gaz)
    assert prof.title == "Index Villaris, 1680"  # the file's own name for itself
    w, s, e, n = prof.bounds
    assert -6 < w < e < 2 and 49 < s < n < 56  # England and Wales, not north-east Asia
    assert prof.years == (1680, 1680)  # "latest 1680" and "earliest 1680": the year of the survey
    assert prof.layers and all(r.categories for r in prof.layers)
    out = build(path, tmp_path / "iv.html")
    html = out.path.read_text(encoding="utf-8")
    assert "fitBounds" in html
    cfg = page_config(html)
    assert cfg["time"] == {"from": 1680, "to": 1680}
    assert cfg["title"] == "Index Villaris, 1680"


def test_plain_geojson_dates_in_properties_and_marks_folded(tmp_path: Path) -> None:
    """A plain GeoJSON of our own, dated by properties (start/end), names with ʾ and macrons."""
    feats = [
        {
            "type": "Feature",
            "properties": {"name": "Sāmarrāʾ", "start": 836, "end": 892},
            "geometry": {"type": "Point", "coordinates": [43.87, 34.2]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Fustat", "founded": "0641"},
            "geometry": {"type": "Point", "coordinates": [31.23, 30.0]},
        },
    ]
    path = tmp_path / "caps.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    gaz = load_gazetteer(path)
    assert list(gaz.places[S.PLACE_ID]) == ["samarra", "fustat"]
    assert list(gaz.places[S.WHEN_START]) == ["0836", "0641"] and gaz.places[S.WHEN_END].iloc[0] == "0892"
    assert profile_for(gaz).years == (641, 892)
    text = tmp_path / "t.txt"
    text.write_text("By 836 the court had moved to Samarra (221/836).", encoding="utf-8")
    out = build(path, tmp_path / "caps.html", texts=[text])
    assert out.mentions == 1


def test_a_huge_integer_coordinate_is_a_problem_not_an_overflow() -> None:
    """The reader shares the validator's position check, which never calls math.isfinite on a huge int."""
    from mapgen.lpf import normalise

    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "a",
                "properties": {"name": "A"},
                "geometry": {"type": "Point", "coordinates": [10**400, 1]},
            }
        ],
    }
    problems = normalise(data, "x.geojson").problems
    assert any(p.field == "geometry.coordinates" and "malformed coordinates" in p.message for p in problems)
