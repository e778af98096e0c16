"""One URL filter, parsing as browsers do (WHATWG): nothing but http(s) (and relative, where allowed) reaches HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.embed import embed_snippet
from mapgen.errors import MapgenError
from mapgen.popups import link_html
from mapgen.urls import safe_url, url_scheme

C0_OR_SPACE = st.sampled_from([chr(c) for c in range(0x21)])
TAB_NEWLINE = st.sampled_from(["\t", "\n", "\r"])
BAD_SCHEMES = ["javascript", "data", "vbscript", "file", "blob", "jar", "ms-its"]


@st.composite
def disguised(draw: st.DrawFn, scheme: str) -> str:
    """``scheme`` as a browser still reads it: random case, tab/newline inside, C0 and space before and after."""
    letters = [c.upper() if draw(st.booleans()) else c.lower() for c in scheme]
    noisy = "".join(c + draw(st.text(TAB_NEWLINE, max_size=2)) for c in letters)
    lead = draw(st.text(C0_OR_SPACE, max_size=4))
    tail = draw(st.text(C0_OR_SPACE, max_size=3))
    rest = draw(st.sampled_from(["alert(1)", "//x.org/a", "text/html,<script>alert(1)</script>", ""]))
    return lead + noisy + draw(st.text(TAB_NEWLINE, max_size=2)) + ":" + rest + tail


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(BAD_SCHEMES).flatmap(disguised))
def test_a_disguised_dangerous_scheme_never_passes(url: str) -> None:
    assert safe_url(url) is None and safe_url(url, relative=True) is None and link_html(url) == ""


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["http", "https"]).flatmap(disguised))
def test_a_disguised_http_url_passes_in_its_browser_form(url: str) -> None:
    out = safe_url(url)
    if out is not None:  # may still be refused for a control character left inside
        assert url_scheme(out) in ("http", "https")
        assert out == out.strip("".join(chr(c) for c in range(0x21))) and not set(out) & {"\t", "\n", "\r"}


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_whatever_passes_is_http_or_relative_to_the_scheme_rules(url: str) -> None:
    out = safe_url(url, relative=True)
    if out is not None:
        assert url_scheme(out) in (None, "http", "https")
        assert not any(ord(c) < 0x20 or ord(c) == 0x7F for c in out)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("\x01 JaVa\tScRiPt:alert(1)", None),
        (" \n javascript\n:alert(1)", None),
        ("java\x00script:alert(1)", None),  # a NUL left inside: refused, never passed on
        ("HTTPS://x.org/a?b=1&c=2", "HTTPS://x.org/a?b=1&c=2"),
        ("\thttp://x.org/\na", "http://x.org/a"),
        ("maps/lesson1.html", None),
    ],
)
def test_examples(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(BAD_SCHEMES).flatmap(disguised))
def test_embed_refuses_the_disguised_schemes(tmp_path_factory: pytest.TempPathFactory, url: str) -> None:
    page = tmp_path_factory.mktemp("e") / "m.html"
    page.write_text("<html><head><title>t</title></head></html>", encoding="utf-8")
    with pytest.raises(MapgenError, match="http"):
        embed_snippet(page, url=url)


def test_embed_writes_the_browser_form(tmp_path: Path) -> None:
    page = tmp_path / "m.html"
    page.write_text("<html><head><title>t</title></head></html>", encoding="utf-8")
    frame = BeautifulSoup(embed_snippet(page, url=" https://x.org/\tm.html"), "html.parser").iframe
    assert frame["src"] == "https://x.org/m.html"
    assert BeautifulSoup(embed_snippet(page, url="maps/m.html"), "html.parser").iframe["src"] == "maps/m.html"


@pytest.mark.browser
def test_the_filter_agrees_with_chromium(browser) -> None:
    """Chromium's own URL parser is the oracle: what we pass, it reads as http(s) or a relative URL."""
    cases = [
        "\x01 JaVa\tScRiPt:alert(1)",
        "\x00\x1fjavascript:x",
        "ja\nva\rscript:x",
        " data:text/html,x",
        "\x08https://x.org/",
        "https://x.org/",
        "a/b.html",
        "//x.org/a",
        "vbscript\t:x",
        "HtTp\n:x.org",
    ]
    page = browser.new_page()
    try:
        page.goto("about:blank")
        for url in cases:
            protocol = page.evaluate("u => new URL(u, 'https://base.example/dir/').protocol", url)
            ours = safe_url(url, relative=True)
            if protocol not in ("http:", "https:"):
                assert ours is None, (url, protocol)
            if ours is not None:
                assert page.evaluate("u => new URL(u, 'https://base.example/dir/').protocol", ours) == protocol
    finally:
        page.close()
