"""Shared fixtures: the small test gazetteer, the real corpus, and one headless Chromium."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini_places.geojson"
MINI_PROFILE = DATA / "mini_places.profile.toml"
REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def corpus_dir() -> Path | None:
    """../shared/corpus beside the checkout (or $MAPGEN_CORPUS), if present."""
    env = os.environ.get("MAPGEN_CORPUS")
    for cand in ([Path(env)] if env else []) + [REPO.parent / "shared" / "corpus"]:
        if cand.is_dir():
            return cand
    return None


def shared_dir(name: str) -> Path | None:
    """../shared/<name> beside the checkout, if present."""
    cand = REPO.parent / "shared" / name
    return cand if cand.is_dir() else None


@pytest.fixture(scope="session")
def shared_lpf() -> Path:
    """../shared/lpf (real gazetteers and WHG's schema): a skip when absent, a failure in CI."""
    d = shared_dir("lpf")
    if d is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs ../shared/lpf beside the checkout (real LPF files and WHG's schema)")
        pytest.skip("../shared/lpf is absent")
    return d


@pytest.fixture
def mini_path() -> Path:
    return MINI


@pytest.fixture
def mini_data() -> dict[str, Any]:
    return json.loads(MINI.read_text(encoding="utf-8"))


@pytest.fixture
def write_gazetteer(tmp_path: Path, mini_data: dict[str, Any]) -> Callable[..., Path]:
    """Write a modified copy of the mini gazetteer: pass a function that edits the dict."""

    def write(
        edit: Callable[[dict[str, Any]], Any] | None = None, text: str | None = None, name: str = "bad.geojson"
    ) -> Path:
        path = tmp_path / name
        # the copy keeps the mini gazetteer's profile (its vocabularies and layers)
        stem = name.split(".")[0]
        (tmp_path / f"{stem}.profile.toml").write_text(f"extends = {json.dumps(str(MINI_PROFILE))}\n", encoding="utf-8")
        if text is not None:
            path.write_text(text, encoding="utf-8")
            return path
        data = copy.deepcopy(mini_data)
        if edit is not None:
            edit(data)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session (a second sync_playwright() fails inside asyncio).

    Missing Chromium is an error in CI (CI=true) and a skip elsewhere.
    """
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
