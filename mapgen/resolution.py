"""Resolution: choose the place each recognised span means.

:mod:`mapgen.mentions` finds spans and every place a span could name; this
stage chooses one, from

1. a curated overrides file (:mod:`mapgen.overrides`), which settles what
   context cannot and can also add a missed mention or drop a false one;
2. a span naming one place only ("unique");
3. context: a name several places share (Springfield, Illinois and
   Springfield, Massachusetts) goes to the candidate nearest the places the document
   names unambiguously, nearby mentions (within :data:`PARAGRAPH_CHARS`)
   counting double. The other candidates stay in ``alternatives`` with their
   scores, and ``confidence`` is the winner's share of the score.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .mentions import Span
from .overrides import OverrideKey

#: Mentions this close (characters) weigh double as context: roughly a paragraph.
PARAGRAPH_CHARS = 1500
#: Context distance scale: a context place this far away counts half.
CONTEXT_SCALE_KM = 100.0

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Choice:
    """The place chosen for one span, how, and with what confidence (the other tiers make them too).

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, six times the cost
    of this one's ``__init__`` (2.8 against 0.47 µs), and dense text makes 9,000 choices per MB. Treat it
    as immutable all the same (``dataclasses.replace`` makes a changed copy).
    """

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
) -> list[Choice]:
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
        forced = over.get((sp.start, sp.end))
        if forced:
            fixed.setdefault(forced, []).append(sp.start)
        elif forced is None and len(sp.place_ids) == 1:
            fixed.setdefault(sp.place_ids[0], []).append(sp.start)
    terms: dict[str, list[tuple[float, list[int], int]]] = {}  # candidate -> its context terms
    out: list[Choice] = []
    for sp in spans:
        forced = over.get((sp.start, sp.end))
        if forced is not None:
            if forced:
                out.append(Choice(sp, forced, 1.0, (), "override"))
            continue
        if len(sp.place_ids) == 1:
            out.append(Choice(sp, sp.place_ids[0], 1.0, (), "unique"))
            continue
        scores = {c: _context_score(_terms(c, fixed, points, terms), sp.start) for c in sp.place_ids}
        total = sum(scores.values())
        # Ties (no context at all) keep gazetteer order: the first candidate wins.
        ranked = sorted(sp.place_ids, key=lambda c: -scores[c])
        best = ranked[0]
        conf = scores[best] / total if total > 0 else 1.0 / len(ranked)
        alts = tuple(
            {"place_id": c, "score": round(scores[c] / total if total > 0 else 1.0 / len(ranked), 3)}
            for c in ranked[1:]
        )
        out.append(Choice(sp, best, round(conf, 3), alts, "context"))
    return out


def _terms(
    candidate: str,
    fixed: Mapping[str, list[int]],
    points: Mapping[str, tuple[float, float]],
    memo: dict[str, list[tuple[float, list[int], int]]],
) -> list[tuple[float, list[int], int]]:
    """``(closeness, positions, count)`` of each context place for ``candidate``, in ``fixed`` order.

    Built once per candidate and document (``fixed`` does not change within one): every later
    mention of the shared name then costs only the window counts.
    """
    hit = memo.get(candidate)
    if hit is None:
        pt = points.get(candidate)
        hit = memo[candidate] = (
            []
            if pt is None
            else [(_kernel(*pt, *points[pid]), pos, len(pos)) for pid, pos in fixed.items() if pid in points]
        )
    return hit


def _context_score(terms: list[tuple[float, list[int], int]], pos: int) -> float:
    """Sum over context places of (mentions, near ones twice) x closeness to the candidate.

    Grouped by place, so a long document costs one distance per place pair,
    not one per pair of mentions.
    """
    score = 0.0
    lo, hi = pos - PARAGRAPH_CHARS, pos + PARAGRAPH_CHARS
    for k, positions, n in terms:
        if positions[0] > hi or positions[-1] < lo:  # none near: the same sum, without two bisections
            score += k * n
        else:
            score += k * (n + bisect_right(positions, hi) - bisect_left(positions, lo))
    return score


@lru_cache(maxsize=1 << 16)
def _kernel(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """A Cauchy kernel of the distance: neighbours count, places across the country hardly do.

    Cached across documents (it depends on the two points only): a corpus
    repeats the same pairs of places in document after document.
    """
    from .geo import geodesic_distance_km  # pyproj: only once a shared name needs context

    return 1.0 / (1.0 + (geodesic_distance_km(lon1, lat1, lon2, lat2) / CONTEXT_SCALE_KM) ** 2)
