"""ISO 8601 calendar dates at day, month or year precision, in any era.

Historical data is rarely known to the day; a date keeps its precision so a
year ("1953") can still be compared with a day ("1953-07-27") by the span it
covers. Years have 1 to 4 digits, or more with a sign, as in ISO 8601-2 /
EDTF and the Linked Places Format: "676", "0676", "-0230" (231 BCE: year 0
is 1 BCE, the astronomical numbering ISO uses). Python's ``datetime.date``
stops at year 1, so a day is a small :class:`Day` of its own, ordered and
printed the ISO way.

Two modules deal with dates, for two jobs: this one is the date *model* every
stage shares (a gazetteer's ``when`` and events, the time slider, the labels);
:mod:`mapgen.dates` *finds* dates written in article prose ("the late spring
of 1952", "44 BC") and gives them in this model's ISO forms, through the
year helpers below (:func:`iso_year`, :func:`year_of_bce`, :func:`calendar_day`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^([+-]?)(\d{1,4}|(?<=-)\d{5,})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTH_ABBR = tuple(calendar.month_abbr)[1:]


def _leap(year: int) -> bool:
    """Proleptic Gregorian leap years, year 0 and negative years included (ISO 8601)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if _leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def iso_year(year: int) -> str:
    """'0676', '1953', '-0043': four digits at least, a sign before years before 1 (ISO 8601)."""
    return f"{'-' if year < 0 else ''}{abs(year):04d}"


def year_of_bce(n: int) -> int:
    """The ISO year of the year ``n`` BCE: 1 BCE is year 0, 44 BCE is -43."""
    return 1 - n


def calendar_day(year: int, month: int, day: int) -> dt.date | Day:
    """A ``datetime.date`` where Python has one (year 1 on), else a :class:`Day`; both order and print alike."""
    return dt.date(year, month, day) if year >= 1 else Day(year, month, day)


@dataclass(frozen=True, order=True)
class Day:
    """A day of the proleptic Gregorian calendar, in any year (negative ones too)."""

    year: int
    month: int
    day: int

    def isoformat(self) -> str:
        """'0676-01-01', '-0230-12-31': four digits at least, a sign before BCE years."""
        return f"{iso_year(self.year)}-{self.month:02d}-{self.day:02d}"


def iso_day_key(iso: str) -> tuple[int, str]:
    """A sort key that puts ISO days ('1950-11-01', '-0043-03-15') in time order.

    Their strings do not sort so: '-0100-01-01' (101 BCE) sorts after '-0043-01-01' (44 BCE).
    """
    if iso.startswith("-"):
        year, _, rest = iso[1:].partition("-")
        return -int(year), rest
    year, _, rest = iso.partition("-")
    return int(year), rest


def year_label(year: int) -> str:
    """How a reader writes a year: '1953', '676', '231 BCE' (ISO year -230)."""
    return f"{year_of_bce(year)} BCE" if year <= 0 else str(year)  # the relation is its own inverse


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a precision of ``day``, ``month`` or ``year``."""

    first: Day
    last: Day
    precision: str
    text: str

    @property
    def iso(self) -> str:
        return self.text

    def label(self) -> str:
        """Human form: '23 Oct 1951', 'Nov 1950', '1953', '231 BCE'."""
        y = year_label(self.first.year)
        if self.precision == "day":
            return f"{self.first.day} {MONTH_ABBR[self.first.month - 1]} {y}"
        if self.precision == "month":
            return f"{MONTH_ABBR[self.first.month - 1]} {y}"
        return y


def parse_partial_date(text: object) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (1-4 digit or signed years); raise ValueError with the reason."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO 8601 date string, found {text!r}")
    m = _ISO.match(text.strip())
    if not m:
        raise ValueError(
            f"expected an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD; '-0230' for 231 BCE), found {text!r}"
        )
    sign, ytext, mtext, dtext = m.groups()
    year = int(ytext) * (-1 if sign == "-" else 1)
    if mtext is None:
        return PartialDate(Day(year, 1, 1), Day(year, 12, 31), "year", text.strip())
    month = int(mtext)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range in {text!r}")
    last_day = days_in_month(year, month)
    if dtext is None:
        return PartialDate(Day(year, month, 1), Day(year, month, last_day), "month", text.strip())
    day = int(dtext)
    if not 1 <= day <= last_day:
        raise ValueError(f"day {day} out of range for {year}-{month:02d} in {text!r}")
    d = Day(year, month, day)
    return PartialDate(d, d, "day", text.strip())
