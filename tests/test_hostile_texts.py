"""Broken and extreme article texts: exact offsets, clear messages, flat memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.cli import main
from mapgen.gazetteer import load_gazetteer
from mapgen.mentions import Recognizer
from mapgen.placeindex import place_points
from mapgen.records import document_records
from mapgen.texts import Document, DocumentMeta

MINI = Path(__file__).parent / "data" / "mini_places.geojson"
GAZ = load_gazetteer(MINI)
REC = Recognizer.from_gazetteer(GAZ)
POINTS = place_points(GAZ)
NAMES = sorted({name for _, name in GAZ.name_variants()})


def records(text: str) -> list[dict]:
    doc = Document(doc="t", path=Path("t.txt"), text=text, meta=DocumentMeta(title="t"))
    return list(document_records(doc, REC.find(text), POINTS))


def _mentions(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["-q", "mentions", "--gazetteer", str(MINI), *args])
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, out, result.output


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=30) | st.sampled_from(NAMES), max_size=12))
def test_any_text_gives_exact_in_range_records(parts: list[str]) -> None:
    text = " ".join(parts)
    for r in records(text):
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"] : r["end"]] == r["text"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_unicode_text_never_crashes(text: str) -> None:
    for r in records(text):
        assert text[r["start"] : r["end"]] == r["text"]


def test_text_that_is_all_place_names() -> None:
    words = ["Antung", "Yalu River", "MiG Alley", "Kimpo", "K-14", "Dandong", "Andong airbase"]
    text = " ".join(words * 200)
    rs = records(text)
    assert [r["text"] for r in rs] == words * 200
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rs)


@pytest.mark.slow
def test_five_megabytes_without_a_line_break(tmp_path: Path) -> None:
    unit = "filler words about nothing in particular, " * 20 + "then Antung, "
    text = unit * (5_000_000 // len(unit) + 1)
    assert "\n" not in text and len(text) > 5_000_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    code, out, _ = _mentions(str(tmp_path / "long.txt"))
    assert code == 0
    assert len(out) == text.count("Antung")
    last = out[-1]
    assert text[last["start"] : last["end"]] == "Antung" and len(last["sentence"]) <= 1300


def test_mixed_encodings_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / "a_utf8.txt").write_text("Pilots flew from Antung over the Yalu River.\n", encoding="utf-8")
    (tmp_path / "b_bom.txt").write_bytes("\ufeffThe MiGs rose from Antung.\r\n".encode())
    (tmp_path / "c_cp1252.txt").write_bytes("Caf\xe9 talk at Antung \u2013 near Kimpo.\n".encode("cp1252"))
    (tmp_path / "d_utf16.txt").write_bytes("Antung on the Yalu River\n".encode("utf-16"))
    code, out, output = _mentions(str(tmp_path))
    assert code == 0, output
    assert "c_cp1252.txt: not UTF-8" in output  # the fallback is said, naming the file
    by_doc: dict[str, list[str]] = {}
    for r in out:
        by_doc.setdefault(r["doc"], []).append(r["text"])
    assert by_doc == {
        "a_utf8": ["Antung", "Yalu River"],
        "b_bom": ["Antung"],
        "c_cp1252": ["Antung", "Kimpo"],
        "d_utf16": ["Antung", "Yalu River"],
    }
    assert [r["start"] for r in out if r["doc"] == "b_bom"] == [19]  # the BOM is not counted


def test_a_folder_with_no_texts_is_said(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, out, output = _mentions(str(tmp_path))
    assert code == 1 and out == []
    assert "no texts in this folder" in output


@pytest.mark.slow
def test_memory_stays_flat_as_the_corpus_grows(tmp_path: Path) -> None:
    """Peak RSS of `mapgen mentions` on 2 MB and on 12 MB of text: streaming keeps them close."""
    para = "In late October 1950 the jets at Antung began to patrol the Yalu River near Kimpo. " * 12 + "\n\n"

    def corpus(name: str, files: int) -> Path:
        d = tmp_path / name
        d.mkdir()
        body = para * (1_000_000 // len(para))
        for i in range(files):
            (d / f"doc{i:03d}.txt").write_text(body, encoding="utf-8")
        return d

    def peak_mb(folder: Path) -> float:
        """This one process's peak RSS, from the kernel's accounting of the child (wait4)."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "mapgen", "-q", "mentions", str(folder), "--gazetteer", str(MINI)],
            stdout=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        assert proc.returncode == 0
        return usage.ru_maxrss / 1024

    small = peak_mb(corpus("small", 2))
    large = peak_mb(corpus("large", 12))
    assert large - small < 8, (small, large)  # 10 MB more text must not mean 10+ MB more memory
