"""Shared fixtures: the small test gazetteer, the real corpus, one headless Chromium and its pages."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import REAL, axe_installed, open_page

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
def shared_corpus() -> Path:
    """../shared/corpus (or $MAPGEN_CORPUS), the real articles: a skip when absent, a failure in CI."""
    d = corpus_dir()
    if d is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs ../shared/corpus beside the checkout (the real articles)")
        pytest.skip("../shared/corpus is absent")
    return d


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


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_page(width=1100, height=750)``: a page of :func:`pages.open_page`, closed after the test."""
    opened: list[Any] = []

    def make(width: int = 1100, height: int = 750) -> Any:
        pg = open_page(browser, width, height)
        opened.append(pg)
        return pg

    yield make
    for pg in opened:
        pg.context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """A desktop-sized page that answers tiles with a blank PNG and records every error."""
    return new_page()


@pytest.fixture
def phone(new_page: Callable[..., Any]) -> Any:
    return new_page(375, 740)


@pytest.fixture(scope="session")
def mini_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini gazetteer's map (self-contained), built once for every browser test."""
    from mapgen.pipeline import build

    out = tmp_path_factory.mktemp("mini-map") / "mini.html"
    build(MINI, out)
    return out


@pytest.fixture(scope="session")
def real_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped gazetteer's map (self-contained), built once for every browser test."""
    from mapgen.pipeline import build

    out = tmp_path_factory.mktemp("real-map") / "real.html"
    build(REAL, out)
    return out


@pytest.fixture
def axe() -> None:
    """axe-core for an accessibility audit: a skip without it, a failure in CI."""
    if not axe_installed():
        pytest.skip("axe-core not installed: npm install --prefix .cache/axe axe-core@4.14.1")


@pytest.fixture(scope="session")
def copied_texts(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """``copied_texts(n)``: a fresh folder holding ``n`` copies of tests/data/texts (``00-a.txt``,
    ``01-a.txt``...), a corpus with many documents for the parallel and cluster routes."""

    def copy(copies: int) -> Path:
        root = tmp_path_factory.mktemp("copied-texts")
        for i in range(copies):
            for src in sorted((DATA / "texts").iterdir()):
                shutil.copy(src, root / f"{i:02d}-{src.name}")
        return root

    return copy
