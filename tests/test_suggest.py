"""`mapgen suggest` drafts, and the open-world layer on the map (fixture text of our own)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mapgen.cli import main
from mapgen.pipeline import build

DATA = Path(__file__).parent / "data"
NOTE = (
    "In November 1950 the squadron left Antung for the Yalu. Years later its mechanic retired to Dayton, "
    "and wrote to us from near Toulouse about the Gulf of Korea."
)


def _texts(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "memoir.txt").write_text(NOTE, encoding="utf-8")
    return folder


def test_suggest_drafts_in_the_gazetteer_shape(tmp_path: Path) -> None:
    out = tmp_path / "drafts.geojson"
    r = CliRunner().invoke(
        main, ["suggest", str(_texts(tmp_path)), "--gazetteer", str(DATA / "mention_places.geojson"), "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    drafts = json.loads(out.read_text(encoding="utf-8"))
    by_title = {f["properties"]["title"]: f for f in drafts["features"]}
    dayton = by_title["Dayton"]
    assert dayton["geometry"]["type"] == "Point" and dayton["links"][0]["identifier"].startswith("gn:")
    assert dayton["names"] == [{"toponym": "Dayton", "lang": "en"}]
    assert dayton["mentions"][0]["text"] == "Dayton" and "mechanic" in dayton["mentions"][0]["sentence"]
    assert "Toulouse" in by_title
    sea = next(f for f in drafts["features"] if f["properties"]["title"].startswith("Gulf of Korea"))
    assert sea["geometry"] is None  # a feature phrase nobody can place: said, not guessed
    assert "Antung" not in by_title and "Yalu" not in by_title  # the gazetteer has them


def test_the_map_shows_the_open_world_layer_with_honest_popups(tmp_path: Path) -> None:
    texts = _texts(tmp_path)
    res = build(DATA / "mention_places.geojson", tmp_path / "m.html", texts=[texts], self_contained=False)
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "Other places the articles name (not yet reviewed)" in html
    assert "Not yet reviewed" in html and "GeoNames" in html and "Nobody has checked" in html
    assert res.layers >= 1
    build(DATA / "mention_places.geojson", tmp_path / "c.html", texts=[texts], self_contained=False, curated_only=True)
    assert "Other places the articles name" not in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_mentions_cli_curated_only(tmp_path: Path) -> None:
    texts = _texts(tmp_path)
    gaz = str(DATA / "mention_places.geojson")
    full = CliRunner().invoke(main, ["mentions", str(texts), "--gazetteer", gaz, "-j", "1"])
    cur = CliRunner().invoke(main, ["mentions", str(texts), "--gazetteer", gaz, "-j", "1", "--curated-only"])
    assert full.exit_code == 0 and cur.exit_code == 0, full.output + cur.output
    sources = [json.loads(x)["source"] for x in full.output.splitlines()]
    assert "geonames" in sources and "gazetteer" in sources
    assert {json.loads(x)["source"] for x in cur.output.splitlines()} <= {"gazetteer", "unresolved"}
