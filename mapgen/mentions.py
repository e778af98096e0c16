"""Recognition: find the spans of a text that name a place of the gazetteer.

This stage only finds spans and the places each could mean; choosing one is
:mod:`mapgen.resolution`'s job (the recogniser/resolver split of dguzh/geoparser).

How it stays fast and robust at once: the text is *folded* once into a form
where the differences real texts make vanish, with an offset map back to the
original, and one Aho-Corasick automaton holding every folded name variant
scans the folded text in a single pass (ahocorasick_rs, Rust: 4-5x the scan
speed of pyahocorasick with the same matches, and one automaton serves every
script). One regular
expression per variant would rescan the text once per name.

Folding (the same for names and texts):

- lower case (a case check afterwards keeps ordinary words, see below);
- diacritics dropped (Sŭp'ung -> sup'ung), precomposed or combining;
- every apostrophe dropped (Xi'an = Xian; "Antioch's" ends the name at the
  apostrophe: a possessive "s" after an apostrophe still counts as a word
  boundary);
- hyphen and dash variants unified to "-";
- every whitespace run (line breaks, blank lines, CRLF, NBSP) made one space,
  so "Silk\\n\\nRoad" is "silk road".

A match counts only at word boundaries (no "Rome" inside "Romeo"); the
longest wins and matches never overlap ("Tigris River" over "Tigris", "New
York" not also "York"). Demonyms are never names, and a name made only of
ordinary English words must be capitalised in the text (package data files
``demonyms.txt`` and ``ordinary_words.txt``).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import ahocorasick_rs
import numpy as np

from . import guards
from .gazetteer import Gazetteer, PlaceNames
from .inputs import package_lines

# -- folding ----------------------------------------------------------------

_DELETE = "\x00"  # sentinel: a character that folding removes
_APOSTROPHES = "'`\u2018\u2019\u201a\u201b\u02bc\u02bb\u02b9\u00b4\u2032\u02be\u02bf"  # incl. ʾ ʿ (hamza, ʿayn)
_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_CJK = "\u2e80"  # names from here on (CJK, kana, Hangul) need no word boundary
#: Up to this many name keys the automaton is a full DFA (fastest scan); beyond, a compact NFA bounds memory.
DFA_MAX_KEYS = 20_000
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters


def _build_table() -> dict[int, str]:
    """One-to-one character map, so folding keeps offsets until deletions."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x2000):
        ch = chr(cp)
        if unicodedata.combining(ch):
            table[cp] = _DELETE
            continue
        base = unicodedata.normalize("NFD", ch)[:1]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    for cp in range(0x1E00, 0x1F00):  # Latin Extended Additional (Vietnamese etc.)
        base = unicodedata.normalize("NFD", chr(cp))[:1]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    for cp in range(0x3001):  # every whitespace character lies below U+3001
        if chr(cp).isspace():
            table[cp] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = _DELETE
    for ch in _HYPHENS:
        table[ord(ch)] = "-"
    for ch in _INVISIBLE:
        table[ord(ch)] = _DELETE
    # str.lower() writes a final sigma where a word ends: the one context-dependent case, so fold both alike
    table[ord("\u03c2")] = "\u03c3"
    table.update({ord("ß"): "s", ord("æ"): "a", ord("ø"): "o", ord("đ"): "d", ord("ł"): "l", ord("ı"): "i"})
    return table


_TABLE = _build_table()
# The same map as a lookup array over all code points, for numpy (see fold_text).
_LUT = np.arange(0x110000, dtype=np.uint32)
_LUT[list(_TABLE)] = [0 if v == _DELETE else ord(v) for v in _TABLE.values()]


#: A long text is folded, and scanned, this many characters at a time: the working memory of a
#: document (code point arrays, masks, the automaton's copy) is that of one window, not of the
#: whole text, while offsets stay exact (the folded text itself is kept: spans index it).
FOLD_WINDOW_CHARS = 1 << 20
SCAN_WINDOW_CHARS = 1 << 20


@dataclass(frozen=True, eq=False)
class Folded:
    """A folded text and what maps its offsets back to the original's.

    Folding deletes characters (apostrophes, combining marks, all but one
    space of a run). ``run_at`` holds the folded offsets before which
    deletions stand, ascending, and ``run_total`` the number of deletions up
    to and including each: the original offset of folded offset ``i`` is
    ``i`` plus the deletions before or at it. Stored per run, not per
    character, so 50 MB of blanks cost one entry, not 50 million.
    """

    text: str
    run_at: Sequence[int] = ()
    run_total: Sequence[int] = ()

    def original(self, i: int) -> int:
        """The original offset of the folded character at ``i`` (``len(text)`` maps to the end)."""
        k = bisect_right(self.run_at, i)
        return i + (self.run_total[k - 1] if k else 0)


def fold_text(text: str) -> Folded:
    """Fold ``text`` for matching (see the module docstring), keeping an offset map.

    Vectorised with numpy over code points: ``str.translate`` with a non-ASCII
    table, a character loop or a regex with a Python step per whitespace run
    all ran at 15-25 MB/s on OCR text, where nearly every line ends in blanks.
    A space is dropped when the character before it (in the original) folded
    to a space too. Done in windows of :data:`FOLD_WINDOW_CHARS`, cut after a
    blank where there is one, with the same result as one pass.
    """
    run_at: array[int] = array("q")
    run_total: array[int] = array("q")
    parts: list[str] = []
    total = 0
    prev_space = False
    for a, b in _windows(text, FOLD_WINDOW_CHARS):
        # str.lower() changes the length of U+0130 only; mapping it first keeps offsets 1:1.
        low = text[a:b].replace("\u0130", "I").lower()
        cps = _LUT.take(np.frombuffer(low.encode("utf-32-le"), dtype=np.uint32))
        del low
        drop = cps == 0  # sentinels: apostrophes, combining marks, zero-width characters
        space = cps == 32
        drop[1:] |= space[1:] & space[:-1]  # each space after a first one
        if prev_space:
            drop[0] |= space[0]
        prev_space = bool(space[-1])
        deleted = np.flatnonzero(drop)
        if len(deleted):
            before = deleted + (a - total) - np.arange(len(deleted))  # the folded offset each stands before
            at, counts = np.unique(before, return_counts=True)
            run_at.extend(at.tolist())
            run_total.extend((total + np.cumsum(counts)).tolist())
            total += len(deleted)
            cps = cps[~drop]
        parts.append(cps.tobytes().decode("utf-32-le"))
    folded = parts[0] if len(parts) == 1 else "".join(parts)
    return Folded(folded, run_at, run_total)


def _windows(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` windows of about ``size`` characters, each ending just after a blank if it can."""
    n = len(text)
    a = 0
    while a < n:
        b = min(n, a + size)
        if b < n:
            cut = max(text.rfind(" ", a, b), text.rfind("\n", a, b))
            if cut > a:  # after a blank (any cut would do: folding is per character, final sigma aside)
                b = cut + 1
        yield a, b
        a = b


def fold_name(name: str) -> str:
    """The folded key of a name variant (no offset map needed).

    A plain-ASCII name (nearly all of them) skips the numpy fold with the same
    map as one ``str.translate``: deleted characters become NUL first, so spaces
    collapse exactly as :func:`fold_text` collapses them, before deletion. The
    start-up folds every variant of the gazetteer twice.
    """
    if name.isascii():
        return _SPACE_RUN.sub(" ", name.lower().translate(_ASCII_FOLD)).replace("\0", "").strip()
    return fold_text(name).text.strip()


# fold_text's map below U+0080, deletions as NUL (which fold_text deletes too)
_ASCII_FOLD = {cp: "\0" if v == _DELETE else v for cp, v in _TABLE.items() if cp < 0x80}
_SPACE_RUN = re.compile(" {2,}")


# -- word lists (package data) ----------------------------------------------


@cache
def _word_list(name: str) -> frozenset[str]:
    return frozenset(fold_name(x) for x in package_lines("data", name))


def ordinary_words() -> frozenset[str]:
    """Folded words that are also ordinary English (``data/ordinary_words.txt``)."""
    return _word_list("ordinary_words.txt")


def demonyms() -> frozenset[str]:
    """Folded demonyms and adjectives never taken as places (``data/demonyms.txt``)."""
    return _word_list("demonyms.txt")


# -- recognition --------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of a text that names one or more places.

    ``text[start:end] == surface`` in the original text; ``key`` is the folded
    name that matched and ``place_ids`` every place with that name, in
    gazetteer order (more than one means :mod:`mapgen.resolution` must choose).
    """

    start: int
    end: int
    surface: str
    key: str
    place_ids: tuple[str, ...]


def _variant_keys(name: str) -> set[str]:
    """The folded forms under which a name is searched ("Al-Andalus": al-andalus, al andalus, alandalus).

    A leading article is not part of a name's span: "the Iberian peninsula" is
    searched as "iberian peninsula".
    """
    key = fold_name(name).removeprefix("the ")
    keys = {key}
    if re.fullmatch(r"(?:[a-z]\.){2,}", key):  # "U.S." is also written "U. S."
        keys.add(" ".join(key[i : i + 2] for i in range(0, len(key), 2)))
    if "-" in key:
        keys.add(re.sub(r" ?- ?", " ", key))
        keys.add(re.sub(r" ?- ?", "", key))
    return {k for k in keys if len(k) >= 2}


_K = TypeVar("_K")
_T = TypeVar("_T")


def longest_leftmost(hits: list[tuple[int, int, _K]], keep: Callable[[int, int, _K], _T | None]) -> list[_T]:
    """The hits ``(start, end, key)`` that stand: leftmost first, the longest of those, none
    starting inside one kept before; ``keep`` turns a hit into its result or refuses it
    (``None``), and a refused hit does not block the hits inside it. Sorts ``hits`` in place.

    The one rule both the gazetteer's names and the open world's follow.
    """
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out: list[_T] = []
    taken = 0
    for start, end, key in hits:
        if start < taken:
            continue
        item = keep(start, end, key)
        if item is not None:
            out.append(item)
            taken = end
    return out


class Recognizer:
    """Every name variant of a gazetteer in one automaton, built once and reused.

    Parameters
    ----------
    variants
        ``(place_id, name)`` pairs, e.g. :meth:`Gazetteer.name_variants`.
    """

    def __init__(self, variants: Iterable[tuple[str, str]]) -> None:
        variants = list(variants)
        #: keys written only as acronyms in the gazetteer ("US", "ROK"): capitals required in the text
        self.acronyms = guards.acronym_keys(variants, lambda n: fold_name(n).removeprefix("the "))
        skip = demonyms()
        ordinary = ordinary_words()
        candidates: dict[str, list[str]] = {}
        capitals: dict[str, tuple[bool, ...]] = {}
        for pid, name in variants:
            for key in _variant_keys(name):
                if key in skip:
                    continue
                ids = candidates.setdefault(key, [])
                if pid not in ids:
                    ids.append(pid)
                words = key.split(" ")
                if all(w in ordinary for w in re.split(r"[ -]", key) if w):
                    # Where every variant with this key capitalises a word, the text must too.
                    caps = tuple(w[:1].isupper() for w in _surface_words(name)[-len(words) :])
                    if len(caps) != len(words):
                        caps = (True,) + (False,) * (len(words) - 1)
                    old = capitals.get(key, caps)
                    capitals[key] = tuple(a and b for a, b in zip(old, caps, strict=True))
        self.candidates: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in candidates.items()}
        #: keys made of ordinary words -> which of their words must be capitalised in the text
        self.needs_capital: dict[str, tuple[bool, ...]] = {k: v for k, v in capitals.items() if any(v)}
        # One automaton for every script: a DFA's transitions cost the same for
        # any first character, so names in Cyrillic, CJK or Hangul need no
        # second pass (pyahocorasick searched a node's children one by one, and
        # its second automaton for those scripts cost as much as the first).
        self._keys = list(self.candidates)
        self._automaton = _automaton(self._keys)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer | PlaceNames) -> Recognizer:
        """Build the automaton of every title and name variant of ``gazetteer``."""
        return cls(gazetteer.name_variants())

    def find(self, text: str) -> list[Span]:
        """Every place-name span of ``text`` in order (see :func:`find_mentions`)."""
        if self._automaton is None:  # no candidates: nothing to find
            return []
        folded = fold_text(text)
        ft = folded.text
        hits: list[tuple[int, int, str]] = []
        n = len(ft)
        # Every match, overlapping ones included: a longer name that fails a boundary
        # check must not hide a shorter one inside it that passes (keys "x river" and
        # "x" in the text "x rivers").
        for fs, fe, key in _scan(self._automaton, self._keys, ft):
            # Word boundaries, except beside a CJK or Hangul name (those scripts write no spaces).
            if fs > 0 and ft[fs - 1].isalnum() and key[0] < _CJK and not _glued(text, folded, fs):
                continue
            if (
                fe < n
                and ft[fe].isalnum()
                and key[-1] < _CJK
                and not _possessive(text, folded, fe)
                and not _glued(text, folded, fe)
            ):
                continue
            hits.append((fs, fe, key))
        return self._select(text, folded, hits)

    def accepts(self, text: str, start: int, end: int, key: str) -> bool:
        """Whether the match of ``key`` at ``text[start:end]`` counts: capitals where the
        gazetteer requires them, acronyms in capitals, not part of an organisation's name."""
        caps = self.needs_capital.get(key)
        if caps and not _capitalised(text[start:end], caps):
            return False
        if key in self.acronyms and not guards.acronym_ok(text[start:end]):
            return False
        return not (guards.is_organisation(text, end) or guards.is_longer_name(text, end))

    def _select(self, text: str, folded: Folded, hits: list[tuple[int, int, str]]) -> list[Span]:
        """Longest leftmost non-overlapping hits, mapped back to the original text."""

        def keep(fs: int, fe: int, key: str) -> Span | None:
            start = folded.original(fs)
            end = folded.original(fe - 1) + 1
            if not self.accepts(text, start, end, key):
                return None
            return Span(start, end, text[start:end], key, self.candidates[key])

        return longest_leftmost(hits, keep)


def _scan(automaton: ahocorasick_rs.AhoCorasick, keys: list[str], ft: str) -> Iterator[tuple[int, int, str]]:
    """Every (overlapping) match ``(start, end, key)`` of ``ft``, in windows of :data:`SCAN_WINDOW_CHARS`
    overlapping by the longest key, so no window's copy grows with the document; every match once."""
    n = len(ft)
    if n <= SCAN_WINDOW_CHARS:
        for i, fs, fe in automaton.find_matches_as_indexes(ft, overlapping=True):
            yield fs, fe, keys[i]
        return
    overlap = max(max(map(len, keys)) - 1, 0)
    for a in range(0, n, SCAN_WINDOW_CHARS):
        b = min(n, a + SCAN_WINDOW_CHARS)
        for i, fs, fe in automaton.find_matches_as_indexes(ft[a : b + overlap], overlapping=True):
            if a + fs < b:  # a match starting in the overlap is the next window's
                yield a + fs, a + fe, keys[i]


def _automaton(keys: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    if not keys:
        return None
    impl = (
        ahocorasick_rs.Implementation.DFA if len(keys) <= DFA_MAX_KEYS else ahocorasick_rs.Implementation.ContiguousNFA
    )
    # Standard match kind: the only one that reports overlapping matches.
    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=impl)


def _surface_words(s: str) -> list[str]:
    return [w for w in re.split(r"[\s\-\u2010-\u2015]+", s) if w]


def _capitalised(surface: str, caps: tuple[bool, ...]) -> bool:
    """Whether the words of ``surface`` are capitalised where ``caps`` requires it."""
    words = _surface_words(surface)
    if len(words) != len(caps):
        words, caps = words[:1], caps[:1]
    return all(w[:1].isupper() for w, c in zip(words, caps, strict=True) if c)


def _glued(text: str, folded: Folded, i: int) -> bool:
    """A word boundary lost by scraping: a lower-case letter, then a capital, at folded ``i``
    ("KirinJilin", "Tan-tungDandong" are two names each)."""
    o = folded.original(i)
    p = folded.original(i - 1)
    return text[o].isupper() and text[p].islower()


def _possessive(text: str, folded: Folded, fe: int) -> bool:
    """A folded "s" at ``fe`` that followed an apostrophe in the original: "Antioch's"."""
    ft = folded.text
    if ft[fe] != "s" or (fe + 1 < len(ft) and ft[fe + 1].isalnum()):
        return False
    gap = text[folded.original(fe - 1) + 1 : folded.original(fe)]
    return any(c in _APOSTROPHES for c in gap)


def find_mentions(text: str, recognizer: Recognizer) -> list[Span]:
    """Find every gazetteer name in ``text``.

    Parameters
    ----------
    text
        A decoded document text (never altered).
    recognizer
        Built once per gazetteer with :meth:`Recognizer.from_gazetteer`.

    Returns
    -------
    list of Span
        In text order, non-overlapping, longest match first; ``text[s.start:s.end]``
        is the surface form with its line breaks.
    """
    return recognizer.find(text)


# -- names that match nothing (for curators) -------------------------------------

_UNKNOWN = re.compile(
    r"\b(?:in|at|over|near|from|to|into|toward|towards|across|around|beyond|outside|along|via)\s+"
    r"(?:the\s+)?"
    r"([A-Z][\w\u2019'-]*[\w](?:[ \t]+(?:of[ \t]+)?[A-Z][\w\u2019'-]*[\w])*)"
)
_NOT_PLACES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "i",
        "he",
        "she",
        "it",
        "we",
        "they",
    ]
)


@dataclass(frozen=True)
class Unknown:
    """A capitalised phrase after a place preposition that names no gazetteer place."""

    start: int
    end: int
    surface: str
    preposition: str


def find_unknown(text: str, spans: Iterable[Span]) -> Iterator[Unknown]:
    """Likely place names in ``text`` that matched nothing, to grow the gazetteer.

    A capitalised phrase after in/at/over/near/from/to... that overlaps no
    recognised span and is not a month, season or pronoun.
    """
    known = sorted((s.start, s.end) for s in spans)
    starts = [s for s, _ in known]
    for m in _UNKNOWN.finditer(text):
        s, e = m.span(1)
        i = bisect_right(starts, e) - 1
        if i >= 0 and known[i][1] > s:
            continue
        first = m.group(1).split()[0].lower()
        if first in _NOT_PLACES or first.split("-")[0].removesuffix("'s") in demonyms():
            continue
        yield Unknown(s, e, m.group(1), m.group(0).split()[0].lower())
