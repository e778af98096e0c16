"""The generated map in a real headless Chromium: controls, layers, time, search, hash, phones, a11y."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pages import MINI, REAL, axe_installed, axe_violations, open_map, shot

from mapgen.assets import LEAFLET_JS_URL
from mapgen.pipeline import build

pytestmark = pytest.mark.browser

# JS helpers evaluated in the page
FEATURES_ON = """() => mapgen.layers.reduce((n, e) => n + (mapgen.map.hasLayer(e.group) ? e.items.filter(i => i.visible).length : 0), 0)"""
DRAWN = """() => document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon').length
             + document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length"""


def _overlaps(pg: Any) -> list[str]:
    """Pairs of visible map controls whose boxes intersect (a legend over the slider, say)."""
    return pg.evaluate(
        """() => {
        const els = [...document.querySelectorAll('.leaflet-control')].filter(e => e.offsetParent !== null);
        const out = [];
        for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
          const a = els[i].getBoundingClientRect(), b = els[j].getBoundingClientRect();
          if (a.width && b.width && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
            out.push(els[i].className + ' X ' + els[j].className);
        }
        return out;
      }"""
    )


def _each_overlay_toggles(page: Any) -> list[str]:
    """Click every overlay's box off and on; its features leave the map and come back. Returns the keys."""
    keys = page.eval_on_selector_all(".mg-layers input[type=checkbox]", "els => els.map(e => e.dataset.key)")
    layer_keys = page.evaluate("() => mapgen.layers.map(e => e.key)")
    assert set(layer_keys) <= set(keys)  # every overlay listed
    for key in layer_keys:
        box = page.locator(f'.mg-layers input[data-key="{key}"]')
        n = page.evaluate(f"() => mapgen.layers.find(e => e.key === '{key}').items.length")
        assert n > 0
        was_on = box.is_checked()
        before = page.evaluate(DRAWN)
        box.click()
        after = page.evaluate(DRAWN)
        assert after == before + (-n if was_on else n), key
        box.click()
        assert page.evaluate(DRAWN) == before, key
    return keys


def test_layers_grouped_listed_and_each_toggles(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    page.wait_for_selector(".leaflet-marker-icon")
    groups = page.locator(".mg-layers fieldset legend").all_inner_texts()
    assert groups == ["Base maps", "Air bases", "Places", "Lines and areas", "Analysis"]
    keys = _each_overlay_toggles(page)
    assert "offline-land" in keys  # Natural Earth base layer is a toggle too
    shot(page, "test-mini-layers.png")
    assert page.errors == []


def test_popup_opens_with_text_and_citation(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    page.locator('.leaflet-marker-icon[title="Antung airfield"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Antung airfield, today Langtou" in text
    assert "Another Author (1999)" in text
    shot(page, "test-mini-popup.png")
    assert page.errors == []


def test_analysis_layers_cite_their_figures(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    page.locator('.mg-layers input[data-key="contested"]').wait_for()
    page.evaluate("() => mapgen.showFeature(mapgen.layers.find(e => e.key === 'contested').items[0])")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Soviet Pilots over MiG Alley" in popup.inner_text()
    assert page.errors == []


def test_search_finds_any_name_variant_and_flies_there(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    box = page.get_by_role("combobox", name="Find a place by any of its names")
    box.press_sequentially("Dandong")
    option = page.get_by_role("option").first
    assert "Antung" in option.inner_text()
    # the list lies over the tools below the search box, not under them
    covering = page.evaluate(
        """() => { const r = document.querySelector('.mg-option').getBoundingClientRect();
                   return document.elementFromPoint(r.left + 5, r.top + r.height / 2).closest('.mg-search-list') !== null; }"""
    )
    assert covering
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Antung, today Dandong" in page.locator(".leaflet-popup-content").inner_text()
    assert page.evaluate("() => mapgen.map.getZoom()") >= 8
    assert page.errors == []


def test_time_slider_filters_by_date_with_the_keyboard(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    slider = page.get_by_role("slider", name="Date")
    everything = page.evaluate(FEATURES_ON)
    slider.focus()
    slider.press("ArrowRight")  # Jan 1945: before the MiG operations
    assert slider.get_attribute("aria-valuetext") == "Jan 1945"
    in_1945 = page.evaluate(FEATURES_ON)
    assert in_1945 < everything
    assert page.locator('.leaflet-marker-icon[title="Antung airfield"]').count() == 0
    for _ in range(12 * 6 + 10):  # to Nov 1951
        slider.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == "Nov 1951"
    assert page.locator('.leaflet-marker-icon[title="Antung airfield"]').count() == 1
    slider.press("Home")  # back to all dates
    assert slider.get_attribute("aria-valuetext") == "All dates"
    assert page.evaluate(FEATURES_ON) == everything
    assert page.errors == []


def test_url_hash_keeps_and_restores_the_view(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map, "#map=8/40.1000/124.5000&layers=cities,rivers&base=none&date=1951-11")
    assert page.evaluate("() => mapgen.map.getZoom()") == 8
    center = page.evaluate("() => mapgen.map.getCenter()")
    assert abs(center["lat"] - 40.1) < 1e-3 and abs(center["lng"] - 124.5) < 1e-3
    on = page.evaluate("() => mapgen.layers.filter(e => mapgen.map.hasLayer(e.group)).map(e => e.key)")
    assert on == ["cities", "rivers"]
    assert page.locator('.mg-layers input[data-key="cities"]').is_checked()
    assert not page.locator('.mg-layers input[data-key="communist-airbases"]').is_checked()
    assert page.get_by_role("slider", name="Date").get_attribute("aria-valuetext") == "Nov 1951"
    assert page.evaluate("() => mapgen.currentBase()") == "none"
    # a change is written back to the hash
    page.locator('.mg-layers input[data-key="un-airbases"]').check()
    assert "un-airbases" in page.evaluate("() => location.hash")
    page.evaluate("() => mapgen.map.setView([39.5, 125.25], 7, {animate: false})")
    assert page.evaluate("() => location.hash").startswith(
        "#map=7/39.5000/125.2500&layers=un-airbases,cities,rivers&base=none"
    )
    assert "date=1951-11" in page.evaluate("() => location.hash")
    assert page.errors == []


def test_controls_are_reachable_by_keyboard_and_named(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    seen = []
    for _ in range(4):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => document.activeElement.closest('.mg-layers') ? 'layers' : document.activeElement.className"
            )
        )
        if seen[-1] == "layers":
            break
    assert "layers" in seen, seen
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # every place marker has a name; the offline land is neither interactive nor focusable
    names = page.eval_on_selector_all(
        ".leaflet-marker-icon", "els => els.map(e => e.getAttribute('aria-label') || e.title)"
    )
    assert all(names)
    assert (
        page.eval_on_selector_all(
            ".leaflet-mgBase-pane [tabindex], .leaflet-mgBase-pane .leaflet-interactive", "els => els.length"
        )
        == 0
    )
    assert page.errors == []


def test_about_and_list_of_places(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    page.get_by_role("button", name="About this map: sources, how to cite, licences").click()
    about = page.get_by_role("dialog", name="About this map")
    assert "A made-up atlas for tests" in about.inner_text()
    assert "How to cite this map" in about.inner_text()
    shot(page, "test-mini-about.png")
    page.keyboard.press("Escape")
    # focus goes back to the button that opened the dialog
    assert (
        page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        == "About this map: sources, how to cite, licences"
    )
    page.get_by_role("button", name="List of places (text alternative to the map)").click()
    listing = page.get_by_role("dialog", name="List of places")
    listing.locator("summary", has_text="Kimpo, today Gimpo").click()
    listing.get_by_role("button", name="Show on map: Kimpo").click()
    page.locator(".leaflet-popup-content").wait_for()
    assert "Kimpo, today Gimpo" in page.locator(".leaflet-popup-content").inner_text()
    assert page.errors == []


def test_phone_no_sideways_scroll_no_overlap(phone: Any, mini_map: Path) -> None:
    open_map(phone, mini_map)
    assert phone.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    assert phone.locator(".mg-layers-toggle").get_attribute("aria-expanded") == "false"  # collapsed on phones
    assert _overlaps(phone) == []
    shot(phone, "test-mini-phone.png")
    phone.locator(".mg-layers-toggle").click()
    assert phone.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    shot(phone, "test-mini-phone-layers.png")
    phone.get_by_role(
        "button", name="About this map: sources, how to cite, licences"
    ).click()  # reachable: the panel closes
    assert phone.locator(".mg-layers-toggle").get_attribute("aria-expanded") == "false"
    assert phone.errors == []


def test_phone_popup_fits_the_screen(phone: Any, mini_map: Path) -> None:
    open_map(phone, mini_map)
    phone.evaluate("() => mapgen.showFeature(mapgen.layers.find(e => e.key === 'communist-airbases').items[0])")
    popup = phone.locator(".leaflet-popup")
    popup.wait_for()
    phone.wait_for_timeout(400)
    box = popup.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert phone.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    shot(phone, "test-mini-phone-popup.png")
    assert phone.errors == []


def test_natural_earth_credited_only_while_its_land_shows(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    # under the tiles: online they cover it, offline their empty images let it show
    z = page.evaluate(
        "() => [mapgen.map.getPane('mgBase').style.zIndex, getComputedStyle(mapgen.map.getPane('tilePane')).zIndex].map(Number)"
    )
    assert z[0] < z[1]
    attribution = page.locator(".leaflet-control-attribution")
    assert "Natural Earth" in attribution.inner_text()
    assert "Esri" in attribution.inner_text()  # the default basemap's own credit
    page.locator('.mg-layers input[data-key="offline-land"]').uncheck()
    assert "Natural Earth" not in attribution.inner_text()
    page.locator('.mg-layers input[data-key="offline-land"]').check()
    assert "Natural Earth" in attribution.inner_text()
    page.get_by_role("radio", name="OpenStreetMap").check()
    assert "OpenStreetMap" in attribution.inner_text() and "Esri" not in attribution.inner_text()
    assert page.errors == []


def test_a_marker_opens_its_popup_from_the_keyboard(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    marker = page.locator('.leaflet-marker-icon[title="Kimpo"]')
    assert marker.get_attribute("aria-label") == "Kimpo, today Gimpo"
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Kimpo, today Gimpo" in page.locator(".leaflet-popup-content").inner_text()
    assert page.errors == []


def test_measure_distance_by_mouse_and_keyboard(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    tool = page.get_by_role("button", name="Measure distance")
    tool.click()
    assert tool.get_attribute("aria-pressed") == "true"
    status = page.get_by_role("status").filter(has_text="add points")
    assert status.count() == 1
    # two clicks on empty map: the distance is the great circle between them
    page.mouse.click(400, 600)
    page.mouse.click(700, 600)
    expected = page.evaluate(
        "() => mapgen.map.distance(mapgen.map.containerPointToLatLng([400, 600]), mapgen.map.containerPointToLatLng([700, 600]))"
    )
    assert page.evaluate("() => mapgen.measuredMetres") == pytest.approx(expected, rel=1e-6)
    assert "Distance:" in page.locator(".mg-measure-out").inner_text()
    shot(page, "test-mini-measure.png")
    page.get_by_role("button", name="Clear").click()
    # keyboard: Enter on the focused map adds its centre; arrows pan
    page.evaluate("() => mapgen.map.getContainer().focus()")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    assert page.evaluate("() => mapgen.measuredMetres") > 0
    page.keyboard.press("Escape")
    assert tool.get_attribute("aria-pressed") == "false"
    assert page.locator(".mg-measure").count() == 0
    assert page.errors == []


def test_fullscreen_button_toggles(page: Any, mini_map: Path) -> None:
    open_map(page, mini_map)
    button = page.get_by_role("button", name="Full screen")
    button.click()
    pressed = "() => document.querySelector('[aria-label=\"Full screen\"]').getAttribute('aria-pressed')"
    page.wait_for_function("() => document.fullscreenElement === mapgen.map.getContainer()")
    page.wait_for_function(f"() => ({pressed})() === 'true'")  # set on fullscreenchange, a frame later
    button.click()
    page.wait_for_function("() => !document.fullscreenElement")
    page.wait_for_function(f"() => ({pressed})() === 'false'")
    assert page.errors == []


def test_landscape_phone_no_overlap(new_page: Callable[..., Any], mini_map: Path) -> None:
    pg = new_page(740, 360)
    open_map(pg, mini_map)
    assert pg.locator(".mg-layers-toggle").get_attribute("aria-expanded") == "false"  # too low for the panel
    assert pg.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    assert _overlaps(pg) == []
    shot(pg, "test-mini-landscape.png")
    assert pg.errors == []


def test_embedded_in_a_lesson_page(page: Any, mini_map: Path, tmp_path: Path) -> None:
    """The `mapgen embed` snippet in an LMS-like page: the map works inside its frame."""
    import shutil

    from mapgen.embed import embed_snippet

    shutil.copy(mini_map, tmp_path / "map.html")
    snippet = embed_snippet(tmp_path / "map.html", height="500px")
    (tmp_path / "lesson.html").write_text(
        f'<!doctype html><html lang="en"><head><title>Lesson</title></head><body><main><h1>Lesson</h1>{snippet}</main></body></html>',
        encoding="utf-8",
    )
    page.goto((tmp_path / "lesson.html").as_uri())
    frame_el = page.locator("iframe")
    assert frame_el.get_attribute("title") == "MiG Alley and the secret air war, 1950-53"
    frame = page.frame_locator("iframe")
    frame.locator(".mg-layers").wait_for()
    frame.locator('.leaflet-marker-icon[title="Kimpo"]').click()
    assert "Kimpo, today Gimpo" in frame.locator(".leaflet-popup-content").inner_text()
    box = frame_el.bounding_box()
    assert box is not None and box["height"] == 500 and box["width"] > 1000
    assert page.errors == []


def test_cdn_output_works_when_its_leaflet_urls_are_local(page: Any, tmp_path: Path) -> None:
    out = tmp_path / "cdn.html"
    build(MINI, out, self_contained=False)
    assert LEAFLET_JS_URL in out.read_text(encoding="utf-8")
    open_map(page, out)
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".mg-layers").count() == 1
    assert page.errors == []


@pytest.mark.parametrize("width", [1100, 375])
def test_no_serious_accessibility_violations(
    new_page: Callable[..., Any], mini_map: Path, width: int, axe: None
) -> None:
    pg = new_page(width, 740)
    open_map(pg, mini_map)
    assert axe_violations(pg) == [], "default view"
    pg.locator(".mg-layers-toggle").click()
    assert axe_violations(pg) == [], "layer panel toggled"
    pg.evaluate("() => mapgen.showFeature(mapgen.layers.find(e => e.key === 'communist-airbases').items[0])")
    pg.locator(".leaflet-popup-content").wait_for()
    pg.wait_for_timeout(400)  # let the popup finish fading in: contrast is measured on what is shown
    assert axe_violations(pg) == [], "popup open"
    pg.get_by_role("button", name="About this map: sources, how to cite, licences").click()
    assert axe_violations(pg) == [], "About"
    pg.keyboard.press("Escape")
    pg.get_by_role("button", name="List of places (text alternative to the map)").click()
    pg.locator("summary").first.click()
    assert axe_violations(pg) == [], "list of places"
    assert pg.errors == []


def test_real_map_search_variants_and_screens(new_page: Callable[..., Any], real_map: Path) -> None:
    pg = new_page(1280, 800)
    open_map(pg, real_map)
    assert len(_each_overlay_toggles(pg)) >= 14
    box = pg.get_by_role("combobox", name="Find a place by any of its names")
    box.press_sequentially("Sup'ung")
    assert "Suiho" in pg.get_by_role("option").first.inner_text()
    box.fill("")
    box.press_sequentially("supung")
    assert "Suiho" in pg.get_by_role("option").first.inner_text()
    for typed, found in [("Sŭp’ung", "Suiho"), ("lushun", "Port Arthur"), ("P'yŏngyang", "Pyongyang")]:
        box.fill("")
        box.press_sequentially(typed)
        assert found in pg.get_by_role("option").first.inner_text(), typed
    box.fill("")
    box.press_sequentially("Dandong")
    assert "Antung" in pg.get_by_role("option").first.inner_text()
    box.press("Escape")
    shot(pg, "test-real-wide.png")
    assert _overlaps(pg) == []
    pg.locator('.mg-layers input[data-key="mig15-reach"]').check()
    pg.locator('.mg-layers input[data-key="f86-reach"]').check()
    shot(pg, "test-real-analysis.png")
    pg.locator('.mg-layers input[data-key="mig15-reach"]').uncheck()
    pg.locator('.mg-layers input[data-key="f86-reach"]').uncheck()
    pg.locator('.mg-layers input[data-key="contested"]').check()
    shot(pg, "test-real-contested.png")
    if axe_installed():
        assert axe_violations(pg) == []
    assert pg.errors == []
    ph = new_page(375, 740)
    open_map(ph, real_map)
    assert ph.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    assert _overlaps(ph) == []
    shot(ph, "test-real-phone.png")
    assert ph.errors == []


def test_a_canvas_layer_keeps_thousands_of_points_fluid(page: Any, tmp_path: Path) -> None:
    import pandas as pd
    from shapely.geometry import Point

    from mapgen import schema as S
    from mapgen.gazetteer import load_gazetteer
    from mapgen.layers import GROUP_ARTICLES, Layer, LayerRule, place_layers
    from mapgen.outputs import write_text_atomic as save_html
    from mapgen.render import render_html

    gaz = load_gazetteer(MINI)
    base = gaz.places.iloc[[0]]
    many = pd.concat([base] * 3000, ignore_index=True)
    many[S.PLACE_ID] = [f"m{i}" for i in range(3000)]
    many[S.GEOMETRY] = [Point(124 + (i % 60) * 0.05, 37.5 + (i // 60) * 0.06) for i in range(3000)]
    many = many.set_geometry(S.GEOMETRY, crs=S.CRS)
    rule = LayerRule("mentions", "Mentioned in the articles", GROUP_ARTICLES, "#CC79A7", "circle", canvas=True)
    counted = gaz.places.iloc[[0, 3]].assign(mention_count=[16, 1])  # Antung 16 mentions, Kimpo 1
    by_count = LayerRule(
        "most-mentioned", "Most mentioned", GROUP_ARTICLES, "#0072B2", "circle", size_by="mention_count"
    )
    layers = [*place_layers(gaz), Layer(rule, many), Layer(by_count, counted)]
    out = save_html(render_html(gaz, layers), tmp_path / "many.html")
    open_map(page, out)
    assert page.evaluate("() => mapgen.readyMs") < 3000
    assert page.locator(".leaflet-overlay-pane canvas").count() == 1
    assert page.locator(".leaflet-marker-icon").count() == 4 + 2  # the 3000 are not DOM markers
    sizes = page.eval_on_selector_all(".mg-sized span", "els => els.map(e => e.getBoundingClientRect().width)")
    assert sorted(sizes) == [13, 28]  # radius 4 + 10 * sqrt(1/16) = 6.5 px and 14 px: area follows the count
    assert page.evaluate("() => mapgen.layers.find(e => e.key === 'mentions').items.length") == 3000
    box = page.locator('.mg-layers input[data-key="mentions"]')
    assert (
        page.locator(".mg-layers fieldset", has=page.locator('input[data-key="mentions"]'))
        .locator("legend")
        .inner_text()
        == "Articles"
    )
    box.uncheck()
    assert not page.evaluate("() => mapgen.map.hasLayer(mapgen.layers.find(e => e.key === 'mentions').group)")
    assert page.errors == []


def test_real_map_time_slider_and_lesson_focus(new_page: Callable[..., Any], real_map: Path, tmp_path: Path) -> None:
    pg = new_page(1280, 800)
    open_map(pg, real_map)
    assert pg.evaluate("() => mapgen.readyMs") < 1500
    everything = pg.evaluate(FEATURES_ON)
    pg.evaluate("() => mapgen.setTime(12 * 7 + 6)")  # Jun 1952: the Suiho raids
    assert pg.get_by_role("slider", name="Date").get_attribute("aria-valuetext") == "Jun 1952"
    in_1952 = pg.evaluate(FEATURES_ON)
    pg.evaluate("() => mapgen.setTime(1)")
    in_1945 = pg.evaluate(FEATURES_ON)
    assert in_1945 < in_1952 <= everything
    shot(pg, "test-real-1945.png")
    assert pg.errors == []
    lesson = tmp_path / "lesson.html"
    build(
        REAL,
        lesson,
        title="The Suiho raid",
        layers=["dams", "communist-airbases", "mig-alley"],
        focus="suiho-dam",
        zoom=8,
        self_contained=True,
    )
    pg = new_page(1100, 750)
    open_map(pg, lesson)
    assert pg.evaluate("() => mapgen.map.getZoom()") == 8
    pg.locator(".leaflet-popup-content").wait_for()
    assert "Suiho" in pg.locator(".leaflet-popup-content").inner_text()
    assert pg.title() == "The Suiho raid"
    shot(pg, "test-real-lesson.png")
    assert _overlaps(pg) == []
    assert pg.errors == []


def test_article_passages_open_in_popups_and_follow_the_slider(page: Any, tmp_path: Path, shared_corpus: Path) -> None:
    """The join's output as a sized 'Mentioned in the articles' layer (the shape `build --texts` will use)."""
    from mapgen import schema as S
    from mapgen.gazetteer import load_gazetteer
    from mapgen.join import join_texts
    from mapgen.layers import attach_passages, mentions_layer, place_layers
    from mapgen.outputs import write_text_atomic as save_html
    from mapgen.render import render_html
    from mapgen.texts import iter_documents

    gaz = load_gazetteer(REAL)
    joined = join_texts(gaz, iter_documents([shared_corpus]))
    counts = joined.places
    gaz = attach_passages(gaz, joined.places)
    layer = mentions_layer(gaz)
    assert layer is not None and layer.rule.size_by == S.MENTION_COUNT
    out = save_html(render_html(gaz, [*place_layers(gaz), layer]), tmp_path / "articles.html")
    open_map(page, out)
    top = counts.iloc[0]
    page.evaluate(
        f"() => mapgen.showFeature(mapgen.layers.find(e => e.key === 'mentions').items.find(i => i.feature.id === '{top[S.PLACE_ID]}'))"
    )
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert f"In the articles ({top[S.MENTION_COUNT]})" in text
    first = top[S.PASSAGES][0]
    assert first["text"] in popup.locator("mark").first.inner_text()
    assert f"{first['author']} ({first['year']})" in text
    # the slider: a date before any passage hides the layer's features, "All dates" brings them back
    n = page.evaluate("() => mapgen.layers.find(e => e.key === 'mentions').items.filter(i => i.visible).length")
    page.evaluate("() => mapgen.setTime(1)")
    assert page.evaluate("() => mapgen.layers.find(e => e.key === 'mentions').items.filter(i => i.visible).length") < n
    page.evaluate("() => mapgen.setTime(0)")
    page.wait_for_timeout(400)  # popup fade
    shot(page, "test-real-articles.png")
    assert page.errors == []
