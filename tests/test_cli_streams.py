"""Standard output closed, full, or in a locale that cannot hold the text: a message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GAZ = str(DATA / "mention_places.geojson")


def _doc(tmp_path: Path, repeat: int = 1) -> Path:
    p = tmp_path / "a.txt"
    p.write_text("Antung lies on the Yalu, 鴨緑江 in the sources. " * repeat, encoding="utf-8")
    return p


def _mapgen(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mapgen", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        timeout=120,
        **kw,
    )  # type: ignore[call-overload]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_a_message(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "mapgen", "mentions", str(_doc(tmp_path, 2000)), "--gazetteer", GAZ],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err and "cannot write to standard output" in err


def test_a_closed_stdout_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As `mapgen mentions ... | head -1` once head has exited (in-process: some sandboxes never report EPIPE)."""
    import io

    from mapgen.cli import main

    class Closed(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    doc = _doc(tmp_path, 10)
    monkeypatch.setattr(sys, "stdout", Closed())
    with pytest.raises(SystemExit) as exit_:
        main.main(["mentions", str(doc), "--gazetteer", GAZ, "--jobs", "1"], standalone_mode=False)
    assert exit_.value.code == 1
    assert "standard output was closed" in capsys.readouterr().err


def test_records_are_utf8_whatever_the_locale(tmp_path: Path) -> None:
    proc = _mapgen(
        "mentions", str(_doc(tmp_path)), "--gazetteer", GAZ, env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    )
    assert proc.returncode == 0, proc.stderr.decode()
    rec = json.loads(proc.stdout.decode("utf-8").splitlines()[0])
    assert "鴨緑江" in rec["sentence"]


def test_messages_survive_a_locale_that_cannot_hold_them(tmp_path: Path) -> None:
    missing = tmp_path / "北朝鮮.txt"
    proc = _mapgen("mentions", str(missing), "--gazetteer", GAZ, env={"PYTHONIOENCODING": "ascii"})
    err = proc.stderr.decode("ascii")
    assert proc.returncode == 1 and "Traceback" not in err and "no such file" in err
