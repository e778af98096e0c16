"""Dates of any era: years before 1800 with a cue, BCE, centuries, hijri/CE double dates; ʾ ʿ folded."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from mapgen.dates import find_dates
from mapgen.isodates import Day
from mapgen.mentions import fold_text

TEXT = (
    "In 762 the caliph chose the site; by 836 the court had moved (221/836) up the river. "
    "A mosque of the 9th century stands there, a late ninth-century minaret beside it. "
    "The fort fell in AD 661; an older one in 44 BC, and the first in the 5th century BC. "
    "He led 762 men in 762 boats, see pp. 22/23, and in 1951 nothing changed."
)


def found() -> dict[str, tuple[str, str]]:
    return {TEXT[d.start : d.end]: (d.iso, d.precision) for d in find_dates(TEXT)}


@pytest.mark.parametrize(
    ("surface", "iso", "precision"),
    [
        ("762", "0762", "year"),
        ("836", "0836", "year"),
        ("221/836", "0836", "year"),
        ("9th century", "0801/0900", "century"),
        ("late ninth-century", "0867/0900", "century"),
        ("AD 661", "0661", "year"),
        ("44 BC", "-0043", "year"),
        ("5th century BC", "-0499/-0400", "century"),
        ("1951", "1951", "year"),
    ],
)
def test_each_form(surface: str, iso: str, precision: str) -> None:
    assert found()[surface] == (iso, precision)


def test_counts_and_page_ranges_are_not_years() -> None:
    dates = find_dates(TEXT)
    cut = TEXT.index("He led")
    late = [TEXT[d.start : d.end] for d in dates if d.start >= cut]
    assert late == ["1951"]  # not "762 men", not "762 boats", not "22/23"


def test_bce_days_and_ce_days() -> None:
    by = {TEXT[d.start : d.end]: d for d in find_dates(TEXT)}
    assert by["44 BC"].first == Day(-43, 1, 1) and by["44 BC"].first.isoformat() == "-0043-01-01"
    assert by["AD 661"].first == dt.date(661, 1, 1)


def test_a_double_date_must_agree() -> None:
    assert [d.iso for d in find_dates("the year 221/836 began")] == ["0836"]
    assert find_dates("scored 221/900 in the test") == []  # 221 AH is not 900 CE


def test_transliteration_marks_fold_like_apostrophes() -> None:
    assert fold_text("Sāmarrāʾ").text == fold_text("Samarra").text
    assert fold_text("ʿAbbāsid").text == fold_text("Abbasid").text


@pytest.mark.slow
def test_speed_stays_near_the_modern_grammar() -> None:
    """The era cues are found by literal-first scans, so OCR-heavy text stays fast (measured, not a timing gate)."""
    text = " ".join([TEXT] * 2000)
    t = time.perf_counter()
    n = len(find_dates(text))
    assert n == len(find_dates(TEXT)) * 2000
    assert time.perf_counter() - t < 30  # a hang guard only; figures are in the README


@pytest.mark.parametrize(
    ("text", "iso", "surface"),
    [("In 101 BC the wall stood.", "-0100", "101 BC"), ("by 300 BCE they left", "-0299", "300 BCE")],
)
def test_an_era_after_a_preposition_year_wins(text: str, iso: str, surface: str) -> None:
    """'In 101 BC' is 101 BCE, not the year 101 read through the preposition."""
    (d,) = find_dates(text)
    assert (d.iso, text[d.start : d.end]) == (iso, surface)
