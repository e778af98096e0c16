"""One way to open a generated map in the test Chromium: offline, every error recorded.

The fixtures in conftest.py (``page``, ``phone``, ``new_page``, ``mini_map``, ``real_map``,
``axe``) use these; a browser test imports the helpers it calls on a page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from mapgen.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, _leaflet_dir

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "data" / "places.geojson"
MINI = Path(__file__).parent / "data" / "mini_places.geojson"
# screenshots for a person to look at; never into output/ (that is the user's)
SHOTS = Path(os.environ.get("MAPGEN_SHOTS") or Path(tempfile.gettempdir()) / "mapgen-test-shots")
AXE = REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# a 1x1 transparent PNG: what every tile request is answered with (no network in tests)
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def _local_leaflet(route: Any) -> bool:
    """Answer the CDN's Leaflet URLs from the XStatic-Leaflet files (no network here)."""
    url = route.request.url
    base = _leaflet_dir()
    if url == LEAFLET_JS_URL:
        route.fulfill(status=200, content_type="application/javascript", body=(base / "leaflet.js").read_bytes())
        return True
    if url == LEAFLET_CSS_URL:
        route.fulfill(status=200, content_type="text/css", body=(base / "leaflet.css").read_bytes())
        return True
    prefix = LEAFLET_CSS_URL.rsplit("/", 1)[0] + "/"
    if url.startswith(prefix) and (base / url[len(prefix) :]).is_file():
        route.fulfill(status=200, content_type="image/png", body=(base / url[len(prefix) :]).read_bytes())
        return True
    return False


def open_page(browser: Any, width: int = 1100, height: int = 750) -> Any:
    """A page in its own context: tiles answered with a blank PNG, Leaflet's CDN from the local
    files, and every console error, page error and dialog recorded in ``page.errors``.
    The caller closes ``page.context`` (the ``new_page`` fixture does it for a test)."""
    context = browser.new_context(viewport={"width": width, "height": height})

    def handle(route: Any) -> None:
        if _local_leaflet(route):
            return
        if route.request.url.startswith(("http://", "https://")):
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)  # tiles
        else:
            route.continue_()

    context.route("**/*", handle)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    return pg


def open_map(pg: Any, path: Path, hash_: str = "") -> None:
    """Load a built map (with an optional URL hash) and wait until its script says it is ready."""
    pg.goto(path.as_uri() + hash_)
    pg.wait_for_function("() => window.mapgen && mapgen._ready === true")


def shot(pg: Any, name: str) -> None:
    """A screenshot into SHOTS, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name))


def axe_installed() -> bool:
    """Whether axe-core is at AXE (``make test-all`` puts it there); its absence fails in CI."""
    if AXE.exists():
        return True
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs axe-core at {AXE} (make test-all installs it with npm)")
    return False


def axe_violations(pg: Any) -> list[str]:
    """Serious or critical WCAG 2.1 A/AA (and best-practice) violations found by axe-core.

    Needs axe-core: check :func:`axe_installed` first, or ask for the ``axe`` fixture."""
    if not pg.evaluate("() => !!window.axe"):
        pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
