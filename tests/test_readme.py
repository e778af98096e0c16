"""The README agrees with the program: counts, layer keys, the synopsis, the share-link example."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mapgen.gazetteer import load_gazetteer
from mapgen.pipeline import default_profile_keys

# the shipped gazetteer's layer keys come from its profile (data/places.profile.toml)
ALL_LAYER_KEYS = tuple(k for keys in default_profile_keys().values() for k in keys)

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_places_count_matches_the_shipped_gazetteer() -> None:
    n = len(load_gazetteer(REPO / "data" / "places.geojson").places)
    # "42 places" of the shipped map; not the benchmarks' synthetic "100 places: validate / build"
    counts = {int(c) for c in re.findall(r"(?<![\d,])(\d+) places(?!: validate)(?! are)", README)}
    assert counts == {n}, f"README speaks of {sorted(counts)} places; the gazetteer has {n}"


def test_layer_keys_and_synopsis() -> None:
    listed = set(re.findall(r"`([a-z0-9-]+)`", README.split("`--layers` takes keys:", 1)[1].split("\n\n", 1)[0]))
    assert set(ALL_LAYER_KEYS) <= listed
    synopsis = README.split("## The command", 1)[1].split("```", 2)[1]
    for command in ("build", "mentions", "handout", "embed", "validate"):
        assert f"mapgen {command}" in synopsis
    assert "--cdn" in synopsis


def test_share_link_example_names_real_layers() -> None:
    link = re.search(r"`(#map=[^`]+)`", README)
    assert link is not None
    params = dict(kv.split("=", 1) for kv in link.group(1)[1:].split("&"))
    assert set(params["layers"].split(",")) <= {*ALL_LAYER_KEYS, "offline-land"}
    assert "offline-land" in params["layers"] or params["base"] != "none"  # never a blank map


def test_cross_references_point_the_right_way() -> None:
    heads = [m.group(1) for m in re.finditer(r"^#+ (.+)$", README, flags=re.M)]
    for m in re.finditer(r'"([^"]+)" (above|below)', README):
        target = next((i for i, h in enumerate(heads) if h.startswith(m.group(1))), None)
        if target is None:
            continue
        where = sum(1 for h in re.finditer(r"^#+ ", README[: m.start()], flags=re.M))
        assert (target < where) == (m.group(2) == "above"), f'"{m.group(1)}" is not {m.group(2)}'


@pytest.mark.parametrize("path", ["Makefile"])
def test_make_map_installs_only_the_runtime(path: str) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    rule = text.split("$(BIN)/mapgen: pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert "-e ." in rule and "[test" not in rule
    assert "map: $(BIN)/mapgen\n" in text


def test_setup_and_go_is_two_commands() -> None:
    block = README.split("## Setup and go", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make map", "make test"]


def _make_test(ci: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "MAKEFLAGS", "MAKELEVEL")}
    if ci is not None:
        env["CI"] = ci
    out = subprocess.run(["make", "-n", "test"], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    return out.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_is_the_fast_suite_and_ci_runs_the_gates_and_everything() -> None:
    fast = _make_test(None)
    assert 'pytest -m "not slow and not browser"' in fast and "mypy" not in fast
    everything = _make_test("true")
    for gate in ("ruff check .", "ruff format --check .", "mypy mapgen", "lint-imports", "node --test tests/js/"):
        assert gate in everything, gate
    assert everything.rstrip().endswith("-m pytest")  # the whole suite, last
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'export CI="${CI:-true}"' in ci and ci.rstrip().endswith("\nmake test")  # the README's command


def test_layout_lists_every_module_of_the_package() -> None:
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^  (\S+\.py) ", layout, flags=re.M))
    modules = {p.name for p in (REPO / "mapgen").glob("*.py")}
    assert modules - listed == set(), "modules missing from the README's Layout section"
    assert listed - modules == set(), "the README's Layout section lists modules that are gone"
