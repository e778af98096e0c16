"""The generated map in a real headless Chromium: it renders, layers toggle, popups open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mapgen.pipeline import build

pytestmark = pytest.mark.browser

BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that answers tile requests with a blank PNG and records every error."""
    context = browser.new_context(viewport={"width": 1100, "height": 750})

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://", "https://")):
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            route.continue_()

    context.route("**/*", handle)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def mini_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "mini.html"
    build(Path(__file__).parent / "data" / "mini_places.geojson", out, self_contained=True)
    return out


def test_map_renders_layers_toggle_and_popups_open(page: Any, mini_map: Path) -> None:
    page.goto(mini_map.as_uri())
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 4  # 4 point places
    labels = page.locator(".leaflet-control-layers-overlays label")
    names = [labels.nth(i).inner_text().strip() for i in range(labels.count())]
    assert names == ["MiG Alley", "Communist air bases", "UN air bases", "Cities and towns", "Rivers"]
    page.hover(".leaflet-control-layers")
    box = page.locator(".leaflet-control-layers-overlays label", has_text="Communist air bases").locator("input")
    box.uncheck()
    assert page.locator(".leaflet-marker-icon").count() == 2
    box.check()
    assert page.locator(".leaflet-marker-icon").count() == 4
    page.mouse.move(5, 5)
    page.locator('.leaflet-marker-icon[title="Antung airfield"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Antung airfield, today Langtou" in popup.inner_text()
    assert "Another Author (1999)" in popup.inner_text()
    page.screenshot(path=str(Path("output") / "test-mini-map.png"))
    assert page.errors == []
