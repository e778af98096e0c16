"""Records: one dict (or one JSON line) per mention, with its place, passage, date and citation.

Each mention gets its sentence (whitespace normalised, with the name's
offsets inside it for highlighting, see :mod:`mapgen.sentences`), the date
governing it (:func:`mapgen.dates.governing_date`) and the citation of its
document. :func:`iter_document_jsonl` writes the ``mapgen mentions`` lines from
pieces built once per document; :func:`record_json` writes one record.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from . import schema as S
from .dates import DATE_CARRY_CHARS, DateMention, find_dates, governing_date
from .mentions import Span
from .overrides import OverrideKey
from .resolution import Choice, resolve_spans
from .sentences import SENTENCE_MAX_CHARS, Sentences, sentence_passages
from .texts import Document
from .tiers import Tiers

#: Place id -> (lon, lat): the points a document's records are placed at.
Points = Mapping[str, tuple[float, float]]
#: A curator's overrides (:func:`mapgen.overrides.load_overrides`).
Overrides = Mapping[OverrideKey, str]
#: Place id -> title, for a record's ``place_name``.
Titles = Mapping[str, str]

#: The fields of a record a popup shows as one passage (the map's per-place ``passages``).
PASSAGE_KEYS = (
    S.DOC,
    S.CITE_AUTHOR,
    S.CITE_YEAR,
    S.CITE_TITLE,
    S.CITE_URL,
    S.SENTENCE,
    S.PASSAGE_START,
    S.PASSAGE_END,
    S.TEXT,
    S.DATE,
    S.DATE_PRECISION,
    S.DATE_FIRST,
    S.DATE_LAST,
)


def passage_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """The passage a record contributes to its place's popup: its :data:`PASSAGE_KEYS`."""
    return {k: record[k] for k in PASSAGE_KEYS}


class Mention(NamedTuple):
    """One resolved mention with its passage and date: the per-mention part of a record."""

    choice: Choice
    passage: str
    passage_start: int
    passage_end: int
    date: DateMention | None


def document_mentions(
    doc: Document,
    spans: list[Span],
    points: Points,
    overrides: Overrides | None = None,
    tiers: Tiers | None = None,
) -> list[Mention]:
    """Resolve one document's spans and attach passages and dates, working per document.

    The sentence bounds, the whitespace-normalised copy of the text, the dates
    and the resolution context are computed once for the document; each
    mention then costs a few lookups and slices (the per-mention splitting and
    joining this replaced was most of the join's time on dense text).
    """
    text = doc.text
    choices = resolve_spans(doc.doc, spans, points, overrides, text)
    if tiers is not None:  # open world (GeoNames), fuzzy matches, names inside names
        # spans a curator settled (an empty place_id drops one) are never re-read by the other tiers
        settled = [(s, e) for (d, s, e) in (overrides or {}) if d == doc.doc]
        choices = tiers.extend(text, choices, points, settled, Choice)
    if not choices:
        return []
    dates = find_dates(text)
    date_starts = [d.start for d in dates]
    sentences = Sentences(text)
    bounds = [sentences.bounds(ch.span.start, ch.span.end) for ch in choices]
    passages = sentence_passages(text, bounds, [(ch.span.start, ch.span.end) for ch in choices])
    out: list[Mention] = []
    for ch, (first, last), (passage, ps, pe) in zip(choices, bounds, passages, strict=True):
        lo = bisect_left(date_starts, first - DATE_CARRY_CHARS - SENTENCE_MAX_CHARS)
        out.append(Mention(ch, passage, ps, pe, governing_date(dates, first, last, ch.span.start, lo)))
    return out


def document_records(
    doc: Document,
    spans: list[Span],
    points: Points,
    overrides: Overrides | None = None,
    *,
    tiers: Tiers | None = None,
    names: Titles | None = None,
) -> Iterator[dict[str, Any]]:
    """The records of one document's spans (see :func:`iter_mention_records`).

    ``tiers`` adds the open world, fuzzy matches and the feature grammar
    (:mod:`mapgen.tiers`); ``names`` maps place ids to their titles (``place_name``).
    """
    names = names or {}
    for m in document_mentions(doc, spans, points, overrides, tiers):
        ch = m.choice
        point = ch.point or points.get(ch.place_id, (math.nan, math.nan))
        yield mention_record(doc, m, point, ch.place_name or names.get(ch.place_id))


def mention_record(doc: Document, m: Mention, point: tuple[float, float], place_name: str | None) -> dict[str, Any]:
    """The record of one mention of ``doc``: the keys of :data:`mapgen.schema.MENTION_COLUMNS`."""
    ch, sp, d = m.choice, m.choice.span, m.date
    meta = doc.meta
    lon, lat = point
    return {
        S.DOC: doc.doc,
        S.START: sp.start,
        S.END: sp.end,
        S.TEXT: sp.surface,
        S.PLACE_ID: ch.place_id,
        S.LON: lon,
        S.LAT: lat,
        S.SENTENCE: m.passage,
        S.DATE: d.iso if d else None,
        S.DATE_PRECISION: d.precision if d else None,
        S.CONFIDENCE: ch.confidence,
        S.ALTERNATIVES: ch.alternatives,
        S.PASSAGE_START: m.passage_start,
        S.PASSAGE_END: m.passage_end,
        S.DATE_FIRST: d.first.isoformat() if d else None,
        S.DATE_LAST: d.last.isoformat() if d else None,
        S.RESOLVED_BY: ch.resolved_by,
        S.SOURCE: ch.source,
        S.MATCH: ch.match,
        S.PLACE_NAME: place_name,
        S.CITE_AUTHOR: meta.author,
        S.CITE_YEAR: meta.year,
        S.CITE_TITLE: meta.title,
        S.CITE_URL: meta.url,
    }


#: :func:`iter_document_jsonl` hands over a long document's lines this many at a time (about 1 MB).
JSONL_CHUNK_LINES = 2_500


def iter_document_jsonl(
    doc: Document,
    spans: list[Span],
    points: Points,
    overrides: Overrides | None = None,
    *,
    tiers: Tiers | None = None,
    names: Titles | None = None,
    chunk_lines: int | None = None,
) -> Iterator[str]:
    """The JSON lines of one document's mentions (``record_json`` of each record, each ending in a
    newline), in pieces of at most ``chunk_lines`` lines: a dense document of 100 MB never holds its
    300 MB of JSON in one string (issue 13). Default :data:`JSONL_CHUNK_LINES`.

    Written from pieces built once (the document id, each place's id and point, each date) instead
    of a dict per mention; the same text, byte for byte, as joining :func:`record_json` over
    :func:`document_records`."""
    chunk_lines = chunk_lines or JSONL_CHUNK_LINES
    mentions = document_mentions(doc, spans, points, overrides, tiers)
    if not mentions:
        return
    names = names or {}
    head = f'{{"doc": {_json_str(doc.doc)}, "start": '
    places: dict[str, str] = {}
    tails: dict[tuple[str | None, str, str, str | None], str] = {}
    dates: dict[int, str] = {}
    surfaces: dict[str, str] = {}  # names repeat: each encoded once per document
    numbers: dict[float, str] = {}
    no_date = '"date": null, "date_precision": null, "confidence": '
    lines: list[str] = []
    passage, encoded = None, ""  # mentions of one sentence share its passage (the same string)
    for m in mentions:
        ch, sp, d = m.choice, m.choice.span, m.date
        if m.passage is not passage:
            passage, encoded = m.passage, _json_str(m.passage)
        place = places.get(ch.place_id)
        if place is None:
            lon, lat = ch.point or points.get(ch.place_id, (math.nan, math.nan))
            place = places[ch.place_id] = (
                f'"place_id": {_json_opt(ch.place_id)}, "lon": {_json_num(lon)}, "lat": {_json_num(lat)}, "sentence": '
            )
        if d is None:
            date = no_date
        else:
            cached = dates.get(id(d))
            if cached is None:
                cached = dates[id(d)] = (
                    f'"date": {_json_str(d.iso)}, "date_precision": {_json_str(d.precision)}, "confidence": '
                )
            date = cached
        surface = surfaces.get(sp.surface)
        if surface is None:
            surface = surfaces[sp.surface] = _json_str(sp.surface)
        conf = numbers.get(ch.confidence)
        if conf is None:
            conf = numbers[ch.confidence] = _json_num(ch.confidence)
        # keyed by the name too: unresolved phrases ("Sea of X") share place_id None and differ by name
        tail_key = (ch.place_id, ch.match, ch.source, ch.place_name)
        tail = tails.get(tail_key)
        if tail is None:
            tail = tails[tail_key] = _json_tail(ch.source, ch.match, ch.place_name or names.get(ch.place_id))
        alts = ch.alternatives
        lines.append(
            f'{head}{sp.start}, "end": {sp.end}, "text": {surface}, {place}{encoded}, '
            f'{date}{conf}, "alternatives": {json.dumps(list(alts), ensure_ascii=False) if alts else "[]"}{tail}}}\n'
        )
        if len(lines) >= chunk_lines:
            yield _escape_separators("".join(lines))
            lines = []
    if lines:
        yield _escape_separators("".join(lines))


def _escape_separators(out: str) -> str:
    """U+2028/U+2029 escaped: line separators would split a JSON line for some readers."""
    if "\u2028" in out or "\u2029" in out:
        out = out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return out


def record_json(record: Mapping[str, Any]) -> str:
    """One mention record as a JSON line with the stable CLI fields only.

    Written field by field with the json module's C string encoder: the same
    text as ``json.dumps(..., ensure_ascii=False)``, at a third of the cost.
    """
    alts = record[S.ALTERNATIVES]
    return (
        (
            f'{{"doc": {_json_str(record[S.DOC])}, "start": {record[S.START]}, "end": {record[S.END]}, '
            f'"text": {_json_str(record[S.TEXT])}, "place_id": {_json_opt(record[S.PLACE_ID])}, '
            f'"lon": {_json_num(record[S.LON])}, "lat": {_json_num(record[S.LAT])}, '
            f'"sentence": {_json_str(record[S.SENTENCE])}, "date": {_json_opt(record[S.DATE])}, '
            f'"date_precision": {_json_opt(record[S.DATE_PRECISION])}, "confidence": {_json_num(record[S.CONFIDENCE])}, '
            f'"alternatives": {json.dumps(list(alts), ensure_ascii=False) if alts else "[]"}'
            f"{_json_tail(record.get(S.SOURCE), record.get(S.MATCH), record.get(S.PLACE_NAME))}}}"
        )
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )  # line separators would split a JSON line


_json_str = json.encoder.encode_basestring  # keeps non-ASCII as is


def _json_tail(source: str | None, match: str | None, name: str | None) -> str:
    """The record fields after ``alternatives``: where the place comes from and how the name matched."""
    return f', "source": {_json_opt(source)}, "match": {_json_opt(match)}, "place_name": {_json_opt(name)}'


def _json_opt(v: str | None) -> str:
    return "null" if v is None else _json_str(v)


def _json_num(v: float) -> str:
    return "null" if v is None or v != v else repr(float(v))
