"""A map a class can read (issue 12): labels, no clutter, fonts, at desktop, projector and phone sizes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pages import axe_installed, axe_violations, open_map, shot

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 800), "projector": (1920, 1080), "phone": (375, 740)}

LABEL_BOXES = """() => [...document.querySelectorAll('.mg-label')].map(e => {
    const r = e.getBoundingClientRect();
    return {id: e.dataset.id, text: e.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom};
})"""

MARKERS_IN_VIEW = """() => {
    const c = mapgen.map.getContainer().getBoundingClientRect();
    const controls = [...document.querySelectorAll('.leaflet-control')].map(e => e.getBoundingClientRect());
    const out = [];
    document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon').forEach(m => {
        const r = m.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (x < c.left || y < c.top || x > c.right || y > c.bottom) return;  // outside the view
        const under = controls.some(k => x >= k.left && x <= k.right && y >= k.top && y <= k.bottom);
        out.push({label: m.getAttribute('aria-label'), title: m.title, x, y, under});
    });
    return out;
}"""


def _overlapping(boxes: list[dict[str, Any]], others: list[dict[str, Any]] | None = None) -> list[str]:
    out = []
    pairs = (
        [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]]
        if others is None
        else [(a, b) for a in boxes for b in others]
    )
    for a, b in pairs:
        if a["l"] < b["r"] - 0.5 and b["l"] < a["r"] - 0.5 and a["t"] < b["b"] - 0.5 and b["t"] < a["b"] - 0.5:
            out.append(f"{a.get('text') or a.get('label')} X {b.get('text') or b.get('label')}")
    return out


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, new_page: Callable[..., Any]) -> tuple[str, Any]:
    return request.param, new_page(*SIZES[request.param])


def test_labels_are_written_without_collisions(sized: tuple[str, Any], real_map: Path) -> None:
    name, pg = sized
    open_map(pg, real_map)
    labels = pg.evaluate(LABEL_BOXES)
    texts = {lab["text"] for lab in labels}
    assert len(labels) >= (6 if name == "phone" else 15), texts
    assert _overlapping(labels) == []
    markers = pg.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon, .leaflet-control')].map(e => {
            const r = e.getBoundingClientRect(); return {label: e.getAttribute('aria-label') || e.className, l: r.left, t: r.top, r: r.right, b: r.bottom};
        }).filter(b => b.r > b.l)"""
    )
    assert _overlapping(labels, markers) == []  # no name covers a symbol or a control
    if name != "phone":
        assert {"Antung", "Pyongyang", "Seoul", "Yalu River", "38th parallel"} <= texts
        rotated = pg.evaluate(
            "() => [...document.querySelectorAll('.mg-label-line')].filter(e => /rotate/.test(e.style.transform)).length"
        )
        assert rotated >= 1  # the river's name follows its course
    # read once: the labels are hidden from screen readers and never take focus or the pointer
    assert pg.evaluate("() => mapgen.map.getPane('mgLabels').getAttribute('aria-hidden')") == "true"
    assert pg.evaluate("() => getComputedStyle(document.querySelector('.mg-label')).pointerEvents") == "none"
    # zooming in reveals more names
    pg.evaluate("() => mapgen.map.setView([40.1, 124.4], 9, {animate: false})")
    pg.wait_for_timeout(200)
    closer = pg.evaluate(LABEL_BOXES)
    assert _overlapping(closer) == []
    assert {"Antung airfield", "Sinuiju airfield (K-30)", "Uiju airfield"} <= {lab["text"] for lab in closer}
    shot(pg, f"test-readable-labels-{name}-zoom9.png")
    assert pg.errors == []


def test_labels_follow_the_layer_toggles_and_the_slider(page: Any, real_map: Path) -> None:
    open_map(page, real_map)
    ids = lambda: set(page.evaluate("() => mapgen.labelled"))  # noqa: E731
    cities = set(page.evaluate("() => mapgen.layers.find(e => e.key === 'cities').items.map(i => i.feature.id)"))
    assert cities & ids()
    page.locator('.mg-layers input[data-key="cities"]').uncheck()
    page.wait_for_timeout(50)
    assert not cities & ids()
    assert not page.locator(".mg-label", has_text="Pyongyang").count()
    page.locator('.mg-layers input[data-key="cities"]').check()
    page.wait_for_timeout(50)
    assert "pyongyang" in ids()
    page.evaluate("() => mapgen.setTime(1)")  # Jan 1945: the MiG bases were not yet there
    page.wait_for_timeout(50)
    assert "antung-airfield" not in ids()
    page.evaluate("() => mapgen.setTime(0)")
    page.wait_for_timeout(50)
    assert "antung-airfield" in ids()
    assert page.errors == []


def test_every_marker_in_view_can_be_clicked_at_the_default_view(sized: tuple[str, Any], real_map: Path) -> None:
    name, pg = sized
    open_map(pg, real_map)
    markers = pg.evaluate(MARKERS_IN_VIEW)
    assert len(markers) >= (10 if name == "phone" else 20)
    free = [m for m in markers if not m["under"]]
    # on a phone the closed layer button and the slider may sit over a marker or two; never more
    assert len(markers) - len(free) <= (3 if name == "phone" else 0), [m["label"] for m in markers if m["under"]]
    for m in free:
        hit = pg.evaluate(
            f"() => {{ const e = document.elementFromPoint({m['x']}, {m['y']}); const k = e && e.closest('.leaflet-marker-icon'); return k && k.getAttribute('aria-label'); }}"
        )
        assert hit == m["label"], f"{m['label']}: a click at its centre reaches {hit!r}"
    # and a real click on each of the Antung complex opens its own popup
    start = pg.evaluate("() => [mapgen.map.getCenter(), mapgen.map.getZoom()]")
    complex_ = [
        m
        for m in free
        if m["title"]
        in {
            "Antung",
            "Antung airfield",
            "Sinuiju",
            "Sinuiju airfield (K-30)",
            "Uiju airfield",
            "Myau-Gou airfield",
            "Tungfeng airfield",
        }
    ]
    assert len(complex_) == 7
    for m in complex_:
        pg.keyboard.press("Escape")
        pg.evaluate("() => mapgen.map.closePopup()")
        pg.mouse.click(m["x"], m["y"])
        popup = pg.locator(".leaflet-popup-content h2")
        popup.wait_for()
        assert popup.inner_text().startswith(m["title"]), (m["title"], popup.inner_text())
        pg.evaluate("() => mapgen.map.closePopup()")
        pg.evaluate("([c, z]) => mapgen.map.setView(c, z, {animate: false})", start)  # autopan moved it
        pg.wait_for_timeout(100)
    assert pg.errors == []


def test_coincident_places_fan_out_and_keep_a_leg_to_the_true_spot(page: Any, real_map: Path) -> None:
    open_map(page, real_map)
    # Port Arthur and its cemetery share one coordinate: two markers, apart, each with a leg
    pos = page.evaluate(
        """() => ['Port Arthur', 'Soviet military cemetery, Port Arthur'].map(t => {
            const r = document.querySelector(`.leaflet-marker-icon[title="${t}"]`).getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; })"""
    )
    assert abs(pos[0][0] - pos[1][0]) + abs(pos[0][1] - pos[1][1]) >= 20
    assert page.evaluate("() => mapgen.fanned") >= 2
    assert page.evaluate("() => mapgen.map.getPane('mgLegs').querySelectorAll('path').length") >= 2
    # keyboard: every marker is still a focusable button with its name
    assert page.evaluate(
        "() => [...document.querySelectorAll('.leaflet-marker-icon')].every(m => m.tabIndex === 0 && m.getAttribute('aria-label'))"
    )
    assert page.errors == []


def test_chinese_japanese_korean_names_have_a_font(page: Any, real_map: Path) -> None:
    open_map(page, real_map)
    page.evaluate(
        "() => mapgen.showFeature(mapgen.layers.find(e => e.key === 'cities').items.find(i => i.feature.id === 'antung'))"
    )
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator('span[lang="zh"]').count() >= 1 and popup.locator('span[lang="ko"]').count() >= 1
    # the page's font stack names a face that has these glyphs, and the browser has it
    has = page.evaluate(
        """async () => { await document.fonts.ready;
            const fam = getComputedStyle(document.querySelector('.leaflet-popup-content span[lang="ko"]')).fontFamily;
            return [fam, document.fonts.check('14px "Noto Sans CJK KR"', '단둥'), document.fonts.check('14px "Noto Sans CJK SC"', '丹东')]; }"""
    )
    assert "Noto Sans CJK KR" in has[0]
    page.wait_for_timeout(400)
    shot(page, "test-readable-cjk-popup.png")
    if axe_installed():
        assert axe_violations(page) == []
    assert page.errors == []


def test_no_serious_accessibility_violations_with_labels(sized: tuple[str, Any], real_map: Path, axe: None) -> None:
    _name, pg = sized
    open_map(pg, real_map)
    assert axe_violations(pg) == []


def test_a_projector_keeps_the_start_view_s_extent(new_page: Callable[..., Any], real_map: Path) -> None:
    pg = new_page(1920, 1080)
    open_map(pg, real_map)
    assert pg.evaluate("() => mapgen.map.getZoom()") == 6.5  # 1920x1080 is 1.35x 1280x800: half a step in
    open_map(pg, real_map, "#map=6/39.6/125.4")  # a shared view is kept as it is
    assert pg.evaluate("() => mapgen.map.getZoom()") == 6
