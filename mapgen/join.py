"""Resolution: choose the place each recognised span means, and attach its passage and date.

:mod:`mapgen.mentions` finds spans and every place a span could name; this
stage chooses one, from

1. a curated overrides file (doc, start, end, place_id), which settles what
   context cannot and can also add a missed mention or drop a false one;
2. a span naming one place only ("unique");
3. context: a name several places share (Springfield, Illinois and
   Springfield, Massachusetts) goes to the candidate nearest the places the document
   names unambiguously, nearby mentions (within :data:`PARAGRAPH_CHARS`)
   counting double. The other candidates stay in ``alternatives`` with their
   scores, and ``confidence`` is the winner's share of the score.

Then each mention gets its sentence (whitespace normalised, with the name's
offsets inside it for highlighting), the date governing it (see
:func:`governing_date`) and the citation of its document.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import schema as S
from .dates import DateMention, find_dates
from .errors import TextError
from .gazetteer import Gazetteer, PlaceNames
from .inputs import InputError, read_input
from .mentions import Recognizer, Span
from .texts import Document
from .tiers import Tiers

if TYPE_CHECKING:  # imported where used: `mapgen mentions` needs neither pandas nor (mostly) pyproj
    import pandas as pd

#: Mentions this close (characters) weigh double as context: roughly a paragraph.
PARAGRAPH_CHARS = 1500
#: Context distance scale: a context place this far away counts half.
CONTEXT_SCALE_KM = 100.0
#: A date before the sentence still governs it within this many characters.
DATE_CARRY_CHARS = 1500
#: A sentence is cut to this many characters on each side of the name.
SENTENCE_MAX_CHARS = 600

log = logging.getLogger(__name__)

OverrideKey = tuple[str, int, int]
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "capt",
        "maj",
        "sgt",
        "adm",
        "cpl",
        "pvt",
        "no",
        "vol",
        "pp",
        "cf",
        "vs",
        "ca",
        "jr",
        "sr",
        "fig",
        "ed",
        "eds",
        "ibid",
        "op",
        "cit",
        "al",
    ]
)


@dataclass(frozen=True)
class Join:
    """Mentions of gazetteer places in documents, ready for the map.

    ``mentions``: one row per mention in document order, columns
    :data:`mapgen.schema.MENTION_COLUMNS`. ``places``: one row per mentioned
    place, columns :data:`mapgen.schema.PLACE_MENTION_COLUMNS`, most
    mentioned first.
    """

    mentions: pd.DataFrame
    places: pd.DataFrame


# -- overrides ---------------------------------------------------------------


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
        raw = read_input(p).decode("utf-8-sig")
    except InputError as exc:
        raise TextError(f"{p}: overrides file {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise TextError(f"{p}: overrides file is not UTF-8 (bad byte at offset {exc.start})") from None
    rows = csv.DictReader(raw.splitlines())
    try:
        return _override_rows(p, rows, gazetteer)
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit (131,072 characters)
        raise TextError(f"{p}: line {rows.line_num}: not a readable CSV row ({exc})") from None


def _override_rows(p: Path, rows: csv.DictReader[str], gazetteer: Gazetteer | None) -> dict[OverrideKey, str]:
    need = ("doc", "start", "end", "place_id")
    missing = [c for c in need if c not in (rows.fieldnames or ())]
    if missing:
        raise TextError(
            f"{p}: line 1: missing column(s) {', '.join(missing)}; expected the header doc,start,end,place_id"
        )
    known = set(_place_ids(gazetteer)) if gazetteer is not None else None
    out: dict[OverrideKey, str] = {}
    lines: dict[OverrideKey, int] = {}
    errors: list[str] = []
    for row in rows:
        n = rows.line_num
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            errors.append(
                f"{p}: line {n}: start and end must be whole numbers, found {_short(row['start'])}, {_short(row['end'])}"
            )
            continue
        pid = (row["place_id"] or "").strip()
        doc = row["doc"]
        if not doc:
            errors.append(f"{p}: line {n}: doc is empty; expected the document id (its file name without the suffix)")
        elif not 0 <= start < end:
            errors.append(f"{p}: line {n}: expected 0 <= start < end, found {start}, {end}")
        elif known is not None and pid and pid not in known:
            errors.append(f"{p}: line {n}: place_id {_short(pid)} is not in the gazetteer")
        else:
            out[(doc, start, end)] = pid
            if (doc, start, end) in lines:
                errors.append(
                    f"{p}: line {n}: repeats the span of line {lines[(doc, start, end)]}; keep one row per span"
                )
            lines.setdefault((doc, start, end), n)
    errors += _overlaps(p, lines)
    if errors:
        raise TextError("\n".join(errors))
    return out


def _overlaps(p: Path, lines: Mapping[OverrideKey, int]) -> list[str]:
    """Rows of one document whose spans overlap: one would silently replace the other."""
    found = []
    ordered = sorted(lines, key=lambda k: (k[0], k[1], k[2]))
    for a, b in itertools.pairwise(ordered):
        if a[0] == b[0] and b[1] < a[2]:
            found.append(
                f"{p}: line {lines[b]}: span {b[1]}-{b[2]} overlaps {a[1]}-{a[2]} of line {lines[a]} in {_short(a[0])}; "
                "a mention is one span, so keep one of them"
            )
    return found


def _short(value: Any, limit: int = 60) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= limit else text[:limit] + "...")


# -- resolution ----------------------------------------------------------------


@dataclass(frozen=True)
class _Choice:
    span: Span
    place_id: str
    confidence: float
    alternatives: tuple[dict[str, Any], ...]
    resolved_by: str
    source: str = "gazetteer"
    match: str = "exact"
    place_name: str | None = None
    point: tuple[float, float] | None = None  # for places outside the gazetteer (open world)


def resolve_spans(
    doc: str,
    spans: list[Span],
    points: Mapping[str, tuple[float, float]],
    overrides: Mapping[OverrideKey, str] | None = None,
    text: str = "",
) -> list[_Choice]:
    """Choose one place for each span of one document (see the module docstring)."""
    over = {(s, e): pid for (d, s, e), pid in (overrides or {}).items() if d == doc}
    spans = list(spans)
    if over:
        have = {(sp.start, sp.end) for sp in spans}
        added = []
        for (s, e), pid in over.items():
            if (s, e) in have or not pid:
                continue
            if e > len(text):
                log.warning(
                    "%s: override %d-%d (%s) lies beyond the end of the text (%d characters); ignored",
                    doc,
                    s,
                    e,
                    pid,
                    len(text),
                )
                continue
            added.append(Span(s, e, text[s:e], "", (pid,)))
        # A curator's span replaces the recognised spans it overlaps.
        spans = [sp for sp in spans if not any(a.start < sp.end and sp.start < a.end for a in added)] + added
        spans.sort(key=lambda sp: sp.start)
    fixed: dict[str, list[int]] = {}  # place -> positions (ascending) known without context
    for sp in spans:
        pid = over.get((sp.start, sp.end))
        if pid:
            fixed.setdefault(pid, []).append(sp.start)
        elif pid is None and len(sp.place_ids) == 1:
            fixed.setdefault(sp.place_ids[0], []).append(sp.start)
    kernel: dict[tuple[str, str], float] = {}
    out: list[_Choice] = []
    for sp in spans:
        pid = over.get((sp.start, sp.end))
        if pid is not None:
            if pid:
                out.append(_Choice(sp, pid, 1.0, (), "override"))
            continue
        if len(sp.place_ids) == 1:
            out.append(_Choice(sp, sp.place_ids[0], 1.0, (), "unique"))
            continue
        scores = {c: _context_score(c, sp.start, fixed, points, kernel) for c in sp.place_ids}
        total = sum(scores.values())
        # Ties (no context at all) keep gazetteer order: the first candidate wins.
        ranked = sorted(sp.place_ids, key=lambda c: -scores[c])
        best = ranked[0]
        conf = scores[best] / total if total > 0 else 1.0 / len(ranked)
        alts = tuple(
            {"place_id": c, "score": round(scores[c] / total if total > 0 else 1.0 / len(ranked), 3)}
            for c in ranked[1:]
        )
        out.append(_Choice(sp, best, round(conf, 3), alts, "context"))
    return out


def _context_score(
    candidate: str,
    pos: int,
    fixed: Mapping[str, list[int]],
    points: Mapping[str, tuple[float, float]],
    kernel: dict[tuple[str, str], float],
) -> float:
    """Sum over context places of (mentions, near ones twice) x closeness to ``candidate``.

    Grouped by place, so a long document costs one distance per place pair,
    not one per pair of mentions.
    """
    if candidate not in points:
        return 0.0
    score = 0.0
    for pid, positions in fixed.items():
        if pid not in points:
            continue
        k = kernel.get((candidate, pid))
        if k is None:
            k = kernel[(candidate, pid)] = _kernel(*points[candidate], *points[pid])
        near = bisect_right(positions, pos + PARAGRAPH_CHARS) - bisect_left(positions, pos - PARAGRAPH_CHARS)
        score += k * (len(positions) + near)
    return score


@lru_cache(maxsize=1 << 16)
def _kernel(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """A Cauchy kernel of the distance: neighbours count, places across the country hardly do.

    Cached across documents (it depends on the two points only): a corpus
    repeats the same pairs of places in document after document.
    """
    from .geo import geodesic_distance_km  # pyproj: only once a shared name needs context

    return 1.0 / (1.0 + (geodesic_distance_km(lon1, lat1, lon2, lat2) / CONTEXT_SCALE_KM) ** 2)


# -- sentences and dates ---------------------------------------------------------


class Sentences:
    """The sentence boundaries of one text, found in one pass, for many lookups.

    A sentence ends at ``.``, ``!`` or ``?`` (closing quotes after it) before
    whitespace and a capital, digit or opening quote, unless the word before
    the full stop is an initial ("Harry S. Truman", "U.S.") or a common
    abbreviation. Blank lines do not end a sentence: in scanned texts they
    fall inside sentences.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends: list[int] = []
        for m in _SENTENCE_END.finditer(text):
            if text[m.start()] == "." and _abbreviation_before(text, m.start()):
                continue
            ends.append(m.end("closers"))
            starts.append(m.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``text[start:end]``: ``(first, last)``, trimmed, at most
        :data:`SENTENCE_MAX_CHARS` each side of the name."""
        k = bisect_right(self.starts, start) - 1
        first = self.starts[k]
        j = k
        while self.ends[j] < end:  # a name across a boundary keeps its sentences whole
            j += 1
        last = self.ends[j]
        text = self.text
        if first < start - SENTENCE_MAX_CHARS:  # cut a run-on "sentence" at a word boundary
            first = start - SENTENCE_MAX_CHARS
            while first < start and not text[first - 1].isspace():
                first += 1
        if last > end + SENTENCE_MAX_CHARS:
            last = end + SENTENCE_MAX_CHARS
            while last > end and not text[last].isspace():
                last -= 1
        while first < start and text[first].isspace():
            first += 1
        while last > end and text[last - 1].isspace():
            last -= 1
        return first, last


_SENTENCE_END = re.compile(r"[.!?](?P<closers>[\"')\]\u201d\u2019]*)\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9])")


def _abbreviation_before(text: str, p: int) -> bool:
    """Whether the full stop at ``p`` ends an initial or an abbreviation, not a sentence."""
    w = p
    while w > 0 and (text[w - 1].isalpha() or text[w - 1] == "."):
        w -= 1
    word = text[w:p].strip(".")
    return (len(word) == 1 and word.isupper()) or "." in word or word.lower() in _ABBREVIATIONS


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (see :class:`Sentences`; build one for many lookups)."""
    return Sentences(text).bounds(start, end)


def normalise_passage(text: str, first: int, last: int, start: int, end: int) -> tuple[str, int, int]:
    """The sentence with whitespace runs as single spaces, and the name's offsets in it."""
    passage = " ".join(text[first:last].split())
    before = " ".join(text[first:start].split())
    name = " ".join(text[start:end].split())
    if before and (text[start - 1].isspace()):
        before += " "
    ps = len(before)
    return passage, ps, ps + len(name)


def governing_date(dates: list[DateMention], first: int, last: int, start: int, lo: int = 0) -> DateMention | None:
    """The date that governs a mention at ``start`` in the sentence ``[first, last)``.

    The nearest date before the mention in its sentence, else the first after
    it in the sentence, else the latest date ending before the sentence within
    :data:`DATE_CARRY_CHARS` (about a paragraph: OCR blank lines do not mark
    paragraphs reliably), else none.
    """
    before = after = carried = None
    for i in range(lo, len(dates)):  # callers start ``lo`` near the sentence
        d = dates[i]
        if d.start >= last:
            break
        if d.start >= first:
            if d.start < start:
                before = d
            elif after is None:
                after = d
        elif d.end <= first and first - d.end <= DATE_CARRY_CHARS:
            carried = d
    return before or after or carried


# -- the join ----------------------------------------------------------------------


def place_names(gazetteer: Gazetteer | PlaceNames) -> dict[str, str]:
    """``place_id -> title`` (a PlaceNames lists each title first among its variants)."""
    if isinstance(gazetteer, PlaceNames):
        out: dict[str, str] = {}
        for pid, name in gazetteer.variants:
            out.setdefault(pid, name)
        return out
    g = gazetteer.places
    return dict(zip(g[S.PLACE_ID], g[S.TITLE], strict=True))


def place_points(gazetteer: Gazetteer | PlaceNames) -> dict[str, tuple[float, float]]:
    """``place_id -> (lon, lat)`` representative points."""
    return dict(gazetteer.points)


def _place_ids(gazetteer: Gazetteer | PlaceNames) -> Iterable[str]:
    return gazetteer.ids if isinstance(gazetteer, PlaceNames) else gazetteer.places[S.PLACE_ID]


def iter_mention_records(
    gazetteer: Gazetteer | PlaceNames,
    documents: Iterable[Document],
    *,
    overrides: Mapping[OverrideKey, str] | None = None,
    recognizer: Recognizer | None = None,
    curated_only: bool = False,
) -> Iterator[dict[str, Any]]:
    """Recognise, resolve and date every mention, one document at a time (streaming).

    Parameters
    ----------
    gazetteer
        The places; its automaton is built once here unless ``recognizer`` is given.
    documents
        E.g. :func:`mapgen.texts.iter_documents`; consumed lazily.
    overrides
        From :func:`load_overrides`.
    recognizer
        Any object with ``find(text) -> list[Span]`` (the benchmark passes a naive one).
    curated_only
        Only the gazetteer's places: no open-world (GeoNames) tier.

    Yields
    ------
    dict
        One per mention, in document order, with the keys of
        :data:`mapgen.schema.MENTION_COLUMNS`.
    """
    rec = recognizer or Recognizer.from_gazetteer(gazetteer)
    points = place_points(gazetteer)
    tiers = Tiers.for_recognizer(rec, curated_only=curated_only) if hasattr(rec, "candidates") else None
    names = place_names(gazetteer)
    for doc in documents:
        yield from document_records(doc, rec.find(doc.text), points, overrides, tiers=tiers, names=names)


class _Mention(NamedTuple):
    """One resolved mention with its passage and date: the per-mention part of a record."""

    choice: _Choice
    passage: str
    passage_start: int
    passage_end: int
    date: DateMention | None


def document_mentions(
    doc: Document,
    spans: list[Span],
    points: Mapping[str, tuple[float, float]],
    overrides: Mapping[OverrideKey, str] | None = None,
    tiers: Tiers | None = None,
) -> list[_Mention]:
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
        choices = tiers.extend(text, choices, points, settled, _Choice)
    if not choices:
        return []
    dates = find_dates(text)
    date_starts = [d.start for d in dates]
    sentences = Sentences(text)
    bounds = [sentences.bounds(ch.span.start, ch.span.end) for ch in choices]
    passages = _windowed_passages(text, bounds, [(ch.span.start, ch.span.end) for ch in choices])
    out: list[_Mention] = []
    for ch, (first, last), (passage, ps, pe) in zip(choices, bounds, passages, strict=True):
        lo = bisect_left(date_starts, first - DATE_CARRY_CHARS - SENTENCE_MAX_CHARS)
        out.append(_Mention(ch, passage, ps, pe, governing_date(dates, first, last, ch.span.start, lo)))
    return out


#: The normalised copy and its offset map cost ~30 bytes per character: built per window of about
#: this many characters around the mentions, not for the whole document (memory flat in its size).
PASSAGE_WINDOW_CHARS = 1 << 20


def _windowed_passages(
    text: str, bounds: list[tuple[int, int]], names: list[tuple[int, int]], window: int | None = None
) -> list[tuple[str, int, int]]:
    """:meth:`_Flattened.passages` over consecutive groups of mentions whose sentences span at most
    ``window`` characters; the same result, since normalising a sentence looks only inside it."""
    size = window or PASSAGE_WINDOW_CHARS
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(bounds)
    while i < n:
        lo, hi = bounds[i]
        j = i + 1
        while j < n and max(hi, bounds[j][1]) - min(lo, bounds[j][0]) <= size:
            lo, hi = min(lo, bounds[j][0]), max(hi, bounds[j][1])
            j += 1
        flat = _Flattened(text[lo:hi])
        shifted = [(f - lo, la - lo) for f, la in bounds[i:j]]
        spans = [(s - lo, e - lo) for s, e in names[i:j]]
        out += flat.passages(shifted, spans)
        i = j
    return out


class _Flattened:
    """A text with every whitespace run as one space (leading ones dropped), and the offset map.

    ``" ".join(text[first:last].split())`` for a sentence that starts and ends
    on a non-space character is a slice of this one copy, so a document is
    normalised once instead of three times per mention. Built with numpy over
    code points (the same trick as :func:`mapgen.mentions.fold_text`).
    """

    def __init__(self, text: str) -> None:
        import numpy as np

        from .mentions import _LUT

        self.text = text
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        # Folding maps exactly the str.isspace() characters to a space (all lie below U+3001).
        space = _LUT.take(cps) == 32
        keep = ~space
        keep[1:] |= space[1:] & ~space[:-1]  # the first character of each run stays, as a space
        lead = int(np.argmax(keep & ~space)) if len(cps) and not space.all() else len(cps)
        keep[:lead] = False  # leading whitespace goes (str.split drops it)
        flat = np.where(space, np.uint32(32), cps)[keep]
        self.flat = flat.tobytes().decode("utf-32-le")
        self.space = space
        self.index = np.cumsum(keep, dtype=np.int64) - 1  # offset in ``flat`` of each kept character

    def passages(self, bounds: list[tuple[int, int]], names: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
        """``normalise_passage(text, first, last, start, end)`` for each pair, in one vectorised lookup."""
        import numpy as np

        if not bounds:
            return []
        at = np.array([(f, la - 1, s, e - 1) for (f, la), (s, e) in zip(bounds, names, strict=True)], dtype=np.int64)
        ok = (~self.space[at].any(axis=1)).tolist()
        idx = self.index[at].tolist()
        out: list[tuple[str, int, int]] = []
        flat = self.flat
        for good, (a, b, c, d), (first, last), (start, end) in zip(ok, idx, bounds, names, strict=True):
            if good and first < last:
                out.append((flat[a : b + 1], c - a, d + 1 - a))
            else:  # a curator's span that starts or ends on whitespace: the plain way
                out.append(normalise_passage(self.text, first, last, start, end))
        return out


def document_records(
    doc: Document,
    spans: list[Span],
    points: Mapping[str, tuple[float, float]],
    overrides: Mapping[OverrideKey, str] | None = None,
    *,
    tiers: Tiers | None = None,
    names: Mapping[str, str] | None = None,
) -> Iterator[dict[str, Any]]:
    """The records of one document's spans (see :func:`iter_mention_records`).

    ``tiers`` adds the open world, fuzzy matches and the feature grammar
    (:mod:`mapgen.tiers`); ``names`` maps place ids to their titles (``place_name``).
    """
    meta = doc.meta
    names = names or {}
    for m in document_mentions(doc, spans, points, overrides, tiers):
        ch, sp, d = m.choice, m.choice.span, m.date
        lon, lat = ch.point or points.get(ch.place_id, (math.nan, math.nan))
        yield {
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
            S.PLACE_NAME: ch.place_name or names.get(ch.place_id),
            S.CITE_AUTHOR: meta.author,
            S.CITE_YEAR: meta.year,
            S.CITE_TITLE: meta.title,
            S.CITE_URL: meta.url,
        }


def document_jsonl(
    doc: Document,
    spans: list[Span],
    points: Mapping[str, tuple[float, float]],
    overrides: Mapping[OverrideKey, str] | None = None,
    *,
    tiers: Tiers | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The JSON lines of one document's mentions: ``record_json`` of each record, each ending in a newline.

    Written from pieces built once (the document id, each place's id and
    point, each date) instead of a dict per mention; the same text, byte for
    byte, as joining :func:`record_json` over :func:`document_records`.
    """
    mentions = document_mentions(doc, spans, points, overrides, tiers)
    if not mentions:
        return ""
    names = names or {}
    head = f'{{"doc": {_json_str(doc.doc)}, "start": '
    places: dict[str, str] = {}
    tails: dict[tuple[str, str], str] = {}
    dates: dict[int, str] = {}
    lines: list[str] = []
    for m in mentions:
        ch, sp, d = m.choice, m.choice.span, m.date
        place = places.get(ch.place_id)
        if place is None:
            lon, lat = ch.point or points.get(ch.place_id, (math.nan, math.nan))
            place = places[ch.place_id] = (
                f'"place_id": {_json_opt(ch.place_id)}, "lon": {_json_num(lon)}, "lat": {_json_num(lat)}, "sentence": '
            )
        if d is None:
            date = '"date": null, "date_precision": null, "confidence": '
        else:
            date = dates.get(id(d))
            if date is None:
                date = dates[id(d)] = (
                    f'"date": {_json_str(d.iso)}, "date_precision": {_json_str(d.precision)}, "confidence": '
                )
        alts = ch.alternatives
        tail = tails.get((ch.place_id, ch.match))
        if tail is None:
            tail = tails[(ch.place_id, ch.match)] = _json_tail(
                ch.source, ch.match, ch.place_name or names.get(ch.place_id)
            )
        lines.append(
            f'{head}{sp.start}, "end": {sp.end}, "text": {_json_str(sp.surface)}, {place}{_json_str(m.passage)}, '
            f'{date}{_json_num(ch.confidence)}, "alternatives": {json.dumps(list(alts), ensure_ascii=False) if alts else "[]"}{tail}}}\n'
        )
    out = "".join(lines)
    if "\u2028" in out or "\u2029" in out:  # line separators would split a JSON line
        out = out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return out


def join_texts(
    gazetteer: Gazetteer,
    documents: Iterable[Document],
    *,
    overrides: Mapping[OverrideKey, str] | None = None,
    recognizer: Recognizer | None = None,
    curated_only: bool = False,
) -> Join:
    """Join documents to the gazetteer: every mention, and a summary per place for the map.

    Parameters
    ----------
    gazetteer
        The places (EPSG:4326, with ``lon``/``lat`` representative points).
    documents
        E.g. ``iter_documents(paths)``.
    overrides
        From :func:`load_overrides`.

    Returns
    -------
    Join
        ``mentions``: DataFrame with :data:`mapgen.schema.MENTION_COLUMNS`, in
        document order. ``places``: DataFrame with
        :data:`mapgen.schema.PLACE_MENTION_COLUMNS`, most mentioned first:
        ``passages`` is a tuple of dicts (doc, author, year, doc_title, url,
        sentence, passage_start, passage_end, text, date, date_precision,
        date_first, date_last) in document order; ``first_date``/``last_date``
        are ISO days or None.
    """
    import pandas as pd

    rows = list(
        iter_mention_records(
            gazetteer, documents, overrides=overrides, recognizer=recognizer, curated_only=curated_only
        )
    )
    mentions = pd.DataFrame(rows, columns=list(S.MENTION_COLUMNS))
    return Join(mentions=mentions, places=summarise_places(rows))


_PASSAGE_KEYS = (
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


def summarise_places(rows: Iterable[Mapping[str, Any]], shown: int | None = None) -> pd.DataFrame:
    """Per-place aggregation of mention records (see :func:`join_texts`).

    ``shown``: keep whole only the first ``shown`` passages of each place (what
    a popup shows); the others become one shared ``{doc, doc_title}`` stub per
    document, so memory grows with places and documents, not with mentions.
    """
    stubs: dict[str, dict[str, Any]] = {}
    import pandas as pd

    by_place: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r[S.PLACE_ID] is None:  # a feature phrase the gazetteer cannot place (grammar): no place to sum
            continue
        agg = by_place.setdefault(
            r[S.PLACE_ID],
            {
                S.PLACE_ID: r[S.PLACE_ID],
                S.MENTION_COUNT: 0,
                S.DOC_COUNTS: {},
                S.PASSAGES: [],
                S.FIRST_DATE: None,
                S.LAST_DATE: None,
                S.LON: r[S.LON],
                S.LAT: r[S.LAT],
            },
        )
        agg[S.MENTION_COUNT] += 1
        agg[S.DOC_COUNTS][r[S.DOC]] = agg[S.DOC_COUNTS].get(r[S.DOC], 0) + 1
        if shown is None or len(agg[S.PASSAGES]) < shown:
            agg[S.PASSAGES].append({k: r[k] for k in _PASSAGE_KEYS})
        else:
            doc = r[S.DOC]
            stub = stubs.get(doc)
            if stub is None:
                stub = stubs[doc] = {S.DOC: doc, S.CITE_TITLE: r[S.CITE_TITLE]}
            agg[S.PASSAGES].append(stub)
        if r[S.DATE_FIRST] and (agg[S.FIRST_DATE] is None or r[S.DATE_FIRST] < agg[S.FIRST_DATE]):
            agg[S.FIRST_DATE] = r[S.DATE_FIRST]
        if r[S.DATE_LAST] and (agg[S.LAST_DATE] is None or r[S.DATE_LAST] > agg[S.LAST_DATE]):
            agg[S.LAST_DATE] = r[S.DATE_LAST]
    out = [{**a, S.PASSAGES: tuple(a[S.PASSAGES])} for a in by_place.values()]
    out.sort(key=lambda a: (-a[S.MENTION_COUNT], a[S.PLACE_ID]))
    return pd.DataFrame(out, columns=list(S.PLACE_MENTION_COLUMNS))


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


_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]  # keeps non-ASCII as is


def _json_tail(source: str | None, match: str | None, name: str | None) -> str:
    """The record fields after ``alternatives``: where the place comes from and how the name matched."""
    return f', "source": {_json_opt(source)}, "match": {_json_opt(match)}, "place_name": {_json_opt(name)}'


def _json_opt(v: str | None) -> str:
    return "null" if v is None else _json_str(v)


def _json_num(v: float) -> str:
    return "null" if v is None or v != v else repr(float(v))
