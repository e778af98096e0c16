"""The open world's word columns and candidate keys agree with the plain, per-word reading of the rules.

The fast path (one regex split, columns, keys looked up before the rest of a
candidate is built) must give exactly what a word-by-word walk gives: same
words, same candidates in the same order, same ``free`` answer even for taken
spans that nest or cross. The texts are made of our own fragments.
"""

from __future__ import annotations

import random
import re

import pytest

from mapgen import openworld as O
from mapgen.mentions import demonyms

_WORD = re.compile(O._WORD)


def walk_words(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
    """Every capitalised word with a pointer over the taken spans sorted by end (the rule as first written)."""
    spans = sorted(taken, key=lambda t: t[1])
    k, out = 0, []
    for m in _WORD.finditer(text):
        s, e = m.span()
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        free, j = True, k
        while j < len(spans) and spans[j][0] < e:
            if spans[j][1] > s:
                free = False
                break
            j += 1
        out.append((s, e, O.fast_fold(m.group(0)), free))
    return out


def walk_candidates(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, bool, bool, bool]]:
    """Runs of words one blank apart; every free sub-run of up to four words from each free word."""
    stop, dem = O.not_places(), demonyms()
    runs: list[list[tuple[int, int, str, bool]]] = []
    last = -1
    for w in walk_words(text, taken):
        if not runs or not (w[0] > last and text[last : w[0]].strip(" \t") == ""):
            runs.append([])
        runs[-1].append(w)
        last = w[1]
    out = []
    for run in runs:
        for i, (ws, _, first, free) in enumerate(run):
            if not free:
                continue
            guarded = first.rstrip(".") in stop or first.rstrip(".") in dem
            key = ""
            for j in range(i, min(len(run), i + 4)):
                if not run[j][3]:
                    break
                key = run[j][2] if j == i else f"{key} {run[j][2]}"
                e, k = run[j][1], key
                while e > ws and text[e - 1] in ".,;:":
                    e, k = e - 1, k[:-1]
                if len(k.replace(" ", "")) >= 3 and not (guarded and j == i):
                    out.append((ws, e, k, j == i, O._sentence_start(text, ws), guarded))
    return out


FRAGMENTS = [
    "Foo", "Bar.", "U.", "S.", " ", "\t", "  ", ",", ".", "\n", "The", "New", "York", "Kim", "Il-sung",
    "Sin\u016diju", "Dayton", "Ohio", ", AK", "Mach", " 2", ":", "Wright", "Patterson", "AFB", "General",
    "Korea's", "\u00dclm", "X", "Paris", "Texas", "March", "Air", "Reserve", "Base", "-", "'", "\u2019", "lower",
]  # fmt: skip


def random_cases(n: int, seed: int = 14) -> list[tuple[str, list[tuple[int, int]]]]:
    rnd = random.Random(seed)
    cases = []
    for _ in range(n):
        text = "".join(rnd.choice(FRAGMENTS) for _ in range(rnd.randint(1, 30)))
        taken = [(a, a + rnd.randint(0, 12)) for a in (rnd.randrange(len(text)) for _ in range(rnd.randint(0, 4)))]
        cases.append((text, taken))
    return cases


@pytest.mark.parametrize(("text", "taken"), random_cases(400))
def test_columns_and_candidates_match_the_word_by_word_walk(text: str, taken: list[tuple[int, int]]):
    assert O.capital_words(text, taken) == walk_words(text, taken)
    assert O.candidates(text, taken) == walk_candidates(text, taken)


def test_taken_spans_that_nest_keep_the_walks_answer():
    text = "Alpha Beta Gamma Delta"
    # sorted by end, (12, 16) comes before (0, 22): the walk stops at it for "Beta" and calls Beta free
    taken = [(0, 22), (12, 16)]
    assert [w[3] for w in O.capital_words(text, taken)] == [w[3] for w in walk_words(text, taken)]
    plain = [(0, 5), (11, 16)]  # one after the other: the plain overlap test
    assert [w[3] for w in O.capital_words(text, plain)] == [False, True, False, True]


def test_runs_join_on_blanks_only():
    w = O.word_columns("Alpha Beta\tGamma  Delta,Epsilon\nZeta U.S. Army", [])
    assert w.surfaces == ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "U.", "S.", "Army"]
    assert [bool(j) for j in w.joined] == [True, True, True, False, False, True, False, True, False]


def test_the_document_context_kernel_is_the_plain_sum():
    place = O.WorldPlace(1, "Somewhere", 127.0, 37.5, 20_000, "KR", "city")
    points = {"a": (126.98, 37.57), "b": (129.0, 35.1), "c": (125.7, 39.0)}
    for context in ({"a": [0, 9], "b": [4]}, {"c": [1], "a": [2]}, {"b": [3, 5, 8]}):
        want = 0.0
        for pid, positions in context.items():
            d = O._distance_km(place.lon, place.lat, *points[pid])
            want += 1.0 / (1.0 + (d / O.CONTEXT_SCALE_KM) ** 2) * len(positions)
        doc = O._DocContext(context, points)
        assert doc.kernel(place) == want and doc.kernel(place) == want  # remembered, bit for bit
