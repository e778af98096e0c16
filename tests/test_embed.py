"""The iframe snippet: responsive, titled, escaped, and refusing what would not work."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mapgen.embed import embed_snippet, page_title
from mapgen.errors import MapgenError


def _page(tmp_path: Path, title: str = "A <map> & more") -> Path:
    p = tmp_path / "m.html"
    p.write_text(
        f"<html><head><title>{title.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</title></head></html>",
        encoding="utf-8",
    )
    return p


def test_snippet_is_a_responsive_titled_iframe(tmp_path: Path) -> None:
    path = _page(tmp_path)
    assert page_title(path) == "A <map> & more"
    frame = BeautifulSoup(embed_snippet(path), "html.parser").iframe
    assert frame["src"] == "m.html"
    assert frame["title"] == "A <map> & more"  # escaped in the HTML, intact once parsed
    assert "width:100%" in frame["style"] and "height:70vh" in frame["style"]
    assert frame.has_attr("allowfullscreen")


def test_title_url_and_height_can_be_given(tmp_path: Path) -> None:
    frame = BeautifulSoup(
        embed_snippet(_page(tmp_path), title="Lesson 3", url="https://x.org/m.html?a=1&b=2", height="600px"),
        "html.parser",
    ).iframe
    assert (frame["title"], frame["src"]) == ("Lesson 3", "https://x.org/m.html?a=1&b=2")
    assert "height:600px" in frame["style"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"height": "70vh;background:url(x)"}, "not a CSS length"), ({"url": "javascript:alert(1)"}, "http")],
)
def test_refuses_unsafe_values(tmp_path: Path, kwargs: dict[str, str], match: str) -> None:
    with pytest.raises(MapgenError, match=match):
        embed_snippet(_page(tmp_path), **kwargs)


def test_missing_file_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(MapgenError, match="build the map first"):
        embed_snippet(tmp_path / "nope.html")
