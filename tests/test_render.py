"""The rendered map: its folium object tree, its HTML structure, and its determinism."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import folium
import pytest
from bs4 import BeautifulSoup

from mapgen import schema as S
from mapgen.gazetteer import load_gazetteer
from mapgen.layers import place_layers
from mapgen.outputs import write_text_atomic as save_html
from mapgen.page import MapgenSetup, js_json, stable_ids
from mapgen.render import MapOptions, build_map, render_html
from mapgen.urls import safe_url


def _layer_data(html: str) -> dict[str, dict]:
    """The GeoJSON each layer hands to mapgen.addPlaces, by layer key."""
    out = {}
    for m in re.finditer(r"mapgen\.addPlaces\([^,]+, (\{.*?\}), (\{[^}]*\})\);", html):
        style = json.loads(m.group(2))
        out[style["key"]] = json.loads(m.group(1))
    return out


def test_object_tree_has_one_feature_group_per_layer(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    layers = place_layers(gaz)
    with stable_ids():
        m = build_map(gaz, layers)
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup) and c.control]
    assert [g.layer_name for g in groups] == [lyr.name for lyr in layers]
    assert {lyr.key for lyr in layers} == {"mig-alley", "communist-airbases", "un-airbases", "cities", "rivers"}
    # our own grouped control (layer-control.js) replaces folium's LayerControl and its CDN needs
    assert not any(isinstance(c, folium.LayerControl) for c in m._children.values())
    assert any(isinstance(c, MapgenSetup) for c in m._children.values())


def test_every_place_is_in_exactly_one_layer(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    data = _layer_data(render_html(gaz, place_layers(gaz)))
    ids = [f["id"] for fc in data.values() for f in fc["features"]]
    assert sorted(ids) == sorted(gaz.places[S.PLACE_ID])
    airbases = {f["id"] for f in data["communist-airbases"]["features"]}
    assert airbases == {"antung-airfield", "tungfeng"}
    assert [f["id"] for f in data["un-airbases"]["features"]] == ["kimpo"]


def test_popup_and_tooltip_content(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    data = _layer_data(render_html(gaz, place_layers(gaz)))
    feats = {f["id"]: f for fc in data.values() for f in fc["features"]}
    antung = feats["antung"]["properties"]
    assert antung["tip"] == "Antung, today Dandong"
    popup = BeautifulSoup(feats["antung-airfield"]["properties"]["popup"], "html.parser")
    assert popup.h2.get_text() == "Antung airfield, today Langtou"
    assert "Air base · Soviet, Chinese · Nov 1950 – 27 Jul 1953 (MiG operations)" in popup.get_text()
    assert popup.find("time")["datetime"] == "1950-11-01"
    assert "Another Author (1999). A made-up article" in popup.get_text()
    tungfeng = BeautifulSoup(feats["tungfeng"]["properties"]["popup"], "html.parser")
    assert "Location uncertain (within about 60 km): No source locates it." in tungfeng.get_text()
    # a link only where the source has an http(s) URL
    atlas = BeautifulSoup(feats["kimpo"]["properties"]["popup"], "html.parser")
    assert [a["href"] for a in atlas.find_all("a")] == ["https://example.org/atlas"]


def test_page_structure(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    soup = BeautifulSoup(
        render_html(gaz, place_layers(gaz), MapOptions(title="Lesson <1>", self_contained=False)), "html.parser"
    )
    assert soup.html["lang"] == "en"
    assert soup.title.get_text() == "Lesson <1>"
    srcs = [s["src"] for s in soup.find_all("script", src=True)]
    assert srcs == ["https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"]  # no jQuery/Bootstrap


def test_self_contained_page_loads_nothing_from_the_network(mini_path: Path) -> None:
    gaz = load_gazetteer(mini_path)
    soup = BeautifulSoup(render_html(gaz, place_layers(gaz), MapOptions(self_contained=True)), "html.parser")
    assert soup.find_all("script", src=True) == []
    assert soup.find_all("link", rel="stylesheet") == []
    assert "leaflet-container" in soup.get_text() or any(
        "leaflet-container" in s.get_text() for s in soup.find_all("style")
    )


def test_text_is_escaped_for_html_and_script(write_gazetteer) -> None:
    def edit(d):
        d["features"][0]["properties"]["title"] = "</script><script>alert(1)</script>"
        d["features"][0]["descriptions"] = [{"value": "<img src=x onerror=alert(2)>", "lang": "en"}]

    gaz = load_gazetteer(write_gazetteer(edit))
    page = render_html(gaz, place_layers(gaz))
    assert "<script>alert(1)" not in page and "</script><script>alert" not in page
    assert "<img src=x" not in page
    data = _layer_data(page)
    antung = next(f for fc in data.values() for f in fc["features"] if f["id"] == "antung")["properties"]
    assert antung["name"] == "</script><script>alert(1)</script>"  # intact as data, inert as markup
    assert antung["tip"].startswith("&lt;/script&gt;")


def test_js_json_and_safe_url() -> None:
    assert "<" not in js_json({"a": "</script>"}) and json.loads(js_json({"a": "</script>"})) == {"a": "</script>"}
    assert safe_url("https://x.org") == "https://x.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", " JAVASCRIPT:x", None, 3):
        assert safe_url(bad) is None


@pytest.mark.slow
def test_same_inputs_give_identical_bytes_across_processes(mini_path: Path, tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"m{seed}.html"
        subprocess.run(
            [sys.executable, "-m", "mapgen", "-q", "build", "--gazetteer", str(mini_path), "--out", str(out)],
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_ids_are_random_again_after_stable_ids(mini_path: Path) -> None:
    with stable_ids():
        a = folium.Map(tiles=None).get_name()
    b = folium.Map(tiles=None).get_name()
    assert a == "map_" + "0" * 32 and b != a


def test_save_is_atomic_and_refuses_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "map.html"
    save_html("first", out)
    assert out.read_text() == "first"
    save_html("second", out)
    assert out.read_text() == "second"
    assert [p.name for p in out.parent.iterdir()] == ["map.html"]  # no temp file left
    from mapgen.errors import OutputError

    with pytest.raises(OutputError, match="is a directory"):
        save_html("x", tmp_path)


REAL = Path(__file__).resolve().parents[1] / "data" / "places.geojson"


@pytest.mark.skipif(not REAL.exists(), reason="data/places.geojson not written yet")
def test_default_real_map_stays_under_400_kb() -> None:
    """Our own part of the page (the --cdn page: data, popups, our JavaScript) within 400 kB; Leaflet inlined adds ~170 kB."""
    from mapgen.analysis import analysis_layers
    from mapgen.pipeline import load_basemap

    gaz = load_gazetteer(REAL)
    layers = place_layers(gaz) + analysis_layers(gaz)
    page = render_html(gaz, layers, MapOptions(basemap=load_basemap(), self_contained=False))
    assert len(page.encode("utf-8")) <= 400_000
    inlined = render_html(gaz, layers, MapOptions(basemap=load_basemap()))
    assert len(inlined.encode("utf-8")) <= 600_000


def test_about_panel_lists_every_source_escaped(write_gazetteer) -> None:
    from mapgen.about import about_html

    def edit(d):
        d["sources"][0]["title"] = "<script>alert(1)</script>"

    gaz = load_gazetteer(write_gazetteer(edit))
    soup = BeautifulSoup(about_html(gaz, place_layers(gaz), "T"), "html.parser")
    items = [li.get_text() for li in soup.find("ol", class_="mg-bib").find_all("li")]
    assert len(items) == 2 and any("<script>alert(1)</script>" in t for t in items)
    assert soup.find("script") is None
    assert "How to cite this map" in soup.get_text()


def test_size_by_scales_point_radii_by_area(mini_path: Path) -> None:
    from dataclasses import replace

    from mapgen.features import MAX_RADIUS_PX, MIN_RADIUS_PX, layer_geojson

    gaz = load_gazetteer(mini_path)
    layer = next(lyr for lyr in place_layers(gaz) if lyr.key == "communist-airbases")
    places = layer.places.assign(mention_count=[9, 0])
    sized = replace(layer, rule=replace(layer.rule, size_by="mention_count"), places=places)
    radii = {f["id"]: f["properties"]["radius"] for f in layer_geojson(sized, gaz.sources)["features"]}
    assert radii == {"antung-airfield": MAX_RADIUS_PX, "tungfeng": MIN_RADIUS_PX}
    assert "radius" not in layer_geojson(layer, gaz.sources)["features"][0]["properties"]
    with pytest.raises(ValueError, match="size_by column 'nope'"):
        layer_geojson(replace(layer, rule=replace(layer.rule, size_by="nope")), gaz.sources)


def test_passages_in_popups_are_marked_cited_and_escaped(mini_path: Path) -> None:
    from mapgen.features import layer_geojson
    from mapgen.layers import MENTIONS_RULE, Layer
    from mapgen.popups import PASSAGES_SHOWN

    gaz = load_gazetteer(mini_path)
    p = {
        "doc": "a",
        "author": "Ann <Author>",
        "year": 1999,
        "doc_title": "On Antung",
        "url": "javascript:alert(1)",
        "sentence": "MiGs rose from Antung <b>daily</b>.",
        "passage_start": 15,
        "passage_end": 21,
        "text": "Antung",
        "date": "1951-04",
        "date_precision": "month",
        "date_first": "1951-04-01",
        "date_last": "1951-04-30",
    }
    places = gaz.places.iloc[[0]].assign(
        **{
            S.PASSAGES: [tuple([p] * (PASSAGES_SHOWN + 2))],
            S.FIRST_DATE: ["1951-04-01"],
            S.LAST_DATE: ["1952-06-30"],
            S.MENTION_COUNT: [PASSAGES_SHOWN + 2],
        }
    )
    layer = Layer(MENTIONS_RULE, places)
    props = layer_geojson(layer, gaz.sources)["features"][0]["properties"]
    assert (props["start"], props["end"]) == ("1951-04-01", "1952-06-30")  # the slider follows the passages
    soup = BeautifulSoup(props["popup"], "html.parser")
    assert soup.find("h3", string=f"In the articles ({PASSAGES_SHOWN + 2})")
    quotes = soup.find_all("blockquote")
    assert len(quotes) == PASSAGES_SHOWN
    assert quotes[0].mark.get_text() == "Antung"
    assert quotes[0].get_text() == "MiGs rose from Antung <b>daily</b>."  # markup in a text stays text
    assert soup.find("b") is None and soup.find("ul", class_="mg-passages").find("a") is None  # no javascript: link
    assert "Ann <Author> (1999). On Antung" in soup.get_text()
    assert soup.find("time")["datetime"] == "1951-04" and soup.find("time").get_text() == "Apr 1951"
    assert "And 2 more: On Antung (2)." in soup.get_text()


@pytest.mark.parametrize(
    "text", ["</script>", "</SCRIPT >", "<!-- x", "<script>", "<ScRiPt src=x>", "<?xml", "a\u2028b\u2029c"]
)
def test_js_json_defuses_what_can_break_a_script_element(text: str) -> None:
    out = js_json({"t": text})
    assert json.loads(out) == {"t": text}
    low = out.lower()
    assert "</" not in low and "<!" not in low and "<script" not in low and "<?" not in low
    assert "\u2028" not in out and "\u2029" not in out


def test_js_json_keeps_harmless_markup_short() -> None:
    assert js_json({"p": "<p>a &amp; b</p>"}) == '{"p":"<p>a &amp; b\\u003c/p>"}'
