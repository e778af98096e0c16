"""A printable handout as PDF: the built map page printed by a headless Chromium.

Why a browser and not a pure-Python PDF library: the handout must be the page a teacher
gets with Ctrl+P, the map drawn by Leaflet with the same labels, symbols, offsets and legend
(labels.js, print.js and the print stylesheet), then the list of places with the popups' own text.
A Python PDF writer (reportlab, fpdf2) would need a second renderer for the map, its label
placement and its fonts, which would drift from the page; WeasyPrint runs no JavaScript, so
it would print an empty map. Chromium prints the page itself. It needs Playwright (the
``handout`` extra) and a Chromium on the machine (Debian's ``chromium``); nothing is
downloaded, and the page is printed offline: every network request is refused, so tiles
are left out and the offline land shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import MapgenError, OutputError
from .inputs import InputError, read_text_input
from .outputs import write_file_atomic

PAPERS = {"a4": "A4", "letter": "Letter"}
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str:
    """$MAPGEN_CHROMIUM, else the first Chromium on PATH; a clear error when there is none."""
    env = os.environ.get("MAPGEN_CHROMIUM")
    if env:
        if Path(env).exists() or shutil.which(env):
            return shutil.which(env) or env
        raise MapgenError(f"MAPGEN_CHROMIUM={env!r}: no such program")
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise MapgenError(
        "mapgen handout prints with a Chromium browser and found none on PATH "
        f"({', '.join(CHROMIUM_CANDIDATES)}); install one (Debian: apt-get install chromium) "
        "or set MAPGEN_CHROMIUM to its path. Without one, open the map and print it (Ctrl+P): same handout."
    )


def write_handout(
    map_html: str | Path | None = None,
    out: str | Path | None = None,
    *,
    paper: str = "a4",
    view: str = "",
    timeout_s: float = 60.0,
) -> Path:
    """Print a built map page (self-contained) to a PDF handout; returns the PDF's path.

    ``map_html`` defaults to the file a plain ``mapgen build`` writes; ``out`` to
    the map's path with ``.pdf``.

    ``view`` is a share-link hash (``#map=7/40.1/124.5&layers=...&date=1951-11``) that sets
    what the first page shows; the default is the page's own start view. The PDF is written
    atomically (a failed print leaves any previous file as it was).
    """
    if map_html is None:
        from .pipeline import default_map_path  # lazy: the pipeline loads geopandas

        map_html = default_map_path()
    src = Path(map_html)
    if not src.is_file():
        raise MapgenError(f"{src}: no such map; build it first (mapgen build --out {src})")
    key = paper.lower()
    if key not in PAPERS:
        raise MapgenError(f"paper {paper!r}: choose one of {', '.join(PAPERS)}")
    try:
        head = read_text_input(src, kind="map built by mapgen")
    except InputError as exc:
        raise MapgenError(exc.problems) from None
    if "window.mapgen" not in head and "mapgen.setup" not in head:
        raise MapgenError(f"{src}: not a map built by mapgen (no mapgen.setup in it)")
    if '<script src="http' in head:
        raise MapgenError(
            f"{src}: loads Leaflet from a CDN (built with --cdn); the handout is printed offline: build it without --cdn"
        )
    if view and not view.startswith("#"):
        view = "#" + view
    dest = Path(out) if out is not None else src.with_suffix(".pdf")
    if dest.resolve() == src.resolve():
        raise OutputError(f"{dest}: would overwrite the map itself; give another --out")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise MapgenError(
            "mapgen handout needs Playwright: pip install 'mapgen[handout]' (it drives the Chromium on this machine)"
        ) from None
    chromium = find_chromium()

    def print_to(tmp: Path) -> None:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            try:
                context = browser.new_context(viewport={"width": 1100, "height": 800})
                context.route(
                    "**/*",
                    lambda route: (
                        route.abort() if route.request.url.startswith(("http:", "https:")) else route.continue_()
                    ),
                )
                page = context.new_page()
                page.goto(src.resolve().as_uri() + view, timeout=timeout_s * 1000)
                page.wait_for_function("() => window.mapgen && mapgen._ready === true", timeout=timeout_s * 1000)
                page.evaluate("() => mapgen.preparePrint()")
                page.evaluate("() => document.fonts.ready")
                page.pdf(
                    path=tmp,
                    format=PAPERS[key],
                    print_background=True,
                    margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                browser.close()

    try:
        write_file_atomic(dest, print_to, [(src, "the map being printed")], example="handout.pdf")
    except PlaywrightError as exc:
        raise MapgenError(f"{src}: Chromium ({chromium}) could not print it: {str(exc).splitlines()[0]}") from None
    return dest
