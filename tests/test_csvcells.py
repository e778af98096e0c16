"""Every CSV cell we write is inert in a spreadsheet, and numbers still read back as numbers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.cli import main
from mapgen.csvcells import FORMULA_STARTS, Writer, csv_cell

DATA = Path(__file__).parent / "data"


def _roundtrip(values: list[object]) -> list[str]:
    buf = io.StringIO(newline="")
    Writer(buf).writerow(values)
    return next(csv.reader(io.StringIO(buf.getvalue(), newline="")))


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_no_cell_starts_a_formula(values: list[str]) -> None:
    for cell in _roundtrip(values):
        assert not cell.startswith(FORMULA_STARTS) or float(cell) == float(cell)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_text_is_kept_apart_from_the_quote(values: list[str]) -> None:
    for given_, cell in zip(values, _roundtrip(values), strict=True):
        assert cell == given_ or (cell == "'" + given_ and given_.startswith(FORMULA_STARTS))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers() | st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=5))
def test_numbers_round_trip(values: list[float]) -> None:
    assert [float(c) for c in _roundtrip(values)] == [float(v) for v in values]
    assert [float(c) for c in _roundtrip([repr(v) for v in values])] == [
        float(v) for v in values
    ]  # numbers as text too


def test_examples() -> None:
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("\tx") == "'\tx" and csv_cell("-1+2") == "'-1+2"
    assert csv_cell("-33.5") == "-33.5" and csv_cell(-33.5) == -33.5 and csv_cell(None) == ""


def test_mentions_csv_neutralises_a_formula_in_a_passage(tmp_path: Path) -> None:
    doc = tmp_path / "=cmd.txt"
    doc.write_text('=HYPERLINK("http://evil") Antung lay across the Yalu.', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["-q", "mentions", str(doc), "--format", "csv", "--gazetteer", str(DATA / "mention_places.geojson")]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output, newline="")))
    assert rows
    for row in rows:
        assert all(
            not v.startswith(FORMULA_STARTS) or v.lstrip("+-").replace(".", "", 1).isdigit() for v in row.values()
        )
        assert row["doc"] == "'=cmd" and row["sentence"].startswith("'=HYPERLINK")
        float(row["lon"]), json.loads(row["alternatives"])
