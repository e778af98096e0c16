"""`mapgen export`: every format read back with a real reader (jsonschema, pyogrio, an XML parser, csv)."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.export import export
from mapgen.gazetteer import default_gazetteer_path, load_gazetteer
from mapgen.layers import place_layers
from mapgen.pipeline import build
from mapgen.profile import profile_path_for

KML = "{http://www.opengis.net/kml/2.2}"


def feature_validator(shared_lpf: Path):
    """WHG's own schema (lpf_v2.0.jsonld, Draft 7) applied to one feature, as WHG validates uploads."""
    import jsonschema  # a test dependency (pyproject's test extra): missing is an error, never a skip

    schema = json.loads((shared_lpf / "lpf_v2.0.jsonld").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(
        {"$schema": schema["$schema"], "definitions": schema["definitions"], "$ref": "#/definitions/feature"}
    )


@pytest.mark.slow
def test_our_gazetteer_as_lpf_passes_whg_schema_and_builds_back_the_same_map(shared_lpf: Path, tmp_path: Path) -> None:
    out = tmp_path / "places.lpf.json"
    result = CliRunner().invoke(main, ["export", "--format", "lpf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    v = feature_validator(shared_lpf)
    bad = {f["@id"]: [e.message for e in v.iter_errors(f)] for f in data["features"] if not v.is_valid(f)}
    assert bad == {} and len(data["features"]) == len(load_gazetteer().places) + len(load_gazetteer().unlocated)
    # the bibliography travels in each citation: label, @id and year
    cite = data["features"][0]["citations"][0]
    assert {"label", "year", "source"} <= set(cite) and isinstance(cite["year"], str)
    # and the file builds back into the same map, byte for byte
    prof = profile_path_for(default_gazetteer_path())
    a = build(None, tmp_path / "a.html")
    b = build(out, tmp_path / "b.html", profile=prof)
    assert a.path.read_bytes() == b.path.read_bytes()


@pytest.mark.slow
def test_real_gazetteers_exported_as_lpf_pass_whg_schema(shared_lpf: Path, tmp_path: Path) -> None:
    v = feature_validator(shared_lpf)
    for name in (
        "iv1680-peripleo-sample.lp.json",
        "venice-1740-parishes.geojson",
        "lpf-indias_sample200_20181011.jsonl",
        "epns-02-000001.geojson",
    ):
        gaz = load_gazetteer(shared_lpf / name)
        path, _ = export("lpf", tmp_path / f"{name}.lpf.json", gaz)
        feats = json.loads(path.read_text(encoding="utf-8"))["features"]
        assert feats and all(v.is_valid(f) for f in feats), name


def test_geojson_and_gpkg_have_typed_columns(tmp_path: Path) -> None:
    gaz = load_gazetteer()
    for fmt in ("geojson", "gpkg"):
        path, _ = export(fmt, tmp_path / f"p.{fmt}", gaz)
        df = pyogrio.read_dataframe(path, layer="places" if fmt == "gpkg" else None)
        assert len(df) == len(gaz.places) and df.crs.to_epsg() == 4326
        assert str(df["lon"].dtype) == "float64" and str(df["uncertainty_km"].dtype) == "float64"
        for col in ("names", "citations", "side"):
            assert not df[col].astype(str).str.contains(r"^[\[(]'|\{'", regex=True).any(), col  # no Python reprs
        row = df[df["id"] == gaz.places["place_id"].iloc[0]].iloc[0]
        assert row["title"] == gaz.places["title"].iloc[0]


def test_gpkg_is_deterministic(tmp_path: Path) -> None:
    gaz = load_gazetteer()
    a, _ = export("gpkg", tmp_path / "a.gpkg", gaz)
    b, _ = export("gpkg", tmp_path / "b.gpkg", gaz)
    assert a.read_bytes() == b.read_bytes()


def test_kml_has_a_folder_per_layer(tmp_path: Path) -> None:
    gaz = load_gazetteer()
    path, _ = export("kml", tmp_path / "p.kml", gaz)
    root = ET.parse(path).getroot()
    folders = root.findall(f"{KML}Document/{KML}Folder")
    layers = place_layers(gaz)
    assert [f.findtext(f"{KML}name") for f in folders] == [lyr.name for lyr in layers]
    marks = root.findall(f".//{KML}Placemark")
    assert len(marks) == sum(len(lyr.places) for lyr in layers)
    first = marks[0]
    assert first.findtext(f"{KML}name") in first.findtext(f"{KML}description")
    assert "<" not in first.findtext(f"{KML}description")  # the popup's text, not its markup
    assert first.find(f".//{KML}coordinates") is not None


def test_csv_one_row_per_place(tmp_path: Path) -> None:
    gaz = load_gazetteer()
    path, _ = export("csv", tmp_path / "p.csv", gaz)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == list(gaz.places["place_id"])
    assert all(float(r["lon"]) and r["title"] for r in rows)


def test_annotations_and_mentions_from_real_texts(tmp_path: Path, shared_corpus: Path) -> None:
    corpus = shared_corpus
    gaz = load_gazetteer()
    path, problems = export("annotations", tmp_path / "a.jsonld", gaz, texts=[corpus])
    annos = json.loads(path.read_text(encoding="utf-8"))
    assert annos and not problems
    from mapgen.texts import iter_documents

    texts = {d.doc: d.text for d in iter_documents([corpus], [])}
    for a in annos:
        assert a["type"] == "Annotation" and a["@context"] == "http://www.w3.org/ns/anno.jsonld"
        quote, pos = a["target"]["selector"]
        doc = a["id"].split(":")[3]
        text = texts[doc]
        assert text[pos["start"] : pos["end"]] == quote["exact"]
        assert text[: pos["start"]].endswith(quote["prefix"]) and text[pos["end"] :].startswith(quote["suffix"])
        assert a["body"][0]["source"].startswith("mapgen:")
    gpkg, _ = export("gpkg", tmp_path / "m.gpkg", gaz, texts=[corpus])
    assert {name for name, _ in pyogrio.list_layers(gpkg)} == {"places", "mentions"}
    m = pyogrio.read_dataframe(gpkg, layer="mentions")
    assert len(m) == len(annos) and str(m["start"].dtype) == "int64"


def test_annotations_need_texts_and_bad_output_is_clean(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["export", "--format", "annotations", "--out", str(tmp_path / "a.json")])
    assert r.exit_code == 1 and "needs --texts" in r.output
    r = CliRunner().invoke(main, ["export", "--format", "csv", "--out", str(tmp_path)])
    assert r.exit_code == 1 and "is a directory" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []
