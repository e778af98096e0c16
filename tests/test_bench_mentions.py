"""The mentions benchmark runs in its tiny configuration (no timing asserts: figures live in benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tiny_bench(out: Path, *extra: str) -> dict[str, Any]:
    """Run benchmarks/mentions.py --tiny on the test gazetteer; its JSON results."""
    gaz = REPO / "tests" / "data" / "mention_places.geojson"
    cmd = [sys.executable, str(REPO / "benchmarks" / "mentions.py"), "--tiny", *extra, "--cpu", "-1"]
    proc = subprocess.run(
        [*cmd, "--gazetteer", str(gaz), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "| corpus |" in proc.stdout
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_tiny_benchmark_runs_and_both_recognisers_agree(tmp_path: Path):
    (row,) = _tiny_bench(tmp_path / "mentions.json")["rows"]
    assert row["same_records"] and row["records"] > 0
    assert row["mapgen"]["exit_codes"] == [0] and row["naive"]["exit_codes"] == [0]
    assert row["mapgen"]["peak_rss_mb"] > 0


@pytest.mark.slow
def test_one_document_benchmark_reports_its_memory(tmp_path: Path):
    (row,) = _tiny_bench(tmp_path / "one.json", "--one-document")["rows"]
    assert row["documents"] == 1 and row["records"] > 0 and row["mapgen"]["peak_rss_mb"] > 0


@pytest.mark.slow
def test_dense_corpus_against_the_regex_span_scan(tmp_path: Path):
    (row,) = _tiny_bench(tmp_path / "dense.json", "--corpus", "dense", "--variants", "mapgen,mapgen-j2,regex")["rows"]
    assert row["same_records"] and row["mapgen"]["x_regex"] > 0 and row["mapgen-j2"]["exit_codes"] == [0]


@pytest.mark.slow
def test_floor_benchmark_times_every_pass(tmp_path: Path):
    """benchmarks/floor.py reaches mapgen's own passes by name: a rename must fail here, not in a benchmark run."""
    cmd = [sys.executable, str(REPO / "benchmarks" / "floor.py"), "--size", "0.2", "--rounds", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    figures = {r.split(" | ")[0].strip("| *"): float(r.split(" | ")[1].strip("* ")) for r in rows[1:]}
    assert len(figures) == 10 and all(v >= 0 for v in figures.values())
    assert figures["floor: the sum"] > figures["automaton scan"] > 0
    assert figures["whole command, one process"] > figures["automaton scan"]
