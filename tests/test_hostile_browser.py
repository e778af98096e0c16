"""Hostile text in every place it can reach the page: nothing runs, no dialog opens.

Payloads go into gazetteer titles, names, descriptions, events, citations and
the bibliography, into an article's sidecar (title, author, a javascript: URL),
into the article text itself (a </script> inside a passage) and into the
article's file name. Then every popup and tooltip is opened, the search is
used, and both dialogs are shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pages import open_map

from mapgen.pipeline import build

pytestmark = pytest.mark.browser

MARK = "window.__pwned = (window.__pwned || 0) + 1"
PAYLOADS = [
    "<script>" + MARK + "</script>",
    '<img src=x onerror="' + MARK + '">',
    '<svg onload="' + MARK + '"></svg>',
    "</div></div><b>stray</b>",
    "\"' ` ${" + MARK + "} quotes",
    "</script><script>" + MARK + "</script>",
    "javascript:" + MARK,
]
EVIL = " | ".join(PAYLOADS)


def _hostile_gazetteer(mini: dict[str, Any]) -> dict[str, Any]:
    d = json.loads(json.dumps(mini))
    d["title"] = EVIL
    d["sources"][0].update(author=EVIL, title=EVIL, note=EVIL)
    for f in d["features"]:
        f["properties"]["title"] = f"{f['properties']['title']} {PAYLOADS[0]}"
        f["properties"]["modern_name"] = PAYLOADS[1]
        f.setdefault("names", []).append({"toponym": PAYLOADS[2], "lang": "en"})
        f["descriptions"] = [{"value": EVIL, "lang": "en"}]
        f["citations"] = [{"source": "test-atlas", "pages": PAYLOADS[5], "note": PAYLOADS[4]}]
        f["events"] = [
            {
                "date": "1951-01-01",
                "label": PAYLOADS[5],
                "description": EVIL,
                "citations": [{"source": "test-atlas", "pages": PAYLOADS[3]}],
            }
        ]
    d["features"][2]["uncertainty"]["reason"] = EVIL
    d["features"][1]["when"]["label"] = EVIL
    return d


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    mini = json.loads((Path(__file__).parent / "data" / "mini_places.geojson").read_text(encoding="utf-8"))
    gaz = base / "evil.geojson"
    gaz.write_text(json.dumps(_hostile_gazetteer(mini)), encoding="utf-8")
    texts = base / "texts"
    texts.mkdir()
    name = '<img src=x onerror="window.__pwned=1">'
    (texts / f"{name}.txt").write_text(
        "In April 1951 the MiGs left Antung </script><script>" + MARK + "</script> for the Yalu River, "
        '<img src=x onerror="' + MARK + '"> said a pilot.\n',
        encoding="utf-8",
    )
    (texts / f"{name}.json").write_text(
        json.dumps({"title": EVIL, "author": PAYLOADS[1], "date": "1999", "url": "javascript:" + MARK}),
        encoding="utf-8",
    )
    out = base / "evil.html"
    result = build(gaz, out, title=EVIL, texts=[texts], self_contained=True)
    assert result.mentions >= 2 and not result.skipped
    return out


def test_no_payload_runs_anywhere(new_page: Callable[..., Any], hostile_map: Path) -> None:
    pg = new_page()
    pg.emulate_media(reduced_motion="reduce")  # no flights: each popup opens at once
    open_map(pg, hostile_map)
    items = pg.evaluate("() => mapgen.layers.reduce((n, e) => n + e.items.length, 0)")
    assert items >= 6
    # every tooltip, then every popup, one after the other
    tips = pg.evaluate(
        """() => mapgen.layers.flatMap(e => e.items).map(it => {
               if (!it.layer.getTooltip || !it.layer.getTooltip()) return 0;
               it.layer.openTooltip(it.layer.getLatLng ? it.layer.getLatLng() : it.layer.getBounds().getCenter());
               const n = document.querySelectorAll('.leaflet-tooltip').length; it.layer.closeTooltip(); return n; })"""
    )
    assert sum(1 for n in tips if n) >= 6
    for i in range(items):
        pg.evaluate("(k) => mapgen.showFeature(mapgen.layers.flatMap(e => e.items)[k])", i)
        pg.wait_for_timeout(150)
    popup = pg.locator(".leaflet-popup-content")
    assert popup.count() >= 1
    # the search lists names with payloads in them as text
    box = pg.get_by_role("combobox")
    box.fill("svg")
    pg.keyboard.press("ArrowDown")
    pg.wait_for_timeout(100)
    assert "svg" in pg.get_by_role("listbox").inner_text()
    pg.keyboard.press("Escape")
    # both dialogs
    for label in ("About this map", "List of places"):
        pg.get_by_role("button", name=label).first.click()
        pg.wait_for_timeout(100)
        pg.keyboard.press("Escape")
    html = pg.content()
    assert pg.evaluate("() => window.__pwned") is None
    assert pg.errors == [], pg.errors
    # the payloads are visible as text, not as markup
    assert "<svg onload" in pg.locator("body").inner_text() or "&lt;svg onload" in html
    # no link with a javascript: URL anywhere
    assert (
        pg.evaluate(
            "() => [...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|#|mailto:)/i.test(a.getAttribute('href'))).map(a => a.getAttribute('href'))"
        )
        == []
    )
    assert pg.evaluate(
        "() => document.querySelectorAll('img[src=x], svg[onload], script:not([src])').length"
    ) == pg.evaluate("() => document.querySelectorAll('script:not([src])').length")
