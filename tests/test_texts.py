"""Loading article texts: encodings, HTML, sidecars, bad files, folders."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from mapgen.errors import Problem, TextError
from mapgen.texts import iter_documents, load_document, meta_from_name

TEXTS = Path(__file__).parent / "data" / "texts"


def test_folder_is_sorted_and_skips_sidecars():
    docs = list(iter_documents([TEXTS]))
    assert [d.doc for d in docs] == ["airfield-report", "taegu-letter", "yalu-notes"]


def test_bom_dropped_and_crlf_kept(tmp_path: Path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("\ufeffFirst line\r\nMiG\r\n\r\nAlley\r\n".encode())
    doc = load_document(p)
    assert not doc.text.startswith("\ufeff")
    assert doc.text.index("MiG") == 12
    assert doc.text[12:24] == "MiG\r\n\r\nAlley"
    assert doc.encoding == "utf-8"


def test_cp1252_fallback_warns_naming_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    p = tmp_path / "old.txt"
    p.write_bytes("Sup\x92ung \x96 a caf\xe9".encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        doc = load_document(p)
    assert doc.text == "Sup\u2019ung \u2013 a caf\xe9"
    assert doc.encoding == "cp1252"
    assert "old.txt" in caplog.text and "cp1252" in caplog.text


def test_html_text_extracted_with_sidecar_metadata():
    doc = load_document(TEXTS / "airfield-report.html")
    assert "<b>" not in doc.text and "Andong airbase" in doc.text
    assert "var Yalu" not in doc.text and "color: red" not in doc.text  # script and style are not text
    assert "An\u2011tung & refuelled" in doc.text
    assert doc.meta.source == "sidecar"
    assert (doc.meta.author, doc.meta.year, doc.meta.url) == ("A. Tester", 1999, "https://example.org/report")


def test_metadata_from_file_name():
    meta = meta_from_name("oneill-2000.txt")
    assert (meta.author, meta.date, meta.year, meta.title) == ("Oneill", "2000", 2000, "oneill 2000")
    assert meta_from_name("notes.md").year is None


def _bad_folder(tmp_path: Path) -> Path:
    (tmp_path / "a-good.txt").write_text("The Yalu froze.", encoding="utf-8")
    (tmp_path / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "c-empty.txt").write_bytes(b"")
    (tmp_path / "d-sidecar.txt").write_text("Andong again.", encoding="utf-8")
    (tmp_path / "d-sidecar.json").write_text('{\n  "title": "x",\n  "author": \n}', encoding="utf-8")
    (tmp_path / "e-good.md").write_text("Pusan held.", encoding="utf-8")
    return tmp_path


def test_bad_files_are_reported_and_the_rest_processed(tmp_path: Path):
    problems: list[Problem] = []
    docs = list(iter_documents([_bad_folder(tmp_path)], problems))
    assert [d.doc for d in docs] == ["a-good", "d-sidecar", "e-good"]
    assert docs[1].meta.source == "file name"  # the sidecar was unusable
    text = "\n".join(map(str, problems))
    assert "b-binary.txt" in text and "binary" in text
    assert "c-empty.txt" in text and "empty" in text
    assert "d-sidecar.json" in text and "line 4" in text and "invalid JSON" in text
    assert len(problems) == 3


def test_without_a_problem_list_the_first_problem_raises(tmp_path: Path):
    with pytest.raises(TextError, match=r"b-binary\.txt.*binary"):
        list(iter_documents([_bad_folder(tmp_path)]))


def test_missing_path_is_a_problem(tmp_path: Path):
    problems: list[Problem] = []
    assert list(iter_documents([tmp_path / "nope.txt"], problems)) == []
    assert "no such file" in str(problems[0])


def test_symlink_loop_is_not_followed_forever(tmp_path: Path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "one.txt").write_text("Andong.", encoding="utf-8")
    os.symlink(tmp_path, sub / "loop")
    docs = list(iter_documents([tmp_path]))
    assert [d.doc for d in docs] == ["one"]


def test_unicode_file_names(tmp_path: Path):
    (tmp_path / "압록강-1951.txt").write_text("Yalu.", encoding="utf-8")
    (tmp_path / "Sŭp’ung.txt").write_text("Suiho.", encoding="utf-8")
    docs = list(iter_documents([tmp_path]))
    assert sorted(d.doc for d in docs) == sorted(["압록강-1951", "Sŭp’ung"])
    assert [d.doc for d in docs] == sorted(d.doc for d in docs)
    assert next(d for d in docs if d.doc.startswith("압")).meta.year == 1951


def test_documents_stream_lazily(tmp_path: Path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("Yalu.", encoding="utf-8")
    it = iter_documents([tmp_path])
    first = next(it)
    assert first.doc == "0"
    (tmp_path / "2.txt").unlink()  # not read yet: a generator, not a list
    problems: list[Problem] = []
    assert [d.doc for d in iter_documents([tmp_path], problems)] == ["0", "1"]


def test_a_sidecar_named_explicitly_is_not_a_document():
    docs = list(iter_documents([TEXTS / "airfield-report.html", TEXTS / "airfield-report.json"]))
    assert [d.doc for d in docs] == ["airfield-report"]
