"""A long document is folded and scanned in windows: the spans are exactly those of one pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen import mentions as M
from mapgen.gazetteer import load_gazetteer
from mapgen.mentions import Recognizer, fold_text

DATA = Path(__file__).parent / "data"
PIECES = [
    "Antung",
    "An-tung",
    "Yalu River",
    "Yalu",
    "MiG\n\nAlley",
    "Sup\u2019ung",
    "Antung's",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "'",
    "e\u0301",
    "\u200b",
    "\u0130",
    "\u03a3",
    "\u03c3",
    ".",
    "x",
    "Korea",
    "鴨緑江",
    "Andong",
]


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer.from_gazetteer(load_gazetteer(DATA / "mention_places.geojson"))


def _one_pass(monkeypatch: pytest.MonkeyPatch, fn, *args):  # type: ignore[no-untyped-def]
    with monkeypatch.context() as m:
        m.setattr(M, "FOLD_WINDOW_CHARS", 1 << 40)
        m.setattr(M, "SCAN_WINDOW_CHARS", 1 << 40)
        return fn(*args)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.integers(1, 23), st.integers(1, 23))
def test_windows_give_the_same_fold_and_spans(
    recognizer: Recognizer, pieces: list[str], fold_w: int, scan_w: int
) -> None:
    text = "".join(pieces)
    mp = pytest.MonkeyPatch()
    try:
        whole = _one_pass(mp, fold_text, text)
        spans = _one_pass(mp, recognizer.find, text)
        mp.setattr(M, "FOLD_WINDOW_CHARS", fold_w)
        mp.setattr(M, "SCAN_WINDOW_CHARS", scan_w)
        windowed = fold_text(text)
        assert windowed.text == whole.text
        assert [windowed.original(i) for i in range(len(whole.text) + 1)] == [
            whole.original(i) for i in range(len(whole.text) + 1)
        ]
        assert recognizer.find(text) == spans
    finally:
        mp.undo()


def test_a_run_of_blanks_costs_one_entry_of_the_offset_map() -> None:
    text = "Antung." + " " * 1_000_000 + "Yalu"
    f = fold_text(text)
    assert f.text == "antung. yalu" and len(f.run_at) <= 2
    assert text[f.original(8) : f.original(8) + 4] == "Yalu"


SENTENCE_PIECES = [*PIECES, ". ", "! ", "? The ", "Mr. ", "U.S. ", "In 1951 ", "on 12 April 1951, ", "\n\n", "   "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=80))
def test_passages_of_a_document_are_those_of_each_mention(recognizer: Recognizer, pieces: list[str]) -> None:
    """The passages worked out once per sentence (no copy of the document) are each mention's own."""
    from mapgen.sentences import Sentences, normalise_passage, sentence_passages

    text = "".join(pieces)
    names = [(sp.start, sp.end) for sp in recognizer.find(text)]
    sentences = Sentences(text)
    bounds = [sentences.bounds(s, e) for s, e in names]
    assert sentence_passages(text, bounds, names) == [
        normalise_passage(text, f, la, s, e) for (f, la), (s, e) in zip(bounds, names, strict=True)
    ]
