"""The page's own JavaScript: every source under mapgen/static/js/ inlined once, in a fixed order."""

from __future__ import annotations

import re
from importlib import resources

from mapgen.assets import PAGE_SCRIPTS, page_script, static_text

JS = resources.files("mapgen") / "static" / "js"


def test_every_source_is_inlined_once() -> None:
    on_disk = sorted(p.name for p in JS.iterdir() if p.name.endswith(".js"))
    assert sorted(PAGE_SCRIPTS) == on_disk
    assert len(set(PAGE_SCRIPTS)) == len(PAGE_SCRIPTS)


def test_the_namespace_comes_first_and_each_module_after_what_it_uses() -> None:
    """A file that reads ``mapgen.X`` when it loads (``var x = ... mapgen.X``) comes after X's file."""
    assert PAGE_SCRIPTS[0] == "namespace.js"
    made: dict[str, int] = {}
    uses = 0
    for i, name in enumerate(PAGE_SCRIPTS):
        src = static_text(f"js/{name}")
        for line in re.findall(r"^  var [^\n]*", src, re.M):
            for key in re.findall(r"\bmapgen\.(\w+)", line):
                uses += 1
                assert key in made, f"{name} reads mapgen.{key} before any file made it"
        for key in re.findall(r"^  (?:else )?(?:window\.)?mapgen\.(\w+) = ", src, re.M):
            made.setdefault(key, i)
    assert uses >= 10 and {"fold", "time", "dom", "setup", "Labels"} <= made.keys()


def test_the_inlined_script_is_minified_deterministic_and_inert_in_html() -> None:
    js = page_script()
    sources = sum(len(static_text(f"js/{n}")) for n in PAGE_SCRIPTS)
    assert len(js) < 0.75 * sources  # the comments and indentation stay in the sources
    assert "</script" not in js.lower() and "<!--" not in js
    page_script.cache_clear()
    assert page_script() == js
    assert "mapgen.setup=function(map,config)" in js  # the code itself is intact
