"""Another subject in a real Chromium: BCE and pre-1000 years on the slider, places with no site listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pages import open_map

from mapgen.pipeline import build

pytestmark = pytest.mark.browser

VISIBLE = "() => mapgen.layers.flatMap(e => e.items.filter(i => i.visible).map(i => i.feature.properties.name)).sort()"


def _lpf_place(slug: str, title: str, fclass: str, start: str, end: str, lon: float, lat: float) -> dict[str, Any]:
    """One plain LPF Feature with a timespan and a cited name."""
    return {
        "@id": f"mapgen:{slug}",
        "type": "Feature",
        "properties": {"title": title, "fclasses": [fclass]},
        "when": {"timespans": [{"start": {"in": start}, "end": {"in": end}}]},
        "names": [{"toponym": title, "citations": [{"label": "A test citation", "year": "2020"}]}],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def _ancient(tmp_path: Path) -> Path:
    """Plain LPF of our own: one place of the 3rd-2nd centuries BCE, one of the 9th century CE."""
    feats = [
        _lpf_place("test-ancient", "Old fort", "S", "-0230", "-0133", 27.5, 39.0),
        _lpf_place("test-medieval", "New town", "P", "0800", "900", 28.0, 39.5),
    ]
    path = tmp_path / "ancient.lpf.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return path


def test_bce_and_early_years_on_the_slider(page: Any, tmp_path: Path) -> None:
    out = build(_ancient(tmp_path), tmp_path / "ancient.html").path
    open_map(page, out)
    cfg = page.evaluate("() => mapgen.config.time")
    assert cfg == {"from": -230, "to": 900, "step": "year"}
    assert page.locator(".mg-time-scale").inner_text().split() == ["231", "BCE", "900"]
    page.evaluate("() => mapgen.setTime(-200 - (-230) + 1)")  # 201 BCE
    assert page.evaluate(VISIBLE) == ["Old fort"]
    assert "201 BCE" in page.locator(".mg-time-out").inner_text()
    page.evaluate("() => mapgen.setTime(850 - (-230) + 1)")  # 850: a three-digit year, compared as a number
    assert page.evaluate(VISIBLE) == ["New town"]
    assert "date=0850" in page.evaluate("() => location.hash")
    open_map(page, out, "#date=-0150")  # the share link restores a BCE year
    assert page.evaluate(VISIBLE) == ["Old fort"] and page.errors == []


def test_unlocated_places_are_in_the_list_of_places(page: Any, shared_lpf: Path, tmp_path: Path) -> None:
    out = build(shared_lpf / "epns-02-000001.geojson", tmp_path / "bucks.html").path
    open_map(page, out)
    page.get_by_role("button", name="List of places (text alternative to the map)").click()
    dialog = page.locator("dialog.mg-places")
    assert "Not located" in dialog.inner_text()
    assert "Buckinghamshire (not located)" in dialog.locator("summary").all_inner_texts()
    assert page.errors == []
