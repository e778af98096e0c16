"""The import direction of the package: the import-linter contracts in pyproject.toml hold, and cover it all.

The contracts say that data flows one way (no stage imports a later one), that only
``render`` knows folium and branca and only ``cli`` knows click. ``make lint`` runs them
too (``lint-imports``); here they also guard that no module of the package is left out
of the layers, since import-linter leaves an unlisted module unconstrained.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import grimp
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = REPO / "pyproject.toml"


def _contracts() -> list[dict[str, Any]]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def _layered() -> set[str]:
    """Every module named in the layers contract, as a dotted name."""
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    (container,) = layers["containers"]
    return {f"{container}.{name}" for layer in layers["layers"] for name in re.split(r"\s*[|:]\s*", layer.strip())}


def _modules() -> set[str]:
    graph = grimp.build_graph("mapgen", cache_dir=None)
    return {m for m in graph.modules if m != "mapgen"}


def test_the_import_contracts_are_kept(capsys: Any) -> None:
    configuration.configure()  # what the lint-imports command does first (the readers of pyproject.toml)
    kept = lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def test_every_module_is_in_a_layer() -> None:
    layered = _layered()
    missing = sorted(m for m in _modules() if not any(m == n or m.startswith(n + ".") for n in layered))
    assert not missing, f"add these modules to the layers contract in pyproject.toml: {missing}"


def test_every_layer_names_a_module() -> None:
    """A module renamed or removed leaves no stale name behind (it would constrain nothing)."""
    assert not _layered() - _modules()


def test_no_module_imports_the_package_api() -> None:
    """``mapgen/__init__`` (the public API) sits above every stage: none of them imports it."""
    graph = grimp.build_graph("mapgen", cache_dir=None)
    assert not graph.find_modules_that_directly_import("mapgen")


def test_the_forbidden_contracts_cover_the_whole_package() -> None:
    forbidden = [c for c in _contracts() if c["type"] == "forbidden"]
    assert {c["id"] for c in forbidden} >= {"folium", "click"}
    assert all(c["source_modules"] == ["mapgen.**"] and c["allow_indirect_imports"] for c in forbidden)
