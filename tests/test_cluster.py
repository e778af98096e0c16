"""The Dask route: the same records as one process, on a real LocalCluster with worker processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

try:
    import distributed  # noqa: F401
except ImportError:
    if os.environ.get("CI"):
        raise  # in CI the Dask route must be tested: pip install -e ".[test]" brings it
    pytest.skip('Dask is not installed (pip install -e ".[test]")', allow_module_level=True)

from mapgen.cli import main
from mapgen.cluster import mentions_bag, write_mentions_jsonl

DATA = Path(__file__).parent / "data"
GAZ = str(DATA / "mention_places.geojson")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(copied_texts: Callable[[int], Path]) -> Path:
    root = copied_texts(12)
    (root / "05-zz-broken.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.fixture(scope="module")
def expected(corpus: Path) -> str:
    result = CliRunner().invoke(main, ["-q", "mentions", str(corpus), "--gazetteer", GAZ, "--jobs", "1"])
    assert result.exit_code == 1 and result.stdout.count("\n") > 100, result.output
    return result.stdout


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0", host="127.0.0.1"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_cli_dask_local_prints_the_same_bytes(corpus: Path, expected: str):
    # A real process: the LocalCluster's workers are separate processes started by the command.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mapgen",
            "-q",
            "mentions",
            str(corpus),
            "--gazetteer",
            GAZ,
            "--dask",
            "local",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr  # the broken file
    assert "05-zz-broken.txt" in proc.stderr
    assert proc.stdout == expected


def test_bag_holds_the_same_records(corpus: Path, expected: str, client):
    bag = mentions_bag([corpus], GAZ, files_per_partition=5)
    assert bag.npartitions > 3
    records = bag.compute(scheduler=client)
    assert records == [json.loads(line) for line in expected.splitlines()]


def test_partitioned_jsonl_concatenates_to_the_same_bytes(corpus: Path, expected: str, client, tmp_path: Path):
    parts, problems = write_mentions_jsonl([corpus], tmp_path / "out", GAZ, files_per_partition=7, client=client)
    assert len(parts) > 3 and [p.name for p in parts] == sorted(p.name for p in parts)
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == expected
    assert [Path(p.file).name for p in problems] == ["05-zz-broken.txt"]
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_unreachable_scheduler_is_a_clean_error(tmp_path: Path):
    text = tmp_path / "a.txt"
    text.write_text("Antung.", encoding="utf-8")
    result = CliRunner().invoke(main, ["mentions", str(text), "--gazetteer", GAZ, "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler" in result.output


def test_workers_read_under_the_callers_input_limit_and_tiers(corpus: Path, client, tmp_path: Path):
    """--max-input-mb and --curated-only reach the Dask workers (they inherit neither from this process)."""
    import io

    from mapgen.gazetteer import load_place_names
    from mapgen.inputs import input_limit
    from mapgen.mentions_writer import write_mentions

    names = load_place_names(GAZ)  # read before the limit: the gazetteer is larger than it
    world = tmp_path / "world"
    world.mkdir()
    for f in sorted(corpus.iterdir())[:8]:
        shutil.copy(f, world / f.name)
    (world / "zz-abroad.txt").write_text("In March 1951 the squadron flew from Antung to Tokyo.\n", encoding="utf-8")
    address = client.scheduler.address

    def run(*args: str, limit: float | None = None, **kwargs) -> tuple[str, list[str]]:
        buf = io.StringIO()
        with input_limit(limit):
            result = write_mentions([world], buf, gazetteer=names, **kwargs)
        return buf.getvalue(), sorted(Path(p.file).name for p in result.problems)

    limited = run(limit=0.0005, jobs=1)
    assert "yalu-notes.txt" in " ".join(limited[1])  # the only text over 500 bytes: skipped
    assert run(limit=0.0005, dask=address) == limited
    curated = run(curated_only=True, jobs=1)
    assert "geonames:" in run(jobs=1)[0] and "geonames:" not in curated[0]
    assert run(curated_only=True, dask=address) == curated
    bag = mentions_bag([world], GAZ, curated_only=True, files_per_partition=3)
    assert bag.compute(scheduler=client) == [json.loads(line) for line in curated[0].splitlines()]
