"""The map page's URL hash is input too: malformed or absurd parts are ignored, the page still works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pages import open_map

pytestmark = pytest.mark.browser

BAD = [
    "#map=%E0%A4%A&layers=%&base=%zz",
    "#map=1e308/1e308/1e308&date=9999-99",
    "#map=99/91/500&date=1951-13",
    "#map=NaN/Infinity/-Infinity&base=__proto__",
    "#__proto__=x&constructor=y&layers=" + "a," * 5000,
    "#date=0000-00&map=5/-91/0",
]


@pytest.mark.parametrize("hash_", BAD)
def test_a_broken_hash_is_ignored_and_the_page_keeps_working(
    new_page: Callable[..., Any], mini_map: Path, hash_: str
) -> None:
    pg = new_page()
    open_map(pg, mini_map, hash_)
    view = pg.evaluate("() => { const c = mapgen.map.getCenter(); return [mapgen.map.getZoom(), c.lat, c.lng]; }")
    assert all(abs(x) < 1000 for x in view) and -90 <= view[1] <= 90
    assert pg.evaluate("() => mapgen.bases.some(b => mapgen.map.hasLayer(b.layer)) || mapgen.map.hasLayer(mapgen.land)")
    pg.evaluate("() => mapgen.map.setView([40.5, 125.0], 7, {animate: false})")
    pg.wait_for_function("() => location.hash.startsWith('#map=7/40.5000/125.0000')")  # hash updates still run
    opened = pg.evaluate(
        "() => { const it = mapgen.layers.find(e => e.items.length).items[0]; it.layer.openPopup(); return !!document.querySelector('.leaflet-popup'); }"
    )
    assert opened
    assert pg.errors == []


def test_the_usable_parts_of_a_partly_broken_hash_still_apply(new_page: Callable[..., Any], mini_map: Path) -> None:
    pg = new_page()
    open_map(pg, mini_map, "#map=9/40.1000/124.4000&layers=%E0%A4%A&date=1951-04")
    assert pg.evaluate("() => mapgen.map.getZoom()") == 9
    assert pg.evaluate("() => mapgen.getTime ? mapgen.getTime() : -1") == (1951 - 1945) * 12 + 4
    assert pg.errors == []
