"""The cache of a gazetteer's validated names: a hit gives what validation gave, a change is a miss."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from mapgen import caches
from mapgen.errors import GazetteerError
from mapgen.gazetteer import load_place_names

DATA = Path(__file__).parent / "data"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAPGEN_CACHE", str(folder))
    return folder


@pytest.fixture
def gazetteer(tmp_path: Path) -> Path:
    path = tmp_path / "places.geojson"
    path.write_bytes((DATA / "mention_places.geojson").read_bytes())
    return path


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr("mapgen.gazetteer._read_checked", refuse)


def test_a_second_load_reads_the_entry_and_gives_the_same_names(
    cache: Path, gazetteer: Path, monkeypatch: pytest.MonkeyPatch
):
    first = load_place_names(gazetteer)
    assert [p.name.partition("-")[0] for p in cache.iterdir()] == ["names"]
    _no_validation(monkeypatch)
    assert load_place_names(gazetteer) == first


def test_a_changed_gazetteer_is_validated_again(cache: Path, gazetteer: Path):
    first = load_place_names(gazetteer)
    data = json.loads(gazetteer.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["title"] = "Renamed Place"
    gazetteer.write_text(json.dumps(data), encoding="utf-8")
    second = load_place_names(gazetteer)
    assert ("Renamed Place" in {n for _, n in second.variants}) and second != first
    data["features"][0]["geometry"] = {"type": "Point", "coordinates": [500, 0]}
    gazetteer.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GazetteerError, match="coordinates"):
        load_place_names(gazetteer)


def test_warnings_come_back_from_the_entry_and_strict_still_refuses(
    cache: Path, gazetteer: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    data = json.loads(gazetteer.read_text(encoding="utf-8"))
    data["features"][0]["links"] = "not a list"  # a warning: detail lost, the place still mapped
    gazetteer.write_text(json.dumps(data), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mapgen.gazetteer"):
        load_place_names(gazetteer)
    first = [r.getMessage() for r in caplog.records]
    assert first and all(m.startswith("warning: ") for m in first)
    caplog.clear()
    _no_validation(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="mapgen.gazetteer"):
        load_place_names(gazetteer)
    assert [r.getMessage() for r in caplog.records] == first
    with pytest.raises(GazetteerError, match="problem"):
        load_place_names(gazetteer, strict=True)


def test_a_broken_entry_is_a_miss(cache: Path, gazetteer: Path):
    first = load_place_names(gazetteer)
    (entry,) = cache.iterdir()
    for junk in (b"{not json", b'{"ids": 3}', b'{"ids": ["a"], "points": [], "variants": [], "warnings": []}', b"[]"):
        entry.write_bytes(junk)
        assert load_place_names(gazetteer) == first


def test_an_unwritable_cache_costs_only_time(tmp_path: Path, gazetteer: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("MAPGEN_CACHE", str(blocker))
    assert load_place_names(gazetteer) == load_place_names(gazetteer)


def test_old_entries_are_pruned(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(caches, "MAX_ENTRIES_PER_KIND", 3)
    for i in range(6):
        caches.write_entry(f"names-{i}.json", {"i": i})
        os.utime(cache / f"names-{i}.json", ns=(i * 10**9, i * 10**9))
    caches.write_entry("other-1.json", [])
    assert sorted(p.name for p in cache.iterdir()) == ["names-3.json", "names-4.json", "names-5.json", "other-1.json"]
    assert caches.read_entry("names-5.json") == {"i": 5} and caches.read_entry("names-0.json") is None


def test_the_key_changes_with_every_part():
    keys = {
        caches.entry_key("names", "a", b"b"),
        caches.entry_key("names", "ab", b""),
        caches.entry_key("names", "a", b"c"),
        caches.entry_key("other", "a", b"b"),
    }
    assert len(keys) == 4
