"""The printable handout (Ctrl+P and `mapgen handout`) and the guided tour, in a real Chromium (issue 12)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pages import SHOTS, axe_installed, axe_violations, open_map, shot

from mapgen.cli import main
from mapgen.pipeline import build

pytestmark = pytest.mark.browser


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page(1280, 800)


def test_print_stylesheet_gives_map_legend_then_places(page: Any, real_map: Path) -> None:
    open_map(page, real_map)
    page.evaluate("() => mapgen.preparePrint()")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "() => ['.leaflet-top', '.mg-time'].map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none"]  # no buttons on paper
    assert page.locator(".mg-print-title").is_visible()
    box = page.evaluate("() => mapgen.map.getContainer().getBoundingClientRect().toJSON()")
    assert 700 <= box["width"] <= 702 and 520 <= box["height"] <= 522  # fixed size (and its 1 px frame)
    assert page.locator(".mg-label").count() >= 15  # labelled for the paper's size
    legend = page.locator(".mg-handout-legend li").all_inner_texts()
    on = page.evaluate("() => mapgen.layers.filter(e => mapgen.map.hasLayer(e.group)).map(e => e.name)")
    assert [t.strip() for t in legend] == on
    places = page.locator(".mg-handout-place")
    shown = page.evaluate(
        "() => new Set(mapgen.layers.filter(e => mapgen.map.hasLayer(e.group)).flatMap(e => e.items.filter(i => i.visible).map(i => i.feature.id))).size"
    )
    assert places.count() == shown
    text = page.locator(".mg-handout").inner_text()
    assert "O'Neill" in text and "Sources" in text and "How to cite this map" in text
    assert page.locator(".mg-handout-places").evaluate("e => getComputedStyle(e).breakBefore") == "page"
    page.emulate_media(media="screen")
    page.evaluate("() => mapgen.endPrint()")
    assert not page.locator(".mg-handout").is_visible()  # on screen it is never there twice
    assert page.errors == []


def _pdf_pages(pdf: Path, stem: str) -> list[tuple[Any, str, tuple[float, float]]]:
    """Each page of the PDF rendered to an image (saved beside the test screenshots), its text and size."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for i in range(len(doc)):
        pg = doc[i]
        img = pg.render(scale=1.5).to_pil()
        img.save(SHOTS / f"{stem}-page{i + 1}.png")
        text = pg.get_textpage().get_text_range()
        out.append((img, text, pg.get_size()))
    return out


def _ink(img: Any, box: tuple[float, float, float, float] | None = None) -> float:
    """Share of pixels that are not white (within the box, as fractions of the page)."""
    g = img.convert("L")
    if box:
        w, h = g.size
        g = g.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    hist = g.histogram()
    return 1 - sum(hist[245:]) / max(1, sum(hist))


def _handout(*args: str) -> subprocess.CompletedProcess[str]:
    """`mapgen handout` as a user runs it: its own process (and its own Playwright)."""
    return subprocess.run(
        [sys.executable, "-m", "mapgen", "handout", *args], capture_output=True, text=True, timeout=300
    )


def test_mapgen_handout_writes_a_pdf_whose_pages_read_right(real_map: Path, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    r = _handout(str(real_map), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout
    pages = _pdf_pages(out, "test-handout-a4")
    assert len(pages) >= 3
    first_img, first_text, size = pages[0]
    assert size == pytest.approx((595.3, 841.9), abs=1)  # A4 in points
    assert "MiG Alley and the secret air war" in first_text and "Legend" in first_text
    for label in ("Pyongyang", "Seoul", "Yalu River", "Antung"):
        assert label in first_text, label  # the labels are on the printed map
    assert _ink(first_img, (0.05, 0.08, 0.95, 0.5)) > 0.5  # the map itself, not a blank box
    rest = "\n".join(t for _, t, _ in pages[1:])
    assert "Places on the map" in rest and "O'Neill" in rest and "Antung airfield" in rest
    assert "https://www.jstor.org/stable/25163360" in rest.replace("\r\n", "").replace("\n", "")  # links spelled out
    assert "丹东" in rest or "丹東" in rest  # CJK names printed with a real font
    letter = tmp_path / "letter.pdf"
    r = _handout(
        str(real_map),
        "--out",
        str(letter),
        "--paper",
        "letter",
        "--view",
        "#map=8/40.1/124.5&layers=communist-airbases,cities,rivers,offline-land&base=none",
    )
    assert r.returncode == 0, r.stderr
    lp = _pdf_pages(letter, "test-handout-letter")
    assert lp[0][2] == pytest.approx((612, 792), abs=1)
    assert "Antung airfield" in lp[0][1] and "Pusan" not in lp[0][1]  # the view asked for
    assert len(lp) < len(pages)  # fewer layers, fewer places listed


def test_handout_refuses_what_it_cannot_print(tmp_path: Path) -> None:
    cdn = tmp_path / "cdn.html"
    build(Path(__file__).parent / "data" / "mini_places.geojson", cdn, self_contained=False)
    r = CliRunner().invoke(main, ["handout", str(cdn)])
    assert r.exit_code == 1 and "built with --cdn" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["handout", str(tmp_path / "missing.html")])
    assert r.exit_code == 1 and "build it first" in r.output
    r = CliRunner().invoke(main, ["handout", str(cdn), "--out", str(cdn)])
    assert r.exit_code == 1
    assert not (tmp_path / "cdn.pdf").exists()


def test_tour_steps_through_the_story_in_date_order(page: Any, real_map: Path) -> None:
    open_map(page, real_map)
    steps = page.evaluate("() => mapgen.config.tour")
    assert len(steps) >= 10
    assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)
    button = page.get_by_role("button", name="Guided tour: the story in date order")
    button.click()
    region = page.get_by_role("region", name="Guided tour")
    assert region.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert region.locator("[aria-live=polite]").count() == 1
    seen = []
    for i, s in enumerate(steps):
        assert region.locator(".mg-tour-count").inner_text() == f"Step {i + 1} of {len(steps)}"
        assert region.locator(".mg-tour-title").inner_text() == s["title"]
        seen.append(region.locator("time").get_attribute("datetime"))
        if i < len(steps) - 1:
            if i % 2:
                page.get_by_role("button", name="Next →").click()
            else:
                region.locator(".mg-tour-step").focus()
                page.keyboard.press("ArrowRight")
    assert seen == [s["date"] for s in steps]
    assert page.get_by_role("button", name="Next →").is_disabled()
    page.wait_for_timeout(1000)  # the last flight ends
    last = steps[-1]["place"]
    center = page.evaluate("() => mapgen.map.getCenter()")
    lat, lon = page.evaluate(
        f"() => {{ const it = mapgen.layers.flatMap(e => e.items).find(i => i.feature.id === '{last}'); return [it.feature.properties.lat, it.feature.properties.lon]; }}"
    )
    assert abs(center["lat"] - lat) < 0.5 and abs(center["lng"] - lon) < 0.5  # flew to its place
    assert f"tour={len(steps)}" in page.evaluate("() => location.hash")
    page.keyboard.press("Escape")
    assert not region.is_visible()
    assert (
        page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        == "Guided tour: the story in date order"
    )
    assert "tour=" not in page.evaluate("() => location.hash")
    assert page.errors == []


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (375, 740)])
def test_a_shared_link_opens_the_tour_at_its_step(
    new_page: Callable[..., Any], real_map: Path, size: tuple[int, int]
) -> None:
    pg = new_page(*size)
    open_map(pg, real_map, "#tour=3")
    steps = pg.evaluate("() => mapgen.config.tour")
    region = pg.get_by_role("region", name="Guided tour")
    assert region.is_visible()
    assert region.locator(".mg-tour-title").inner_text() == steps[2]["title"]
    pg.wait_for_timeout(1200)
    assert pg.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    shot(pg, f"test-tour-step3-{size[0]}.png")
    if axe_installed():
        assert axe_violations(pg) == []
    assert pg.errors == []
