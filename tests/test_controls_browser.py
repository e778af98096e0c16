"""The page's controls come and go cleanly: each is an L.Control (or a Leaflet layer or handler)
whose onRemove takes its listeners away, so the page keeps working without it and with it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pages import open_map

pytestmark = pytest.mark.browser


@pytest.fixture
def pg(new_page: Callable[..., Any], mini_map: Path) -> Any:
    page = new_page()
    open_map(page, mini_map)
    return page


def test_every_control_removed_and_added_back_works_again(pg: Any) -> None:
    names = ["search", "toolbar", "layers", "time"]
    assert pg.evaluate(f"() => {names}.every(n => mapgen.controls[n] instanceof L.Control)")
    pg.evaluate(f"() => {names}.forEach(n => mapgen.controls[n].remove())")
    assert pg.evaluate("() => document.querySelectorAll('.mg-search, .mg-toolbar, .mg-layers, .mg-time').length") == 0
    # what their listeners did must not run on the removed controls: no error from any of these
    key = pg.evaluate("() => mapgen.layers[0].key")
    pg.evaluate(f"() => {{ mapgen.setLayer('{key}', false); mapgen.setTime(3); mapgen.setBase('none'); }}")
    pg.mouse.click(500, 400)
    pg.keyboard.press("Tab")
    pg.evaluate("() => document.dispatchEvent(new Event('fullscreenchange'))")
    pg.evaluate(f"() => {names}.forEach(n => mapgen.controls[n].addTo(mapgen.map))")
    # back, and showing the state the map is in now
    assert pg.evaluate(f"() => document.querySelector('.mg-layers input[data-key=\"{key}\"]').checked") is False
    assert pg.evaluate("() => document.querySelector('.mg-layers input[type=radio][value=none]').checked") is True
    assert pg.evaluate("() => document.querySelector('.mg-time-input').value") == "3"  # set while it was away
    shown = pg.evaluate("() => mapgen.shownCount()")
    assert pg.locator(".mg-time-out").inner_text() == f"Mar 1945 \u00b7 {shown} shown"
    pg.evaluate("() => mapgen.setTime(5)")
    assert pg.evaluate("() => document.querySelector('.mg-time-input').value") == "5"
    assert pg.locator(".mg-time-out").inner_text().startswith("May ")
    pg.evaluate("() => mapgen.controls.layers.setOpen(true)")
    pg.locator(f'.mg-layers input[data-key="{key}"]').check()
    assert pg.evaluate(f"() => mapgen.isLayerOn('{key}')") is True
    assert pg.errors == []


def test_the_layer_control_listens_to_the_document_only_while_on_the_map(pg: Any) -> None:
    pg.set_viewport_size({"width": 375, "height": 700})  # a phone: the panel closes when you go elsewhere
    ctl = "mapgen.controls.layers"
    pg.evaluate(f"() => {ctl}.setOpen(true)")
    pg.mouse.click(200, 500)
    assert pg.evaluate(f"() => {ctl}.panel.body.hidden") is True
    pg.evaluate(f"() => {{ {ctl}.setOpen(true); {ctl}.remove(); }}")
    panel = pg.evaluate_handle(f"() => {ctl}")
    pg.mouse.click(200, 500)  # its pointerdown listener is gone with it: nothing reads its panel
    assert pg.evaluate("c => c.panel", panel) is None
    assert pg.errors == []


def test_the_labels_layer_removed_leaves_no_label_and_no_fan(pg: Any) -> None:
    pg.evaluate("() => mapgen.map.setView([40.1, 124.4], 9, {animate: false})")
    pg.wait_for_function("() => document.querySelectorAll('.mg-label').length > 0")
    pg.evaluate("() => mapgen.map.removeLayer(mapgen.labeller)")
    assert pg.evaluate("() => document.querySelectorAll('.mg-label').length") == 0
    assert pg.evaluate("() => mapgen.map.hasLayer(mapgen.labeller.legs)") is False
    margins = pg.evaluate(
        "() => [...document.querySelectorAll('.leaflet-marker-icon.mg-marker')].map(e => e.style.marginLeft + e.style.marginTop)"
    )
    assert margins and all(m in ("-8px-8px", "") for m in margins), margins
    pg.evaluate("() => mapgen.map.setZoom(8, {animate: false})")
    pg.wait_for_timeout(100)
    assert pg.evaluate("() => document.querySelectorAll('.mg-label').length") == 0  # its listeners went with it
    pg.evaluate("() => mapgen.labeller.addTo(mapgen.map)")
    assert pg.evaluate("() => document.querySelectorAll('.mg-label').length") > 0
    assert pg.errors == []


def test_measuring_adds_its_listeners_only_while_it_runs(pg: Any) -> None:
    pg.locator(".mg-tool[aria-label='Measure distance']").click()
    assert pg.evaluate("() => mapgen.isMeasuring()") is True
    pg.mouse.click(400, 600)  # empty map
    pg.mouse.click(700, 600)
    assert pg.evaluate("() => mapgen.measuredMetres") > 0
    pg.get_by_role("button", name="Done").click()
    assert pg.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Measure distance"
    assert pg.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "false"
    before = pg.evaluate("() => mapgen.measuredMetres")
    pg.mouse.click(550, 600)  # no longer measuring: a click adds no point
    assert pg.evaluate("() => mapgen.measuredMetres") == before
    assert pg.evaluate("() => document.querySelectorAll('.mg-measure, .mg-crosshair').length") == 0
    assert pg.errors == []
