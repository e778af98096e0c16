"""Sentences: the sentence around a mention, and its passage with whitespace normalised.

Found once per document (:class:`Sentences`, :class:`Flattened`) and looked up
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
        starts = [0]
        ends: list[int] = []
        for m in _SENTENCE_END.finditer(text):
            if text[m.start()] == "." and _abbreviation_before(text, m.start()):
                continue
            ends.append(m.end("closers"))
            starts.append(m.end())
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


_SENTENCE_END = re.compile(r"[.!?](?P<closers>[\"')\]\u201d\u2019]*)\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9])")


def _abbreviation_before(text: str, p: int) -> bool:
    """Whether the full stop at ``p`` ends an initial or an abbreviation, not a sentence."""
    w = p
    while w > 0 and (text[w - 1].isalpha() or text[w - 1] == "."):
        w -= 1
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


#: The normalised copy and its offset map cost ~30 bytes per character: built per window of about
#: this many characters around the mentions, not for the whole document (memory flat in its size).
PASSAGE_WINDOW_CHARS = 1 << 20


def windowed_passages(
    text: str, bounds: list[tuple[int, int]], names: list[tuple[int, int]], window: int | None = None
) -> list[tuple[str, int, int]]:
    """:meth:`Flattened.passages` over consecutive groups of mentions whose sentences span at most
    ``window`` characters; the same result, since normalising a sentence looks only inside it."""
    size = window or PASSAGE_WINDOW_CHARS
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(bounds)
    while i < n:
        lo, hi = bounds[i]
        j = i + 1
        while j < n and max(hi, bounds[j][1]) - min(lo, bounds[j][0]) <= size:
            lo, hi = min(lo, bounds[j][0]), max(hi, bounds[j][1])
            j += 1
        flat = Flattened(text[lo:hi])
        shifted = [(f - lo, la - lo) for f, la in bounds[i:j]]
        spans = [(s - lo, e - lo) for s, e in names[i:j]]
        out += flat.passages(shifted, spans)
        i = j
    return out


class Flattened:
    """A text with every whitespace run as one space (leading ones dropped), and the offset map.

    ``" ".join(text[first:last].split())`` for a sentence that starts and ends
    on a non-space character is a slice of this one copy, so a document is
    normalised once instead of three times per mention. Built with numpy over
    code points (the same trick as :func:`mapgen.mentions.fold_text`).
    """

    def __init__(self, text: str) -> None:
        import numpy as np

        from .mentions import _LUT

        self.text = text
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        # Folding maps exactly the str.isspace() characters to a space (all lie below U+3001).
        space = _LUT.take(cps) == 32
        keep = ~space
        keep[1:] |= space[1:] & ~space[:-1]  # the first character of each run stays, as a space
        lead = int(np.argmax(keep & ~space)) if len(cps) and not space.all() else len(cps)
        keep[:lead] = False  # leading whitespace goes (str.split drops it)
        flat = np.where(space, np.uint32(32), cps)[keep]
        self.flat = flat.tobytes().decode("utf-32-le")
        self.space = space
        self.index = np.cumsum(keep, dtype=np.int64) - 1  # offset in ``flat`` of each kept character

    def passages(self, bounds: list[tuple[int, int]], names: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
        """``normalise_passage(text, first, last, start, end)`` for each pair, in one vectorised lookup."""
        import numpy as np

        if not bounds:
            return []
        at = np.array([(f, la - 1, s, e - 1) for (f, la), (s, e) in zip(bounds, names, strict=True)], dtype=np.int64)
        ok = (~self.space[at].any(axis=1)).tolist()
        idx = self.index[at].tolist()
        out: list[tuple[str, int, int]] = []
        flat = self.flat
        for good, (a, b, c, d), (first, last), (start, end) in zip(ok, idx, bounds, names, strict=True):
            if good and first < last:
                out.append((flat[a : b + 1], c - a, d + 1 - a))
            else:  # a curator's span that starts or ends on whitespace: the plain way
                out.append(normalise_passage(self.text, first, last, start, end))
        return out
