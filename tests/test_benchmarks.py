"""The benchmark suite still runs (once, tiny): figures come from benchmarks/run.py, not from here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_benchmark_suite_runs_tiny(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--tiny", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["default_map"]["html_kb"] > 0
    assert results["gazetteer_scale"][0]["places"] == 100
    assert "| figure | measured | target |" in proc.stdout
