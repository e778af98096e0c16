"""The lookup tables of the fold and of find's per-character checks say what the string methods say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen import mentions as M
from mapgen.mentions import Recognizer, fold_text


def _reference_fold(text: str) -> str:
    """Folding one character at a time: lower case, the table, deletions, one space a run."""
    out: list[str] = []
    prev_space = False
    for ch in text:
        low = "i" if ch == "\u0130" else ch.lower()
        low = M._TABLE.get(ord(low), low)
        space = low == " "
        if low != M._DELETE and not (space and prev_space):
            out.append(low)
        prev_space = space
    return "".join(out)


def test_the_start_up_tables_are_the_per_character_fold() -> None:
    for cp in range(M._TABLED):
        assert (int(M._FOLD[cp]), int(M._CLASS[cp])) == M._fold_char(cp), hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aZİΣσς Ａｚ𐐀𐐨鴨緑Ꙁꙁǅ\u0301\u2019' \n-\u2011", max_size=40))
def test_the_fold_is_the_per_character_fold(text: str) -> None:
    folded, classes = M._fold(text)
    assert folded.text == _reference_fold(text)
    assert len(classes) == len(folded.text) + 2 and not classes[-2:].any()
    for i, ch in enumerate(folded.text):
        original = text[folded.original(i)]
        assert bool(classes[i] & M._ALNUM) == ch.isalnum()
        assert bool(classes[i] & M._UPPER) == original.isupper()
        assert bool(classes[i] & M._LOWER) == original.islower()


def _reference_find(rec: Recognizer, text: str) -> list[M.Span]:
    """Recognizer.find one match at a time, as it was before the checks ran over arrays."""
    folded = fold_text(text)
    ft, n = folded.text, len(folded.text)

    def glued(i: int) -> bool:
        return text[folded.original(i)].isupper() and text[folded.original(i - 1)].islower()

    def possessive(fe: int) -> bool:
        if ft[fe] != "s" or (fe + 1 < n and ft[fe + 1].isalnum()):
            return False
        return any(c in M._APOSTROPHES for c in text[folded.original(fe - 1) + 1 : folded.original(fe)])

    hits = []
    for i, fs, fe in rec._automaton.find_matches_as_indexes(ft, overlapping=True):
        key = rec._keys[i]
        if fs > 0 and ft[fs - 1].isalnum() and key[0] < M._CJK and not glued(fs):
            continue
        if fe < n and ft[fe].isalnum() and key[-1] < M._CJK and not possessive(fe) and not glued(fe):
            continue
        hits.append((fs, fe, key))

    def keep(fs: int, fe: int, key: str) -> M.Span | None:
        start, end = folded.original(fs), folded.original(fe - 1) + 1
        if not rec.accepts(text, start, end, key):
            return None
        return M.Span(start, end, text[start:end], key, rec.candidates[key])

    return M.longest_leftmost(hits, keep)


_REC = Recognizer(
    [
        ("us", "US"),
        ("us", "United States"),
        ("kirin", "Kirin"),
        ("jilin", "Jilin"),
        ("koto", "Koto"),
        ("x", "Xa-"),
        ("center", "Center"),
        ("dandong", "丹东"),
        ("antioch", "Antioch"),
        ("han", "Han River"),
        ("han", "Han"),
    ]
)


# fmt: off
_PIECES = [
    "US", "us", "United States", "Kirin", "KirinJilin", "Jilin", "Koto", "-ri", "Xa", " ", "  ", "\n", "'s",
    "\u2019s", "s", "Army", " Army", " (ROK) ", "Center", "center", "丹东", "Antioch", "Han", "Han River",
    "Han Rivers", "x", ".", "İ", "\u0301",
]
# fmt: on


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_find_is_the_per_match_reference(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _REC.find(text) == _reference_find(_REC, text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=16) | st.text(alphabet="aZİΣσς Ａ𐐀鴨\u0301\u2019'`\u200b\x00\x1c\t-", max_size=16))
def test_the_name_fold_is_the_fold(name: str) -> None:
    assert M.fold_name(name) == fold_text(name).text.strip()
