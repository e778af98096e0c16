"""The per-document join (issue 14) writes exactly what the per-mention join wrote.

The reference below is the join as it was before the work was batched per
document: for each mention its own sentence lookup, whitespace normalising and
governing date, one dict, one ``record_json`` line. It is built from the same
public helpers, so it keeps checking the fast path whatever recognition and
resolution become.
"""

from __future__ import annotations

import math
import os
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.dates import DATE_CARRY_CHARS, find_dates, governing_date
from mapgen.gazetteer import load_place_names
from mapgen.mentions import Recognizer
from mapgen.placeindex import place_points
from mapgen.records import Mention, document_records, iter_document_jsonl, mention_record, record_json
from mapgen.resolution import resolve_spans
from mapgen.sentences import SENTENCE_MAX_CHARS, Sentences, normalise_passage, sentence_passages
from mapgen.texts import Document, iter_documents

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]


def reference_lines(doc: Document, spans, points, overrides=None) -> str:
    """The per-mention join of before issue 14, line for line."""
    text = doc.text
    choices = resolve_spans(doc.doc, spans, points, overrides, text)
    if not choices:
        return ""
    dates = find_dates(text)
    date_starts = [d.start for d in dates]
    sentences = Sentences(text)
    out = []
    for ch in choices:
        sp = ch.span
        first, last = sentences.bounds(sp.start, sp.end)
        passage, ps, pe = normalise_passage(text, first, last, sp.start, sp.end)
        lo = bisect_left(date_starts, first - DATE_CARRY_CHARS - SENTENCE_MAX_CHARS)
        d = governing_date(dates, first, last, sp.start, lo)
        point = points.get(ch.place_id, (math.nan, math.nan))
        record = mention_record(doc, Mention(ch, passage, ps, pe, d), point, ch.place_name)
        out.append(record_json(record) + "\n")
    return "".join(out)


def _shared_texts() -> list[Path]:
    env = os.environ.get("MAPGEN_CORPUS")
    roots = ([Path(env)] if env else []) + [REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus-dev"]
    return [r for r in roots if r.is_dir()]


def _check(docs: Iterable[Document], gazetteer: Path, overrides=None) -> int:
    names = load_place_names(gazetteer)
    rec, points = Recognizer.from_gazetteer(names), place_points(names)
    n = 0
    for doc in docs:
        spans = rec.find(doc.text)
        want = reference_lines(doc, spans, points, overrides)
        assert "".join(iter_document_jsonl(doc, spans, points, overrides)) == want, doc.doc
        assert "".join(record_json(r) + "\n" for r in document_records(doc, spans, points, overrides)) == want
        n += want.count("\n")
    return n


def test_fixtures_match_the_per_mention_join():
    assert _check(iter_documents([DATA / "texts"]), DATA / "mention_places.geojson") > 10


def test_overrides_that_start_on_whitespace_match_too():
    docs = list(iter_documents([DATA / "texts"]))
    doc = next(d for d in docs if d.doc == "yalu-notes")
    i = doc.text.index(" ", 40)
    over = {(doc.doc, i, i + 7): "antung", (doc.doc, 5, 9): ""}
    assert _check([doc], DATA / "mention_places.geojson", over) > 0


def test_real_articles_match_the_per_mention_join():
    roots = _shared_texts()
    if not roots:
        if os.environ.get("CI"):
            pytest.fail("../shared/corpus is absent in CI")
        pytest.skip("../shared/corpus and corpus-dev are absent")
    assert _check(iter_documents(roots), REPO / "data" / "places.geojson") > 100


_WS = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\n\n", "\n\n\n", " \n", "\r\n", "\t", "\u00a0", "\u3000", "\x1c", "\u2028"]
)
_WORD = st.text(alphabet=st.sampled_from("abcXYZ.,'é\u0301-"), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORD, _WS), min_size=1, max_size=25), st.data())
def test_sentence_passages_equal_normalise_passage(parts, data):
    """Several names in one sentence, on a blank or not, share its passage: each as normalise_passage."""
    text = "".join(w + s for w, s in parts)
    if data.draw(st.booleans()):
        text = data.draw(_WS) + text
    n = len(text)
    first = data.draw(st.integers(0, n - 1))
    last = data.draw(st.integers(first + 1, n))
    names = []
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(first, last - 1))
        names.append((start, data.draw(st.integers(start + 1, last))))
    got = sentence_passages(text, [(first, last)] * len(names), names)
    assert got == [normalise_passage(text, first, last, s, e) for s, e in names]


_MARKS = st.sampled_from(
    [". ", "! ", "? ", '." ', "!) ", "Mr. ", "U.S. ", "S. ", "e.g. ", "1950. ", "The ", "x", "A", "\n\n", " "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKS, max_size=40))
def test_sentence_ends_of_the_three_scans_are_those_of_one(pieces):
    """Sentences scans for ".", "!" and "?" apart and merges: the bounds of one scan for all three."""
    import re

    from mapgen.sentences import _abbreviation_before

    text = "".join(pieces)
    one = re.compile(r"[.!?](?P<closers>[\"')\]\u201d\u2019]*)\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9])")
    ends = [m for m in one.finditer(text) if not (text[m.start()] == "." and _abbreviation_before(text, m.start()))]
    s = Sentences(text)
    assert s.starts == [0, *(m.end() for m in ends)]
    assert s.ends == [*(m.end("closers") for m in ends), len(text)]
