"""The files a page is made with: mapgen's own script and style, and Leaflet's for self-contained maps.

mapgen's JavaScript and CSS live in mapgen/static and are inlined into every
page, in a fixed order. Leaflet's come from the XStatic-Leaflet package: a
school network that blocks CDNs shows a blank folium map; inlining Leaflet
(and nothing else: our controls are our own small JS) makes one HTML file
that opens from a USB stick. Nothing is fetched: the files come from an installed
Python package.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from .errors import MapgenError
from .inputs import package_text

LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


#: mapgen.js first (the core and its extension hooks), then each extension, in this order.
STATIC_SCRIPTS = ("mapgen.js", "labels.js", "print.js", "tour.js")


def static_text(name: str) -> str:
    """One of mapgen's own files in mapgen/static (package data)."""
    text = package_text("static", name)
    if text is None:
        raise MapgenError(f"mapgen/static/{name}: missing from this install of mapgen; reinstall it")
    return text


def page_script() -> str:
    """The page's own JavaScript: the static files concatenated in a fixed order."""
    return "\n".join(static_text(name) for name in STATIC_SCRIPTS)


def page_css() -> str:
    """The page's own style sheet."""
    return static_text("mapgen.css")


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
