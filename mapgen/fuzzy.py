"""Optional fuzzy matching: OCR slips and misspellings of curated names ("Suwan" for Suwon).

A capitalised word of :data:`MIN_LETTERS` letters or more that no tier has
placed, and that is not a known word of another kind (demonyms, the open
world's stop list), is compared with the gazetteer's one-word names of that
length class: one edit (a letter changed, added or dropped; a swap of two
neighbours) makes it a candidate. Found with a deletion index (each name and
every form of it with one letter deleted), so a lookup costs a few dict hits,
not a scan of the gazetteer. The record says ``match: fuzzy`` and its
confidence is scaled by :data:`FUZZY_CONFIDENCE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .mentions import Span, demonyms, fold_name

#: Shortest word (letters) that may match with one edit: shorter names are too close to each other.
MIN_LETTERS = 6
#: A fuzzy match's confidence: the context share times this.
FUZZY_CONFIDENCE = 0.5

_WORD = re.compile(r"(?<![\w'\u2019-])[A-Z][a-z]+(?:-[a-z]+)?(?![\w-])")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance exactly 1 between ``a`` and ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long_)


class FuzzyIndex:
    """One-word gazetteer names of :data:`MIN_LETTERS`+ letters, by their one-deletion forms."""

    def __init__(self, variants: Iterable[tuple[str, str]]) -> None:
        self.keys: dict[str, list[str]] = {}  # folded name -> place ids
        self.by_deletion: dict[str, set[str]] = {}
        for pid, name in variants:
            key = fold_name(name).replace("-", "")
            if " " in key or not key.isalpha() or not key.isascii() or len(key) < MIN_LETTERS:
                continue
            ids = self.keys.setdefault(key, [])
            if pid not in ids:
                ids.append(pid)
            for d in _deletions(key) | {key}:
                self.by_deletion.setdefault(d, set()).add(key)

    def lookup(self, word: str) -> list[str]:
        """Gazetteer keys one edit from ``word`` (folded), nearest first by sort order."""
        w = fold_name(word).replace("-", "")
        if len(w) < MIN_LETTERS - 1 or w in self.keys:
            return []
        hits: set[str] = set()
        for d in _deletions(w) | {w}:
            hits |= self.by_deletion.get(d, set())
        return sorted(k for k in hits if one_edit(w, k))


def find_fuzzy(text: str, taken: Sequence[tuple[int, int]], index: FuzzyIndex, stop: frozenset[str]) -> list[tuple[Span, str, tuple[str, ...]]]:
    """``(span, key, place ids)`` for each capitalised word one edit from a gazetteer name."""
    dem = demonyms()
    out = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            continue
        w = fold_name(m.group(0))
        if len(w.replace("-", "")) < MIN_LETTERS or w in dem or w in stop:
            continue
        keys = index.lookup(m.group(0))
        if len(keys) != 1:  # none, or ambiguous between two names: not guessed
            continue
        out.append((Span(s, e, m.group(0), w, tuple(index.keys[keys[0]])), keys[0], tuple(index.keys[keys[0]])))
    return out
