"""Curated overrides: a CSV of ``doc,start,end,place_id`` rows that settle what context cannot.

An override picks the place of a recognised span, adds a span recognition
missed, or (an empty ``place_id``) drops a false one; :func:`mapgen.resolution.resolve_spans`
applies them. This module reads and checks the file, reporting every problem at once.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import Problem, TextError
from .gazetteer import Gazetteer, PlaceNames
from .inputs import InputError, read_text_input
from .placeindex import place_ids

#: ``(doc, start, end)``: the span an override settles.
OverrideKey = tuple[str, int, int]


def load_overrides(path: str | Path, gazetteer: Gazetteer | PlaceNames | None = None) -> dict[OverrideKey, str]:
    """Read a curated overrides CSV: ``doc,start,end,place_id`` with that header.

    ``place_id`` empty means "not a place" (the span is dropped). A span that
    recognition missed is added. All problems are reported at once.

    Returns
    -------
    dict
        ``(doc, start, end) -> place_id``.

    Raises
    ------
    TextError
        The file is missing, lacks a column, has a bad number, or names a place
        the gazetteer does not have.
    """
    p = Path(path)
    try:
        raw = read_text_input(p, kind="overrides file")
    except InputError as exc:
        raise TextError(f"{p}: overrides file {exc.reason}") from None
    rows = csv.DictReader(raw.splitlines())
    try:
        return _override_rows(p, rows, gazetteer)
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit (131,072 characters)
        raise TextError(f"{p}: line {rows.line_num}: not a readable CSV row ({exc})") from None


def _override_rows(
    p: Path, rows: csv.DictReader[str], gazetteer: Gazetteer | PlaceNames | None
) -> dict[OverrideKey, str]:
    need = ("doc", "start", "end", "place_id")
    missing = [c for c in need if c not in (rows.fieldnames or ())]
    if missing:
        raise TextError(
            Problem(
                str(p),
                "line 1",
                "",
                f"missing column(s) {', '.join(missing)}; expected the header doc,start,end,place_id",
            )
        )
    known = set(place_ids(gazetteer)) if gazetteer is not None else None
    out: dict[OverrideKey, str] = {}
    lines: dict[OverrideKey, int] = {}
    errors: list[Problem] = []
    for row in rows:
        n = rows.line_num
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            errors.append(
                Problem(
                    str(p),
                    f"line {n}",
                    "",
                    f"start and end must be whole numbers, found {_short(row['start'])}, {_short(row['end'])}",
                )
            )
            continue
        pid = (row["place_id"] or "").strip()
        doc = row["doc"]
        if not doc:
            errors.append(
                Problem(
                    str(p), f"line {n}", "", "doc is empty; expected the document id (its file name without the suffix)"
                )
            )
        elif not 0 <= start < end:
            errors.append(Problem(str(p), f"line {n}", "", f"expected 0 <= start < end, found {start}, {end}"))
        elif known is not None and pid and pid not in known:
            errors.append(Problem(str(p), f"line {n}", "", f"place_id {_short(pid)} is not in the gazetteer"))
        else:
            out[(doc, start, end)] = pid
            if (doc, start, end) in lines:
                errors.append(
                    Problem(
                        str(p),
                        f"line {n}",
                        "",
                        f"repeats the span of line {lines[(doc, start, end)]}; keep one row per span",
                    )
                )
            lines.setdefault((doc, start, end), n)
    errors += _overlaps(p, lines)
    if errors:
        raise TextError(errors)
    return out


def _overlaps(p: Path, lines: Mapping[OverrideKey, int]) -> list[Problem]:
    """Rows of one document whose spans overlap: one would silently replace the other."""
    found = []
    ordered = sorted(lines, key=lambda k: (k[0], k[1], k[2]))
    for a, b in itertools.pairwise(ordered):
        if a[0] == b[0] and b[1] < a[2]:
            found.append(
                Problem(
                    str(p),
                    f"line {lines[b]}",
                    "",
                    f"span {b[1]}-{b[2]} overlaps {a[1]}-{a[2]} of line {lines[a]} in {_short(a[0])}; "
                    "a mention is one span, so keep one of them",
                )
            )
    return found


def _short(value: Any, limit: int = 60) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= limit else text[:limit] + "...")
