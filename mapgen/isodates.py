"""ISO 8601 calendar dates at day, month or year precision.

Historical data is rarely known to the day; a date keeps its precision so a
year ("1953") can still be compared with a day ("1953-07-27") by the span it
covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a precision of ``day``, ``month`` or ``year``."""

    first: dt.date
    last: dt.date
    precision: str
    text: str

    @property
    def iso(self) -> str:
        return self.text


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError with the reason."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO 8601 date string, found {text!r}")
    m = _ISO.match(text.strip())
    if not m:
        raise ValueError(f"expected an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), found {text!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    if month is None:
        return PartialDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text.strip())
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range in {text!r}")
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return PartialDate(dt.date(year, month, 1), dt.date(year, month, last_day), "month", text.strip())
    if not 1 <= day <= last_day:
        raise ValueError(f"day {day} out of range for {year}-{month:02d} in {text!r}")
    d = dt.date(year, month, day)
    return PartialDate(d, d, "day", text.strip())
