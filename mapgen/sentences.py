"""Sentences: the sentence around a mention, and its passage with whitespace normalised.

Found once per document (:class:`Sentences`) and looked up
per mention: the per-mention splitting and joining this replaced was most of
the join's time on dense text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: A sentence is cut to this many characters on each side of the name.
SENTENCE_MAX_CHARS = 600
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
        # one literal-first scan per mark (a character class first is three times slower);
        # no match holds another mark, so the lists merge by position
        starts, ends = [0], []
        for m in _FULL_STOP.finditer(text):
            if not _abbreviation_before(text, m.start()):
                ends.append(m.end("closers"))
                starts.append(m.end())
        others = [(m.end(), m.end("closers")) for rx in _OTHER_ENDS for m in rx.finditer(text)]
        if others:
            merged = sorted([*zip(starts[1:], ends, strict=True), *others])
            starts, ends = [0, *(b for b, _ in merged)], [e for _, e in merged]
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


#: After the mark: closing quotes, whitespace, then a capital, a digit or an opening quote.
_AFTER_END = r"(?P<closers>[\"')\]\u201d\u2019]*)\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9])"
_FULL_STOP = re.compile(r"\." + _AFTER_END)
_OTHER_ENDS = (re.compile("!" + _AFTER_END), re.compile(r"\?" + _AFTER_END))


def _abbreviation_before(text: str, p: int) -> bool:
    """Whether the full stop at ``p`` ends an initial or an abbreviation, not a sentence."""
    w = p
    while w:
        c = text[w - 1]
        if not (c.isalpha() or c == "."):
            break
        w -= 1
    if w == p:  # a digit or a bracket before it (one full stop in six)
        return False
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


def sentence_passages(
    text: str, bounds: list[tuple[int, int]], names: list[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """``normalise_passage(text, first, last, start, end)`` for each pair of ``bounds`` and ``names``.

    Worked out once per sentence, not per mention (dense text has two or three
    mentions in a sentence, whose bounds come in a row), and with no copy of the
    whole document (memory stays flat in its size). Most sentences need no
    splitting: one whose blanks are all single spaces is its own normalised
    form; one whose only other blanks are line breaks, single or in pairs
    (paragraphs of scanned text), differs from it by a replace, a name's offsets
    by the pairs before it; in one whose other blanks are line breaks and
    no-break spaces, those become spaces and runs of spaces are squeezed (a
    name's offset is the length of the squeezed text before it).
    """
    out: list[tuple[str, int, int]] = []
    pf = pl = -1  # the sentence of the mention before
    passage, sentence, spaced, how = "", "", "", _PLAIN
    for (first, last), (start, end) in zip(bounds, names, strict=True):
        if first != pf or last != pl:
            pf, pl = first, last
            sentence = text[first:last]
            if _plain(sentence):
                passage, how = sentence, _PLAIN
            else:
                passage, how = sentence.replace("\n\n", " ").replace("\n", " "), _BREAKS
                if not _plain(passage):
                    spaced = sentence.replace("\n", " ").replace("\xa0", " ")  # offsets kept
                    if spaced.isprintable() and spaced[:1] != " " and spaced[-1:] != " ":
                        passage, how = _squeeze(spaced), _SPACES
                    else:
                        passage, how = " ".join(sentence.split()), _SPLIT
        if not (first <= start < end <= last) or text[start].isspace() or text[end - 1].isspace():
            out.append(normalise_passage(text, first, last, start, end))  # a curator's span on a blank
        elif how is _PLAIN:
            out.append((passage, start - first, end - first))
        elif how is _BREAKS:
            # each pair of line breaks before a (non-blank) character is one character fewer
            s, e = start - first, end - first
            out.append((passage, s - sentence.count("\n\n", 0, s), e - sentence.count("\n\n", 0, e)))
        elif how is _SPACES:
            # runs of spaces squeezed: the text before the name keeps one blank at its end, as the passage does
            ps = len(_squeeze(spaced[: start - first]))
            out.append((passage, ps, ps + len(_squeeze(spaced[start - first : end - first]))))
        else:
            ps = len(" ".join(text[first:start].split()))
            if ps and text[start - 1].isspace():
                ps += 1
            out.append((passage, ps, ps + len(" ".join(text[start:end].split()))))
    return out


_PLAIN, _BREAKS, _SPACES, _SPLIT = "plain", "breaks", "spaces", "split"  # how a sentence's passage was made


def _plain(s: str) -> bool:
    """Whether ``s`` is its own normalised form, ``" ".join(s.split())``: every whitespace
    character but " " is unprintable, so a printable text without a double blank, and
    with none at either end, has only single spaces between words."""
    return s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " "


def _squeeze(s: str) -> str:
    """``s`` with each run of spaces as one (a few passes at C speed: runs are short)."""
    while "  " in s:
        s = s.replace("  ", " ")
    return s
