"""The mentions benchmark runs in its tiny configuration (no timing asserts: figures live in benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_tiny_benchmark_runs_and_both_recognisers_agree(tmp_path: Path):
    out = tmp_path / "mentions.json"
    gaz = REPO / "tests" / "data" / "mention_places.geojson"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "mentions.py"),
            "--tiny",
            "--cpu",
            "-1",
            "--gazetteer",
            str(gaz),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "| corpus |" in proc.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    (row,) = result["rows"]
    assert row["same_records"] and row["records"] > 0
    assert row["mapgen"]["exit_codes"] == [0] and row["naive"]["exit_codes"] == [0]
    assert row["mapgen"]["peak_rss_mb"] > 0


@pytest.mark.slow
def test_one_document_benchmark_reports_its_memory(tmp_path: Path):
    out = tmp_path / "one.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "mentions.py"),
            "--tiny",
            "--one-document",
            "--cpu",
            "-1",
            "--gazetteer",
            str(REPO / "tests" / "data" / "mention_places.geojson"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (row,) = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert row["documents"] == 1 and row["records"] > 0 and row["mapgen"]["peak_rss_mb"] > 0
