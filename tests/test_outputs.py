"""Outputs never destroy data: no input overwritten, no device replaced, nothing half-written or left over."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.errors import OutputError
from mapgen.outputs import check_output, write_text_atomic
from mapgen.pipeline import build

DATA = Path(__file__).parent / "data"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-q", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def gaz(tmp_path: Path) -> Path:
    p = tmp_path / "mine.geojson"
    p.write_bytes((DATA / "mini_places.geojson").read_bytes())
    return p


def test_out_naming_the_gazetteer_is_refused_and_it_survives(gaz: Path) -> None:
    before = gaz.read_bytes()
    code, out = _run("build", "--gazetteer", str(gaz), "--out", str(gaz))
    assert code == 1 and "is the gazetteer of this run" in out
    assert gaz.read_bytes() == before


def test_out_reaching_an_input_by_another_name_is_refused(gaz: Path, tmp_path: Path) -> None:
    hard = tmp_path / "hard.geojson"
    os.link(gaz, hard)
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.html"
    link.symlink_to(gaz)
    before = gaz.read_bytes()
    for out in (hard, link, tmp_path / "sub" / ".." / "mine.geojson"):
        with pytest.raises(OutputError, match="gazetteer"):
            build(gaz, out)
    assert gaz.read_bytes() == before


def test_out_naming_a_text_or_the_overrides_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Antung lies on the Yalu.", encoding="utf-8")
    over = tmp_path / "o.csv"
    over.write_text("doc,start,end,place_id\n", encoding="utf-8")
    code, out = _run("build", "--texts", str(text), "--out", str(text))
    assert code == 1 and "--texts input" in out and text.read_text(encoding="utf-8").startswith("Antung")
    code, out = _run("build", "--texts", str(text), "--overrides", str(over), "--out", str(over))
    assert code == 1 and "overrides file" in out and over.read_text(encoding="utf-8").startswith("doc,")


def test_out_replacing_an_article_inside_a_texts_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.html").write_text("<p>Antung lies on the Yalu.</p>", encoding="utf-8")
    code, out = _run("build", "--texts", str(folder), "--out", str(folder / "a.html"))
    assert code == 1 and "is a text inside" in out
    assert "Antung" in (folder / "a.html").read_text(encoding="utf-8")


def test_a_map_written_into_the_texts_folder_is_not_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("MiG Alley lay south of the Yalu; Antung was across it.", encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["-q", "build", "--texts", str(folder), "--out", str(folder / "map.html")])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["build", "--texts", str(folder), "--out", str(folder / "map.html")])
    assert second.exit_code == 0, second.output
    assert "from 1 documents" in second.output  # the map itself is not an article


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_device_is_never_replaced(tmp_path: Path, gaz: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    code, out = _run("build", "--gazetteer", str(gaz), "--out", str(fifo))
    assert code == 1 and "named pipe (FIFO), not a regular file" in out
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(OutputError, match="character device"):
        check_output("/dev/null")


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_text_atomic("new", link)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_mode_of_an_existing_output_is_kept_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    write_text_atomic("new", out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    old = os.umask(0o077)
    try:
        write_text_atomic("x", tmp_path / "fresh.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "fresh.html").st_mode) == 0o600


def test_trailing_slash_names_a_folder(tmp_path: Path, gaz: Path) -> None:
    code, out = _run("build", "--gazetteer", str(gaz), "--out", f"{tmp_path}/newdir/")
    assert code == 1 and "names a folder" in out
    assert not (tmp_path / "newdir").exists()


def test_a_name_near_the_limit_is_written_and_one_over_it_is_refused(tmp_path: Path) -> None:
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    longest = tmp_path / ("m" * (limit - 5) + ".html")
    write_text_atomic("ok", longest)  # the temporary name does not grow with the output's
    assert longest.read_text(encoding="utf-8") == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == [longest.name]
    with pytest.raises(OutputError, match="longer than this file system allows"):
        write_text_atomic("no", tmp_path / ("m" * limit + ".html"))


def test_a_failed_write_says_so_and_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mapgen.outputs as outputs

    out = tmp_path / "map.html"
    out.write_text("previous", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_text_atomic("new", out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_message_not_a_traceback(gaz: Path) -> None:
    code, out = _run("build", "--gazetteer", str(gaz), "--out", "/dev/full")
    assert code == 1 and "not a regular file" in out


def test_layers_naming_nothing_is_a_usage_error(gaz: Path, tmp_path: Path) -> None:
    code, out = _run("build", "--gazetteer", str(gaz), "--out", str(tmp_path / "m.html"), "--layers", ",")
    assert code == 2 and "'--layers': no layers chosen" in out
    with pytest.raises(ValueError, match="no layers chosen"):
        build(gaz, tmp_path / "m.html", layers=[])


def test_export_never_writes_over_its_gazetteer(gaz: Path) -> None:
    before = gaz.read_bytes()
    code, out = _run("export", "--format", "geojson", "--gazetteer", str(gaz), "--out", str(gaz))
    assert code == 1 and "is the gazetteer of this run" in out
    assert gaz.read_bytes() == before


def test_a_path_writer_that_fails_leaves_the_previous_file_and_no_temporary(tmp_path: Path) -> None:
    from mapgen.outputs import write_file_atomic

    out = tmp_path / "places.gpkg"
    out.write_text("previous", encoding="utf-8")
    os.chmod(out, 0o640)
    seen: list[Path] = []

    def half_then_die(p: Path) -> None:
        seen.append(p)
        assert not p.exists() and p.parent == tmp_path and p.suffix == ".gpkg"  # the writer creates it
        p.write_text("half", encoding="utf-8")
        raise RuntimeError("GDAL gave up")

    with pytest.raises(RuntimeError, match="GDAL gave up"):
        write_file_atomic(out, half_then_die)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["places.gpkg"]

    write_file_atomic(out, lambda p: p.write_text("new", encoding="utf-8"))
    assert out.read_text(encoding="utf-8") == "new" and stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["places.gpkg"]
    with pytest.raises(OutputError, match="is the gazetteer of this run"):
        write_file_atomic(out, lambda p: p.write_text("x", encoding="utf-8"), [(out, "the gazetteer")])


def test_export_from_python_refuses_its_gazetteer_too(gaz: Path) -> None:
    from mapgen.export import export
    from mapgen.gazetteer import load_gazetteer

    before = gaz.read_bytes()
    for fmt in ("geojson", "gpkg"):
        with pytest.raises(OutputError, match="is the gazetteer of this run"):
            export(fmt, gaz, load_gazetteer(gaz))
    assert gaz.read_bytes() == before


def test_a_refusal_is_a_problem_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_text_atomic("x", tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path) and problem.message.startswith("is a directory")
    assert str(caught.value) == f"{tmp_path}: {problem.message}"
