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
from collections.abc import Iterable, Mapping, Sequence

from .mentions import Span, demonyms, fold_name

#: Shortest word (letters) that may match with one edit: shorter names are too close to each other.
MIN_LETTERS = 6
#: A fuzzy match's confidence: the context share times this.
FUZZY_CONFIDENCE = 0.5

_WORD = re.compile(r"(?<![\w'\u2019-])[A-Z][a-z]{4,}(?:-[a-z]+)?(?![\w-])")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance exactly 1 between ``a`` and ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long_)


class FuzzyIndex:
    """One-word gazetteer names of :data:`MIN_LETTERS`+ letters, by their one-deletion forms."""

    def __init__(
        self, variants: Iterable[tuple[str, str]] = (), keys: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        """From ``(place_id, name)`` pairs, or faster from already folded ``keys`` (``Recognizer.candidates``)."""
        self.keys: dict[str, list[str]] = {}  # folded name -> place ids
        self.by_deletion: dict[str, set[str]] = {}
        self._memo: dict[str, list[str]] = {}
        #: (stop words, demonyms) -> folded word -> its one key, or "" (see :meth:`one_key`)
        self._verdicts: dict[tuple[frozenset[str], frozenset[str]], dict[str, str]] = {}
        folded: Iterable[tuple[str, Iterable[str]]] = (
            keys.items() if keys is not None else ((fold_name(n), (pid,)) for pid, n in variants)
        )
        for key, pids in folded:
            key = key.replace("-", "")
            if len(key) < MIN_LETTERS or " " in key or not key.isascii() or not key.isalpha():
                continue
            ids = self.keys.setdefault(key, [])
            ids.extend(p for p in pids if p not in ids)
            for d in _deletions(key) | {key}:
                self.by_deletion.setdefault(d, set()).add(key)

    def lookup(self, word: str) -> list[str]:
        """Gazetteer keys one edit from ``word`` (already folded), in sort order (memoised: texts repeat words)."""
        hit = self._memo.get(word)
        if hit is None:
            if len(self._memo) > 1 << 16:
                self._memo.clear()
            hit = self._memo[word] = self._lookup(word)
        return hit

    def verdicts(self, stop: frozenset[str], dem: frozenset[str]) -> dict[str, str]:
        """The memo of :meth:`one_key` for these word lists (texts repeat their capitalised words)."""
        memo = self._verdicts.setdefault((stop, dem), {})
        if len(memo) > 1 << 16:
            memo.clear()
        return memo

    def one_key(self, word: str, stop: frozenset[str], dem: frozenset[str]) -> str:
        """The one gazetteer key one edit from ``word`` (folded), or "" when there is none, there are
        two or more, or the word is too short, not all letters, a demonym or a stop word."""
        if len(word) < MIN_LETTERS or word in dem or word in stop or not word.isalpha():
            return ""
        keys = self.lookup(word)
        return keys[0] if len(keys) == 1 else ""  # ambiguous between two names: not guessed

    def _lookup(self, word: str) -> list[str]:
        w = word.replace("-", "")
        if len(w) < MIN_LETTERS - 1 or w in self.keys:
            return []
        hits: set[str] = set()
        for d in _deletions(w) | {w}:
            hits |= self.by_deletion.get(d, set())
        return sorted(k for k in hits if one_edit(w, k))


def find_fuzzy(
    text: str,
    taken: Sequence[tuple[int, int]],
    index: FuzzyIndex,
    stop: frozenset[str],
    words: Sequence[tuple[int, int, str, bool]] | None = None,
) -> list[tuple[Span, str, tuple[str, ...]]]:
    """``(span, key, place ids)`` for each capitalised word one edit from a gazetteer name.

    ``words``: :func:`mapgen.openworld.capital_words` of the text (computed here when not given);
    ``taken``: spans other tiers named since (the open world's).
    """
    from .openworld import Taken, capital_words

    if words is None:
        words = capital_words(text, ())
    dem = demonyms()
    memo = index.verdicts(stop, dem)
    busy = Taken(taken)
    out = []
    for s, e, w, free in words:
        if not free or e - s < MIN_LETTERS:
            continue
        # what depends on the word alone is decided once per distinct word (one in a hundred passes)
        key = memo.get(w)
        if key is None:
            key = memo[w] = index.one_key(w, stop, dem)
        if not key or not text[s + 1 : e].islower() or (s > 0 and text[s - 1] in "-'\u2019") or busy.overlaps(s, e):
            continue
        ids = tuple(index.keys[key])
        out.append((Span(s, e, text[s:e], w, ids), key, ids))
    return out
