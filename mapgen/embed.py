"""An iframe snippet that puts a built map into a lesson page (LMS, blog, wiki).

The snippet is responsive (full width of its column, height as a CSS length),
allows full screen, and has a title attribute, which screen readers announce.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import MapgenError
from .inputs import InputError, read_text_input
from .urls import safe_url, url_scheme

_CSS_LENGTH = re.compile(r"^\d{1,4}(\.\d+)?(px|vh|em|rem|%)$")


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title: str | None = None
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self.title is None:
            self._in = True
            self.title = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in and self.title is not None:
            self.title += data


def page_title(path: str | Path) -> str | None:
    """The text of a page's <title>, or None."""
    p = Path(path)
    try:
        text = read_text_input(p, kind="map built by mapgen")
    except InputError as exc:
        if exc.reason == "file not found":
            raise MapgenError(f"{p}: file not found; build the map first (mapgen build --out {p})") from None
        raise
    parser = _TitleParser()
    parser.feed(text[:200_000])
    return parser.title.strip() if parser.title else None


def embed_snippet(path: str | Path, *, title: str | None = None, url: str | None = None, height: str = "70vh") -> str:
    """The HTML to paste into a lesson page to show the map at ``path`` (or ``url``)."""
    if not _CSS_LENGTH.match(height):
        msg = f"height {height!r} is not a CSS length such as 70vh, 600px or 40em"
        raise MapgenError(msg)
    found = page_title(path)
    t = title or found or "Interactive map"
    given = url or Path(path).name
    src = safe_url(given, relative=True)
    if src is None:
        msg = f"url {given!r} must be an http(s) address or a relative path (a browser reads it as {url_scheme(given)!r}:)"
        raise MapgenError(msg)
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(t, quote=True)}" '
        f'style="width:100%;height:{height};border:0" loading="lazy" allowfullscreen '
        'referrerpolicy="no-referrer-when-downgrade"></iframe>'
    )
