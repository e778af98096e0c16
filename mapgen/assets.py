"""The page's static files: Leaflet's own (for self-contained maps) and ours.

A school network that blocks CDNs shows a blank folium map; inlining Leaflet
(and nothing else: our controls are our own small JS) makes one HTML file that
opens from a USB stick. Nothing is fetched: Leaflet's files come from the
XStatic-Leaflet package, ours from mapgen/static/.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

import rjsmin

from .errors import MapgenError
from .inputs import package_text

LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"

#: mapgen/static/js/, concatenated into the page in this order: the namespace first, then the
#: pure functions (they also load under node for tests/js/), the map's state, the controls,
#: the setup that wires them, and last the extensions, which register on its hooks.
PAGE_SCRIPTS = (
    "namespace.js",
    "fold.js",
    "search.js",
    "time.js",
    "hash.js",
    "format.js",
    "placement.js",
    "fanout.js",
    "dom.js",
    "state.js",
    "places.js",
    "show.js",
    "layer-control.js",
    "time-control.js",
    "search-control.js",
    "dialogs.js",
    "measure.js",
    "toolbar.js",
    "layout.js",
    "permalink.js",
    "setup.js",
    "labels.js",
    "print.js",
    "tour.js",
)


def static_text(name: str) -> str:
    """A file of mapgen/static/ (``js/...`` for a script), as text."""
    text = package_text("static", *name.split("/"))
    if text is None:
        raise MapgenError(f"mapgen/static/{name}: missing from this install of mapgen; reinstall it")
    return text


def page_css() -> str:
    """The page's own style sheet."""
    return static_text("mapgen.css")


@cache
def page_script() -> str:
    """The page's own JavaScript: PAGE_SCRIPTS concatenated and minified (the comments are for
    the sources' readers; the page is 32 kB lighter without them), safe inside a <script> element."""
    js: str = rjsmin.jsmin("\n".join(static_text(f"js/{name}") for name in PAGE_SCRIPTS))
    if "</script" in js.lower() or "<!--" in js:
        raise AssertionError("mapgen's JavaScript must not contain '</script' or '<!--' (it is inlined)")
    return js


def _leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as xleaflet
    except ImportError:
        raise MapgenError(
            "a self-contained map (the default; --cdn avoids it) needs the XStatic-Leaflet package: pip install XStatic-Leaflet"
        ) from None
    if not str(xleaflet.VERSION).startswith(LEAFLET_VERSION):
        raise MapgenError(
            f"XStatic-Leaflet {xleaflet.VERSION} found; mapgen inlines Leaflet {LEAFLET_VERSION}: pip install 'XStatic-Leaflet=={LEAFLET_VERSION}.*'"
        )
    return Path(xleaflet.BASE_DIR)


@cache
def leaflet_js() -> str:
    """leaflet.js, safe to put inside a <script> element."""
    return (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")


@cache
def leaflet_css() -> str:
    """leaflet.css with its images as data: URIs, so no file is needed beside the page."""
    base = _leaflet_dir()
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(m: re.Match[str]) -> str:
        ref = m.group(2)
        if ref.startswith(("data:", "#")):  # data URIs and IE's old VML behaviour
            return m.group(0)
        path = (base / ref).resolve()
        mime = "image/svg+xml" if path.suffix == ".svg" else f"image/{path.suffix.lstrip('.')}"
        return f"url({m.group(1)}data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}{m.group(1)})"

    return re.sub(r"url\((['\"]?)([^)'\"]+)\1\)", data_uri, css).replace("</style", "<\\/style")


@cache
def marker_icon_uri(name: str) -> str:
    """A Leaflet marker image as a data: URI (for L.Icon.Default once the CSS is inline)."""
    data = (_leaflet_dir() / "images" / name).read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def inline_leaflet(page: str) -> str:
    """Replace the Leaflet <script src> and stylesheet <link> with their content."""
    js_tag = f'<script src="{LEAFLET_JS_URL}"></script>'
    css_tag = f'<link rel="stylesheet" href="{LEAFLET_CSS_URL}"/>'
    if js_tag not in page or css_tag not in page:
        raise AssertionError("rendered page lacks the expected Leaflet tags; folium's template changed")
    icons = (
        "<script>L.Icon.Default.mergeOptions({"
        f'iconUrl:"{marker_icon_uri("marker-icon.png")}",'
        f'iconRetinaUrl:"{marker_icon_uri("marker-icon-2x.png")}",'
        f'shadowUrl:"{marker_icon_uri("marker-shadow.png")}"'
        "});</script>"
    )
    page = page.replace(js_tag, f"<script>{leaflet_js()}</script>{icons}", 1)
    return page.replace(css_tag, f"<style>{leaflet_css()}</style>", 1)
