"""CSV cells a spreadsheet cannot run: one function for every CSV mapgen writes.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read by Excel, LibreOffice and Google Sheets as a formula (CSV
injection: ``=HYPERLINK(...)``, ``=cmd|...``). As OWASP's "CSV Injection"
page recommends, such a cell is written with a leading single quote, which
spreadsheets show as text and do not evaluate. Numbers are left alone, so
``-33.5`` still reads back as the number -33.5: Python numbers, and strings
that are exactly a decimal number, pass unchanged.

Write CSV with :class:`DictWriter` or :class:`Writer` (the csv module's, with
every cell passed through :func:`csv_cell` and RFC 4180 line ends), or call
:func:`csv_cell`/:func:`csv_row` yourself just before the csv module writes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: Characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """The value to hand to the csv module: numbers as they are, formula-like text quoted."""
    if value is None or (isinstance(value, float) and value != value):  # NaN is a missing value, as in JSON's null
        return ""
    if isinstance(value, (int, float)):  # bool too; csv writes their repr
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(row: Mapping[str, Any] | Iterable[Any]) -> Any:
    """:func:`csv_cell` on every value of a dict row (for DictWriter) or a sequence row."""
    if isinstance(row, Mapping):
        return {k: csv_cell(v) for k, v in row.items()}
    return [csv_cell(v) for v in row]


class DictWriter(csv.DictWriter):
    """``csv.DictWriter`` that neutralises every cell and ends rows with CRLF (RFC 4180).

    CRLF matters beyond convention: the csv module quotes a field only for the
    characters of its line terminator, so with ``"\\n"`` a lone ``"\\r"`` in a
    passage was written bare and split the row for every reader.
    """

    def __init__(self, f: Any, fieldnames: Sequence[str], **kwargs: Any) -> None:
        kwargs.setdefault("lineterminator", "\r\n")
        super().__init__(f, fieldnames, **kwargs)

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow(csv_row(rowdict))

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for r in rowdicts:
            self.writerow(r)


class Writer:
    """``csv.writer`` that neutralises every cell and ends rows with CRLF (see :class:`DictWriter`)."""

    def __init__(self, f: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lineterminator", "\r\n")
        self._w = csv.writer(f, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._w.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for r in rows:
            self.writerow(r)
