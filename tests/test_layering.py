"""The import direction of the map's modules (a small import-linter): bottom never imports top."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "mapgen"


def _imports(module: str) -> set[str]:
    tree = ast.parse((PKG / f"{module}.py").read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from .x import y / from . import x
                out |= {f".{node.module.split('.')[0]}"} if node.module else {f".{a.name}" for a in node.names}
            elif node.module:
                out.add(node.module.split(".")[0])
    return out


def test_only_render_and_page_touch_folium_and_branca() -> None:
    for path in PKG.glob("*.py"):
        if path.stem not in ("render", "page"):
            assert not _imports(path.stem) & {"folium", "branca"}, path.name
    assert "folium" not in _imports("page")  # the page is branca's Figure; folium's map is render's


def test_geo_is_a_leaf() -> None:
    assert {m for m in _imports("geo") if m.startswith(".")} <= {".errors", ".schema"}


def test_analysis_does_not_reach_up_to_render() -> None:
    assert not {m for m in _imports("analysis") if m.startswith(".")} & {".render", ".pipeline", ".cli"}


def test_only_cli_imports_click() -> None:
    for path in PKG.glob("*.py"):
        if path.stem not in ("cli", "cli_support"):
            assert "click" not in _imports(path.stem), path.name
