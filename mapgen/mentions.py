"""Recognition: find the spans of a text that name a place of the gazetteer.

This stage only finds spans and the places each could mean; choosing one is
:mod:`mapgen.resolution`'s job (the recogniser/resolver split of dguzh/geoparser).

How it stays fast and robust at once: the text is *folded* once into a form
where the differences real texts make vanish, with an offset map back to the
original, and one Aho-Corasick automaton holding every folded name variant
scans the folded text in a single pass (ahocorasick_rs, Rust: 4-5x the scan
speed of pyahocorasick with the same matches, and one automaton serves every
script). One regular expression per variant would rescan the text once per
name.

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
York" not also "York"). Demonyms are never names, a name made only of
ordinary English words must be capitalised in the text (package data files
``demonyms.txt`` and ``ordinary_words.txt``), and so must the first word of a
longer name where every variant capitalises it and it is no ordinary word.

What the checks ask of a character (a letter or digit? a capital in the
original?) comes out of the fold too, one byte per folded character, so the
checks run over all the automaton's matches at once as arrays; only the choice
among the matches that pass, leftmost and longest first, is a Python loop.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain
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


def _table_cp(cp: int) -> int:
    """The code point ``cp`` folds to by :data:`_TABLE` (0: deleted; itself when the table leaves it)."""
    v = _TABLE.get(cp)
    return cp if v is None else 0 if v == _DELETE else ord(v)


# Classes of a folded character (what the boundary and guard checks of Recognizer.find ask) and of the
# original character behind it (a lost word boundary: "KirinJilin"), one byte per folded character.
_ALNUM, _IS_S, _HYPHEN, _OPENER, _UPPER, _LOWER = 1, 2, 4, 8, 16, 32
_UNSEEN = 128  # in _CLASS: not looked up yet
#: Below this code point folding and classes come from tables built at start-up (every script with
#: spaces between words); the rest of the BMP is looked up as documents bring it (CJK, Hangul).
_TABLED = 0x3001
_BMP = 0x10000


def _fold_char(cp: int) -> tuple[int, int]:
    """The folded code point of ``cp`` (0: deleted) and its classes: lower case, then the table."""
    ch = chr(cp)
    low = "i" if cp == 0x130 else ch.lower()  # str.lower() makes U+0130 two characters
    if len(low) != 1:  # none in Unicode 14 or 15; keep the offsets 1:1 all the same
        low = ch
    f = _table_cp(ord(low))
    fc = chr(f) if f else ""
    cls = (
        (_ALNUM if fc.isalnum() else 0)
        | (_IS_S if fc == "s" else 0)
        | (_HYPHEN if fc == "-" else 0)
        | (_OPENER if fc in (" ", "(", ")") else 0)
        | (_UPPER if ch.isupper() else 0)
        | (_LOWER if ch.islower() else 0)
    )
    return f, cls


def _build_fold_tables() -> tuple[np.ndarray, np.ndarray]:
    """:func:`_fold_char` over the BMP as two lookup arrays, filled below :data:`_TABLED` (the rest
    is marked ``_UNSEEN``, see :func:`_look_up`).

    Built from one string of those characters (str.lower() over it, the table as a small array): a
    call per character would cost 25 ms of every start-up.
    """
    chars = "".join(map(chr, range(_TABLED)))
    low = chars.replace("\u0130", "I").lower()
    assert len(low) == _TABLED, "str.lower() made a character two"
    cps = np.frombuffer(low.encode("utf-32-le"), dtype=np.uint32)
    lut = np.arange(int(cps.max()) + 1, dtype=np.uint32)  # the table over the code points lower() gave
    keys = [cp for cp in _TABLE if cp < len(lut)]
    lut[keys] = [_table_cp(cp) for cp in keys]
    folds = lut.take(cps)
    folded = folds.tobytes().decode("utf-32-le")  # a deleted character is NUL here: no class

    def has(test: Callable[[str], bool], s: str) -> np.ndarray:
        return np.fromiter(map(test, s), dtype=bool, count=len(s))

    classes = (
        has(str.isalnum, folded) * _ALNUM
        | (folds == ord("s")) * _IS_S
        | (folds == ord("-")) * _HYPHEN
        | np.isin(folds, [ord(" "), ord("("), ord(")")]) * _OPENER
        | has(str.isupper, chars) * _UPPER
        | has(str.islower, chars) * _LOWER
    )
    fold_table = np.zeros(_BMP, dtype=np.uint16)
    fold_table[:_TABLED] = folds
    class_table = np.full(_BMP, _UNSEEN, dtype=np.uint8)
    class_table[:_TABLED] = classes
    return fold_table, class_table


_FOLD, _CLASS = _build_fold_tables()


def _look_up(units: np.ndarray, cps: np.ndarray, cls: np.ndarray) -> None:
    """Fill in ``cps`` and ``cls`` where ``units`` (code points) are not in the tables: BMP ones
    are added to the tables for the next documents, the rest (astral) looked up each time."""
    at = np.flatnonzero((units >= _BMP) | (cls == _UNSEEN))
    distinct, inverse = np.unique(units[at], return_inverse=True)
    pairs = [_fold_char(cp) for cp in distinct.tolist()]
    folds = np.array([f for f, _ in pairs], dtype=np.uint32)
    classes = np.array([c for _, c in pairs], dtype=np.uint8)
    bmp = distinct < _BMP
    _FOLD[distinct[bmp]] = folds[bmp]
    _CLASS[distinct[bmp]] = classes[bmp]
    cps[at] = folds[inverse]
    cls[at] = classes[inverse]


#: A long text is folded, and scanned, this many characters at a time: the working memory of a
#: document (code point arrays, masks, the automaton's copy) is that of one window, not of the
#: whole text, while offsets stay exact (the folded text itself is kept: spans index it).
FOLD_WINDOW_CHARS = 1 << 20
SCAN_WINDOW_CHARS = 1 << 20


_NO_RUNS: np.ndarray = np.zeros(0, dtype=np.int64)


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
    run_at: np.ndarray = field(default_factory=lambda: _NO_RUNS)
    run_total: np.ndarray = field(default_factory=lambda: _NO_RUNS)

    def original(self, i: int) -> int:
        """The original offset of the folded character at ``i`` (``len(text)`` maps to the end)."""
        k = int(np.searchsorted(self.run_at, i, side="right"))
        return i + (int(self.run_total[k - 1]) if k else 0)

    def originals(self, i: np.ndarray) -> np.ndarray:
        """:meth:`original` of every folded offset of ``i`` at once."""
        if not len(self.run_at):
            return i
        k = np.searchsorted(self.run_at, i, side="right")
        out: np.ndarray = i + np.append(np.int64(0), self.run_total)[k]
        return out


def fold_text(text: str) -> Folded:
    """Fold ``text`` for matching (see the module docstring), keeping an offset map."""
    return _fold(text)[0]


def _fold(text: str) -> tuple[Folded, np.ndarray]:
    """:func:`fold_text`, and the classes (``_ALNUM`` ...) of each folded character, then two zeros
    (so a check may look one or two past the end, or one before the start, as index -1).

    Vectorised with numpy over code points: ``str.translate`` with a non-ASCII
    table, a character loop or a regex with a Python step per whitespace run
    all ran at 15-25 MB/s on OCR text, where nearly every line ends in blanks.
    Lower case comes from the same lookup array (str.lower() cost as much as
    the rest of the fold). A space is dropped when the character before it (in
    the original) folded to a space too. Done in windows of
    :data:`FOLD_WINDOW_CHARS`, cut after a blank where there is one, with the
    same result as one pass; the classes cost one byte per folded character.
    """
    runs: list[tuple[np.ndarray, np.ndarray]] = []
    parts: list[str] = []
    classes: list[np.ndarray] = []
    total = 0
    prev_space = False
    for a, b in _windows(text, FOLD_WINDOW_CHARS):
        window = text[a:b]
        units = np.frombuffer(window.encode("utf-16-le"), dtype=np.uint16)
        if len(units) == len(window):  # the BMP: 16 bits a code point, the cheapest to fold
            cps, cls = _FOLD.take(units), _CLASS.take(units)
        else:
            units = np.frombuffer(window.encode("utf-32-le"), dtype=np.uint32)
            bmp = np.minimum(units, _BMP - 1)
            cps, cls = _FOLD.take(bmp).astype(np.uint32), _CLASS.take(bmp)
            cls[units >= _BMP] = _UNSEEN
        del window
        if cls.max() >= _UNSEEN:
            _look_up(units, cps, cls)
        del units
        drop = cps == 0  # sentinels: apostrophes, combining marks, zero-width characters
        space = cps == 32
        drop[1:] |= space[1:] & space[:-1]  # each space after a first one
        if prev_space:
            drop[0] |= space[0]
        prev_space = bool(space[-1])
        deleted = np.flatnonzero(drop)
        if len(deleted):
            before = deleted + (a - total) - np.arange(len(deleted))  # the folded offset each stands before
            first = np.flatnonzero(np.diff(before, prepend=-1))  # where each run starts (ascending already)
            runs.append((before[first], total + np.append(first[1:], len(deleted))))
            total += len(deleted)
            kept = ~drop
            cps = cps[kept]
            cls = cls[kept]
        parts.append(cps.tobytes().decode("utf-16-le" if cps.dtype == np.uint16 else "utf-32-le"))
        classes.append(cls)
    folded = parts[0] if len(parts) == 1 else "".join(parts)
    classes.append(np.zeros(2, dtype=np.uint8))
    if not runs:
        return Folded(folded), np.concatenate(classes)
    run_at, run_total = (np.concatenate(r) for r in zip(*runs, strict=True))
    return Folded(folded, run_at, run_total), np.concatenate(classes)


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

    Names are short: one ``str.translate`` with the same map as
    :func:`fold_text` (whose numpy set-up costs more than a name) does it, the
    deleted characters as NUL first, so that spaces collapse exactly as
    :func:`fold_text` collapses them, before deletion. The start-up folds every
    variant of the gazetteer twice.
    """
    if name.isascii():
        return _SPACE_RUN.sub(" ", name.lower().translate(_ASCII_FOLD)).replace("\0", "").strip()
    return _SPACE_RUN.sub(" ", name.translate(_NAME_FOLD)).replace("\0", "").strip()


class _NameFold(dict[int, str]):
    """:func:`_fold_char` as a ``str.translate`` table (deletions as NUL), filled as names need it."""

    def __missing__(self, cp: int) -> str:
        folded = _fold_char(cp)[0]
        out = self[cp] = chr(folded) if folded else "\0"
        return out


_NAME_FOLD = _NameFold()
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


@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A stretch of a text that names one or more places.

    ``text[start:end] == surface`` in the original text; ``key`` is the folded
    name that matched and ``place_ids`` every place with that name, in
    gazetteer order (more than one means :mod:`mapgen.resolution` must choose).

    Not frozen (treat it as if it were; it hashes by its fields all the same): a
    frozen dataclass sets each field through ``object.__setattr__``, and that
    ``__init__`` was half of find's loop over the matches (0.8 against 0.35 µs a
    span; dense text makes 9,000 spans per MB).
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


# The checks of Recognizer.accepts a match may need, and the boundaries a key does not (bits of a key;
# the last two clear of the class bits each boundary code below uses).
_SHAPE, _ORG, _LONGER, _FREE_START, _FREE_END = 1, 2, 4, 64, 128
_NEXT_ALNUM = 8  # in an end code: the character after the one after the match is a letter or digit


def _boundary_tables() -> tuple[np.ndarray, np.ndarray]:
    """The word-boundary rules of Recognizer.find as lookup tables over one-byte codes.

    A start code holds the class bits of the characters before and at the match's start
    (``_ALNUM | _LOWER`` and ``_UPPER``) and the key's ``_FREE_START``; an end code those
    of the last character (``_LOWER``), of the one after (``_ALNUM | _IS_S | _UPPER``),
    ``_NEXT_ALNUM`` and the key's ``_FREE_END``. A boundary is a non-alphanumeric
    neighbour, a CJK or Hangul name (those scripts write no spaces), or a word boundary
    scraping lost, a lower-case letter then a capital ("KirinJilin", "Tan-tungDandong").
    ``start[code]`` is 1 for a boundary; ``end[code]`` is 1 for one, 2 where only a
    possessive could make one ("Antioch's": an "s" alone, whose apostrophe folding dropped).
    """
    code = np.arange(256)
    glued = ((code & _LOWER) != 0) & ((code & _UPPER) != 0)
    start = ((code & _ALNUM) == 0) | ((code & _FREE_START) != 0) | glued
    end = ((code & _ALNUM) == 0) | ((code & _FREE_END) != 0) | glued
    possessive = ~end & ((code & _IS_S) != 0) & ((code & _NEXT_ALNUM) == 0)
    return start.astype(np.uint8), (end * 1 | possessive * 2).astype(np.uint8)


_START, _END = _boundary_tables()
# The guards the character class after a match leaves possible: the organisation guard needs a blank
# or a bracket there, the hyphenated-name one a hyphen.
_CHECKS_AFTER = np.array(
    [(_ORG if c & _OPENER else 0) | (_LONGER if c & _HYPHEN else 0) for c in range(256)], dtype=np.uint8
)


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
        first_capital: dict[str, bool] = {}
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
                elif len(words) > 1 and words[0] not in ordinary:
                    # Where every variant capitalises a first word that is no ordinary word, that
                    # word in lower case in the text is a word of the sentence, the place after it.
                    last = _surface_words(name)[-len(words) :]
                    first_capital[key] = (
                        first_capital.get(key, True) and len(last) == len(words) and last[0][:1].isupper()
                    )
        self.candidates: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in candidates.items()}
        #: keys made of ordinary words -> which of their words must be capitalised in the text
        self.needs_capital: dict[str, tuple[bool, ...]] = {k: v for k, v in capitals.items() if any(v)}
        #: keys of several words whose first (no ordinary word) every variant capitalises: the text
        #: may not write that word in lower case
        self.first_capital = frozenset(k for k, v in first_capital.items() if v)
        # One automaton for every script: its transitions cost the same for
        # any first character, so names in Cyrillic, CJK or Hangul need no
        # second pass (pyahocorasick searched a node's children one by one, and
        # its second automaton for those scripts cost as much as the first).
        self._keys = list(self.candidates)
        self._automaton = _automaton(self._keys)
        # Per key (by its index in the automaton), what find asks of a match of it, decided once here.
        keys = self._keys
        self._ids = [self.candidates[k] for k in keys]
        self._key_flags = np.array(
            [
                (_FREE_START if k[:1] >= _CJK else 0)  # CJK, kana, Hangul: no word boundary needed
                | (_FREE_END if k[-1:] >= _CJK else 0)
                | (_SHAPE if k in self.needs_capital or k in self.acronyms or k in self.first_capital else 0)
                # a key ending in a blank ("x-" searched as "x "): what follows it may be a dropped
                # blank, so the character after the match cannot rule the organisation guard out
                | (_ORG if k.endswith(" ") else 0)
                for k in keys
            ],
            dtype=np.uint8,
        )
        self._longest = max(map(len, keys), default=0)
        # The same few surfaces ("US", "us", "Center") come back in every document.
        self._shape_of = lru_cache(maxsize=1 << 14)(self._shape_of_uncached)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer | PlaceNames) -> Recognizer:
        """Build the automaton of every title and name variant of ``gazetteer``."""
        return cls(gazetteer.name_variants())

    def find(self, text: str) -> list[Span]:
        """Every place-name span of ``text`` in order (see :func:`find_mentions`).

        Every match, overlapping ones included: a longer name that fails a boundary
        check must not hide a shorter one inside it that passes (keys "x river" and
        "x" in the text "x rivers"). The checks that need no Python per match (word
        boundaries, which guards can apply) run over all matches at once as arrays,
        on the classes :func:`_fold` gives each folded character; only the choice
        among the survivors, longest leftmost first, is a loop.
        """
        if self._automaton is None:  # no candidates: nothing to find
            return []
        folded, cls = _fold(text)
        found = _scan(self._automaton, self._longest, folded.text)
        key, fs, fe = found[:, 0], found[:, 1], found[:, 2]
        flags = self._key_flags[key]
        # Word boundaries (see _boundary_tables); fs - 1 = -1 and fe + 1 = n + 1 read a padding 0.
        start_ok = _START.take((cls[fs - 1] & (_ALNUM | _LOWER)) | (cls[fs] & _UPPER) | (flags & _FREE_START))
        end_ok = _END.take(
            (cls[fe] & (_ALNUM | _IS_S | _UPPER))
            | (cls[fe - 1] & _LOWER)
            | ((cls[fe + 1] & _ALNUM) * _NEXT_ALNUM)
            | (flags & _FREE_END)
        )
        ok = start_ok & end_ok
        maybe = np.flatnonzero(start_ok & (end_ok >> 1))
        if len(maybe):  # a possessive where folding dropped something before the "s" (an apostrophe?)
            at = folded.originals(np.concatenate((fe[maybe] - 1, fe[maybe])))
            gap_start, gap_end = at[: len(maybe)] + 1, at[len(maybe) :]
            for j, a, b in zip(maybe.tolist(), gap_start.tolist(), gap_end.tolist(), strict=True):
                ok[j] = b > a and any(c in _APOSTROPHES for c in text[a:b])
        order = np.flatnonzero(ok)
        order = order[np.lexsort((-fe[order], fs[order]))]  # leftmost, then longest
        key, fs, fe = key[order], fs[order], fe[order]
        spans_at = folded.originals(np.concatenate((fs, fe - 1)))
        start, end = spans_at[: len(fs)], spans_at[len(fs) :] + 1
        # Which checks of accepts can apply (each guard needs a particular character after the name).
        checks = (_CHECKS_AFTER.take(cls[fe]) | flags[order]) & (_SHAPE | _ORG | _LONGER)
        spans: list[Span] = []
        keys, ids = self._keys, self._ids
        organisation, longer = guards.is_organisation, guards.is_longer_name
        taken = 0
        for f_s, f_e, s, e, k, c in zip(
            fs.tolist(), fe.tolist(), start.tolist(), end.tolist(), key.tolist(), checks.tolist(), strict=True
        ):
            if f_s < taken:
                continue
            if c and (
                (c & _SHAPE and not self._shape_ok(text, s, e, keys[k]))
                or (c & _ORG and organisation(text, e))
                or (c & _LONGER and longer(text, e))
            ):
                continue  # a refused match does not hide the matches inside it
            spans.append(Span(s, e, text[s:e], keys[k], ids[k]))
            taken = f_e
        return spans

    def accepts(self, text: str, start: int, end: int, key: str) -> bool:
        """Whether the match of ``key`` at ``text[start:end]`` counts: capitals where the
        gazetteer requires them, acronyms in capitals, not part of an organisation's name."""
        if not self._shape_ok(text, start, end, key):
            return False
        return not (guards.is_organisation(text, end) or guards.is_longer_name(text, end))

    def _shape_ok(self, text: str, start: int, end: int, key: str) -> bool:
        """Capitals where the gazetteer requires them, acronyms in capitals."""
        return self._shape_of(text[start:end], key)

    def _shape_of_uncached(self, surface: str, key: str) -> bool:
        caps = self.needs_capital.get(key)
        if caps and not _capitalised(surface, caps):
            return False
        if key in self.first_capital and surface[:1].islower():
            return False
        return not (key in self.acronyms and not guards.acronym_ok(surface))


def _scan(automaton: ahocorasick_rs.AhoCorasick, longest: int, ft: str) -> np.ndarray:
    """Every (overlapping) match of ``ft`` as rows ``(key index, start, end)``, in windows of
    :data:`SCAN_WINDOW_CHARS` overlapping by the longest key, so no window's copy grows with the
    document; every match once."""
    n = len(ft)
    if n <= SCAN_WINDOW_CHARS:
        return _rows(automaton.find_matches_as_indexes(ft, overlapping=True))
    overlap = max(longest - 1, 0)
    parts = []
    for a in range(0, n, SCAN_WINDOW_CHARS):
        b = min(n, a + SCAN_WINDOW_CHARS)
        rows = _rows(automaton.find_matches_as_indexes(ft[a : b + overlap], overlapping=True))
        rows = rows[rows[:, 1] < b - a]  # a match starting in the overlap is the next window's
        rows[:, 1:] += a
        parts.append(rows)
    return np.concatenate(parts)


def _rows(matches: list[tuple[int, int, int]]) -> np.ndarray:
    """The automaton's match tuples as an array (fromiter over the flat values: twice np.array's speed)."""
    return np.fromiter(chain.from_iterable(matches), dtype=np.int64, count=3 * len(matches)).reshape(-1, 3)


def _automaton(keys: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    if not keys:
        return None
    # Standard match kind: the only one that reports overlapping matches. A contiguous NFA, not a
    # DFA: alone the DFA scans faster (0.07 against 0.095 s on 10 MB), but between documents the other
    # stages push its larger tables out of the caches, and there both scan alike (0.16-0.17 s), while
    # the NFA is built in 6 ms instead of 34 (every start-up) and takes less memory in each process.
    impl = ahocorasick_rs.Implementation.ContiguousNFA
    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=impl)


def _surface_words(s: str) -> list[str]:
    return [w for w in re.split(r"[\s\-\u2010-\u2015]+", s) if w]


def _capitalised(surface: str, caps: tuple[bool, ...]) -> bool:
    """Whether the words of ``surface`` are capitalised where ``caps`` requires it."""
    words = _surface_words(surface)
    if len(words) != len(caps):
        words, caps = words[:1], caps[:1]
    return all(w[:1].isupper() for w, c in zip(words, caps, strict=True) if c)


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
