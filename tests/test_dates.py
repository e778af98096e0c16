"""Dates in texts: ISO 8601 with precision, every form the articles use."""

from __future__ import annotations

import datetime as dt

import pytest

from mapgen.dates import find_dates


def one(text: str) -> tuple[str, str, str]:
    dates = find_dates(text)
    assert len(dates) == 1, dates
    d = dates[0]
    return text[d.start : d.end], d.iso, d.precision


@pytest.mark.parametrize(
    "text, surface, iso, precision",
    [
        ("on 1 November 1950 the", "1 November 1950", "1950-11-01", "day"),
        ("on November 1, 1950 the", "November 1, 1950", "1950-11-01", "day"),
        ("on 23 October 1951 the", "23 October 1951", "1951-10-23", "day"),
        ("the 1st of nothing, 2nd November 1950", "2nd November 1950", "1950-11-02", "day"),
        ("o? 1 \n\nNovember 1950.", "1 \n\nNovember 1950", "1950-11-01", "day"),
        ("until April 1952 when", "April 1952", "1952-04", "month"),
        ("in late October 1950 without", "late October 1950", "1950-10", "month"),
        ("in September, 1951 the", "September, 1951", "1951-09", "month"),
        ("during the late spring of 1952 when", "the late spring of 1952", "1952-21", "season"),
        ("in the summer of 1951", "the summer of 1951", "1951-22", "season"),
        ("By 1950/however, Stalin", "1950", "1950", "year"),
        ("in 1949 the", "1949", "1949", "year"),
    ],
)
def test_forms(text: str, surface: str, iso: str, precision: str):
    assert one(text) == (surface, iso, precision)


def test_between_days_takes_the_year_from_context():
    text = "Talks began in 1950. Between 2 and 14 October telegrams flew."
    d = find_dates(text)[-1]
    assert (text[d.start : d.end], d.iso, d.precision) == ("Between 2 and 14 October", "1950-10-02/1950-10-14", "day")
    assert (d.first, d.last) == (dt.date(1950, 10, 2), dt.date(1950, 10, 14))


def test_bare_month_needs_a_lead_word_and_takes_the_context_year():
    text = "It was 1949. That August the bomb. In early October a state. We may march."
    got = [(text[d.start : d.end], d.iso) for d in find_dates(text)]
    assert got == [("1949", "1949"), ("August", "1949-08"), ("early October", "1949-10")]


def test_qualifiers_narrow_the_days_covered():
    (late,) = find_dates("late October 1950")
    assert (late.first, late.last) == (dt.date(1950, 10, 21), dt.date(1950, 10, 31))
    (spring,) = find_dates("the late spring of 1952")
    assert (spring.first, spring.last) == (dt.date(1952, 5, 1), dt.date(1952, 5, 31))
    (winter,) = find_dates("winter 1950")
    assert (winter.iso, winter.first, winter.last) == ("1950-24", dt.date(1950, 12, 1), dt.date(1951, 2, 28))


@pytest.mark.parametrize(
    "text", ["the 1990s", "MiG-15 and B-29", "F-86 in 19500", "31 April 1951", "in October", "NWDNS-306-PS-51 -13676"]
)
def test_not_dates(text: str):
    assert find_dates(text) == []


def test_dates_in_order_and_non_overlapping():
    text = "From 25 June 1950 to 27 July 1953, and in 1951 and April 1952."
    got = [d.iso for d in find_dates(text)]
    assert got == ["1950-06-25", "1953-07-27", "1951", "1952-04"]


def test_season_across_line_breaks_and_not_inside_a_word():
    assert one("in the late spring \n\nof 1952 the") == ("the late spring \n\nof 1952", "1952-21", "season")
    assert [d.iso for d in find_dates("after nightfall 1950 and a winter without a year")] == ["1950"]
