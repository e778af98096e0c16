"""Every input is read bounded: regular files or an explicit '-', never past a limit, never a traceback."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.inputs import InputError, input_limit, read_input
from mapgen.texts import iter_documents, load_document

DATA = Path(__file__).parent / "data"
GAZ = str(DATA / "mention_places.geojson")


def _invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_dev_zero_is_refused_not_read() -> None:
    with pytest.raises(InputError, match="character device, not a regular file"):
        read_input("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "never.txt"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def run() -> None:
        try:
            read_input(fifo)
        except InputError as exc:
            done.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(5)
    assert done and "named pipe (FIFO)" in str(done[0])


def test_the_limit_stops_the_read_and_says_how_to_raise_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Antung " * 300_000)  # 2.1 MB
    with (
        input_limit(1),
        pytest.raises(InputError, match=r"larger than the input limit of 1 MB; raise it with --max-input-mb"),
    ):
        read_input(big)
    with input_limit(3):
        assert len(read_input(big)) == 2_100_000


def test_stdin_fed_forever_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            b[:] = b"y" * len(b)
            Endless.served += len(b)
            return len(b)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    with input_limit(2), pytest.raises(InputError, match="standard input: larger than the input limit of 2 MB"):
        read_input("-")
    assert Endless.served < 4_000_000  # it stopped, it did not slurp


@pytest.mark.slow
def test_cli_limit_option_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "big.txt"
    doc.write_bytes(b"Antung lies on the Yalu. " * 60_000)  # 1.5 MB
    code, out = _invoke("mentions", "--max-input-mb", "1", str(doc), "--gazetteer", GAZ)
    assert code == 1 and "larger than the input limit of 1 MB" in out
    code, out = _invoke("mentions", "--max-input-mb", "2", str(doc), "--gazetteer", GAZ)
    assert code == 0 and out.count('"place_id"') == 120_000
    monkeypatch.setenv("MAPGEN_MAX_INPUT_MB", "1")
    code, out = _invoke("validate", GAZ)
    assert code == 0
    code, out = _invoke("mentions", str(doc), "--gazetteer", GAZ)
    assert code == 1 and "MAPGEN_MAX_INPUT_MB" in out


def test_dash_reads_stdin_as_one_document() -> None:
    code, out = _invoke("mentions", "-", "--gazetteer", GAZ, stdin=b"Antung lies on the Yalu.")
    assert code == 0, out
    rec = json.loads(out.splitlines()[0])
    assert rec["doc"] == "stdin" and rec["text"] == "Antung"


def test_every_reader_refuses_a_device(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Antung lies on the Yalu.", encoding="utf-8")
    for args in (
        ["validate", "/dev/zero"],
        ["build", "--gazetteer", "/dev/zero", "--out", str(tmp_path / "m.html")],
        ["mentions", str(doc), "--gazetteer", GAZ, "--overrides", "/dev/zero"],
        ["embed", "/dev/zero"],
    ):
        code, out = _invoke(*args)
        assert code == 1 and "not a regular file" in out, (args, out)
    side = tmp_path / "a.json"
    side.symlink_to("/dev/zero")
    problems: list = []
    docs = list(iter_documents([doc], problems))
    assert docs[0].meta.source == "file name" and "not a regular file" in str(problems[0])


def test_unreadable_file_named_is_reported_and_the_others_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Antung lies on the Yalu.", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out = _invoke("mentions", str(fifo), str(good), "--gazetteer", GAZ)
    assert code == 1 and "pipe.txt" in out and '"doc": "good"' in out


def test_unlistable_subfolder_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text("Antung lies on the Yalu.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    problems: list = []
    docs = list(iter_documents([tmp_path], problems))
    assert [d.doc for d in docs] == ["ok"]
    assert problems and "locked" in problems[0].file and "cannot be listed" in str(problems[0])


def test_a_file_name_that_is_not_utf8_gives_valid_utf8_output(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("Antung lies on the Yalu.", encoding="utf-8")
    doc = load_document(tmp_path / name)
    doc.doc.encode("utf-8")  # no lone surrogate from the file system's bytes
    assert doc.doc == "caf\\xe9"
    code, out = _invoke("mentions", str(tmp_path), "--gazetteer", GAZ)
    assert code == 0 and json.loads(out.splitlines()[0])["doc"] == "caf\\xe9"


def test_symlinks_into_proc_and_root_are_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "proc").symlink_to("/proc/self")
    (tmp_path / "a.txt").write_text("Antung lies on the Yalu.", encoding="utf-8")
    code, out = _invoke("mentions", str(tmp_path), "--gazetteer", GAZ)
    assert code in (0, 1) and '"doc": "a"' in out


def test_a_huge_sidecar_does_not_inflate_the_map(tmp_path: Path) -> None:
    from mapgen.pipeline import build

    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Antung lies on the Yalu. " * 50, encoding="utf-8")
    (folder / "a.json").write_text(
        json.dumps({"title": "T" * 900_000, "author": {"name": "X"}, "date": 10**200}), encoding="utf-8"
    )
    small = build(None, tmp_path / "plain.html")
    result = build(None, tmp_path / "m.html", texts=[folder])
    assert result.bytes < small.bytes + 200_000  # not 50 passages x 900 kB
    said = " ".join(str(p) for p in result.skipped)
    assert "author: expected text, found an object" in said and "{'name'" not in said


def test_a_deeply_nested_or_huge_integer_sidecar_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Antung lies on the Yalu.", encoding="utf-8")
    for body in ("[" * 100_000 + "]" * 100_000, '{"title": ' + "9" * 5000 + "}"):
        (tmp_path / "a.json").write_text(body, encoding="utf-8")
        problems: list = []
        docs = list(iter_documents([doc], problems))
        assert docs[0].meta.source == "file name" and problems and "a.json" in problems[0].file
