"""The public Python API: `import mapgen` is enough, and its map is the CLI's page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import folium
import pytest

import mapgen
from mapgen.pipeline import build


def test_import_mapgen_is_light() -> None:
    """Names load on first use: the package import pulls in neither geopandas nor folium."""
    code = "import sys, mapgen; print(sorted(m for m in ('geopandas', 'pandas', 'folium') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_every_public_name_resolves() -> None:
    assert set(dir(mapgen)) == set(mapgen.__all__)
    for name in mapgen.__all__:
        assert getattr(mapgen, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        mapgen.nope  # noqa: B018


def test_make_map_renders_exactly_the_cli_page(tmp_path: Path, mini_path: Path) -> None:
    m = mapgen.make_map(mini_path, title="A lesson")
    assert isinstance(m, folium.Map)
    page = m.get_root().render()
    result = build(mini_path, tmp_path / "cli.html", title="A lesson")
    assert page == result.path.read_text(encoding="utf-8")
    # Jupyter shows the same page (folium puts it, escaped, in an iframe's srcdoc)
    import html

    assert html.escape(page) in m._repr_html_()


def test_save_map_writes_the_page(tmp_path: Path, mini_path: Path) -> None:
    m = mapgen.make_map(mini_path)
    out = mapgen.save_map(m, tmp_path / "sub" / "m.html")
    assert out.read_text(encoding="utf-8") == build(mini_path, tmp_path / "cli.html").path.read_text(encoding="utf-8")


def test_make_map_draws_onto_an_existing_map(mini_path: Path) -> None:
    base = folium.Map(location=[40, 125], zoom_start=5, tiles=None)
    m = mapgen.make_map(mini_path, m=base)
    assert m is base
    page = m.get_root().render()
    assert "mapgen.addPlaces(" in page and "mapgen.setup(" in page
    assert "mapgen.addBase(" not in page  # the map keeps its own tiles


def test_stages_from_the_top_level(mini_path: Path) -> None:
    gaz = mapgen.load_gazetteer(mini_path)
    assert len(gaz.places) == 6
    assert mapgen.validate_gazetteer(mini_path) == []


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        ({"zoom": 30}, "zoom", "zoom 30 out of range"),
        ({"zoom": 0}, "zoom", "zoom 0 out of range"),
        ({"layers": ["castles"]}, "layers", "unknown layer(s) castles"),
        ({"layers": []}, "layers", "no layers chosen"),
        ({"overrides": "x.csv"}, "overrides", "needs --texts"),
    ],
)
def test_option_values_are_checked_once_by_the_library(
    mini_path: Path, tmp_path: Path, options: dict[str, object], option: str, message: str
) -> None:
    """The CLI reports these as usage errors of the option; from Python they are OptionErrors naming it."""
    from mapgen.errors import OptionError

    with pytest.raises(OptionError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        build(mini_path, tmp_path / "m.html", **options)
    assert caught.value.option == option
    assert not (tmp_path / "m.html").exists()


def test_export_file_loads_checks_and_reports(mini_path: Path, tmp_path: Path) -> None:
    result = mapgen.export_file("csv", tmp_path / "p.csv", mini_path)
    assert result.path == tmp_path / "p.csv" and result.places > 0 and not result.skipped
    assert result.summary().startswith(f"{tmp_path / 'p.csv'}: csv, {result.places} places")


def test_write_mentions_prints_what_the_command_prints(tmp_path: Path) -> None:
    """The streaming writer a notebook calls is the command: the same bytes, JSON lines and CSV."""
    import io

    from click.testing import CliRunner

    from mapgen.cli import main

    texts = Path(__file__).parent / "data" / "texts"
    gaz = str(Path(__file__).parent / "data" / "mention_places.geojson")
    for fmt in ("jsonl", "csv"):
        cli = CliRunner().invoke(
            main, ["-q", "mentions", str(texts), "--gazetteer", gaz, "--format", fmt, "--jobs", "1"]
        )
        assert cli.exit_code == 0, cli.output
        buf = io.StringIO(newline="")
        run = mapgen.write_mentions([texts], buf, gazetteer=gaz, fmt=fmt, jobs=1)
        assert buf.getvalue() == cli.stdout_bytes.decode("utf-8") and run.records > 10 and not run.problems
        assert run.documents == 3
    with pytest.raises(ValueError, match="jsonl, csv"):
        mapgen.write_mentions([texts], io.StringIO(), gazetteer=gaz, fmt="xml")


def test_write_suggestions_to_a_stream_or_a_file(tmp_path: Path) -> None:
    import io
    import json

    from mapgen.suggest import write_suggestions

    text = tmp_path / "memoir.txt"
    text.write_text("The squadron left Antung; its mechanic retired to Dayton.", encoding="utf-8")
    gaz = Path(__file__).parent / "data" / "mention_places.geojson"
    buf = io.StringIO()
    run = write_suggestions([text], buf, gazetteer=gaz)
    assert [f["properties"]["title"] for f in json.loads(buf.getvalue())["features"]] == ["Dayton"]
    write_suggestions([text], tmp_path / "drafts.geojson", gazetteer=gaz)
    assert (tmp_path / "drafts.geojson").read_text(encoding="utf-8") == buf.getvalue() and not run.problems
    from mapgen.errors import MapgenError

    with pytest.raises(MapgenError):  # never over one of the texts
        write_suggestions([text], text, gazetteer=gaz)
    assert text.read_text(encoding="utf-8").startswith("The squadron")


def test_write_mentions_progress_keeps_its_figures_on_a_slow_run(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A run slower than 50 k characters a second once read '(0.0 M chars/s)'; it now says its rate in k."""
    import io
    import re

    from mapgen import mentions_writer

    monkeypatch.setattr(mentions_writer, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(mentions_writer, "PROGRESS_EVERY", 0.0)
    texts = Path(__file__).parent / "data" / "texts"
    gaz = str(Path(__file__).parent / "data" / "mention_places.geojson")
    with caplog.at_level("INFO", logger="mapgen.progress"):
        mapgen.write_mentions([texts], io.StringIO(), gazetteer=gaz, jobs=1)
    lines = [r.getMessage() for r in caplog.records if r.name == "mapgen.progress"]
    assert lines and all(re.search(r"\((\d+\.\d) [kM] characters/s\)$", line) for line in lines)
    assert mentions_writer._rate(12_345.0) == "12.3 k" and mentions_writer._rate(3.9e6) == "3.9 M"
