"""Names inside names: a feature-type grammar around recognised spans.

A known name inside a longer proper name must not be taken as the shorter
place: "Sea of Japan" is a sea, not Japan; "Taegu (Daegu) Air Base" is the air
base, not the city; "Kunsan airfield" is the airfield. Around each resolved
span this stage looks for a feature phrase (``data/feature_words.txt``):

- after it: ``X airfield / airport / AB / AFB / dam / bridge /
  river / reservoir / lake / province / peninsula / harbor / bay / strait /
  mountains / range``, optionally with a gloss in brackets or "City" between
  ("Taegu (Daegu) Air Base", "Taegu City Airport");
- before it: ``Sea of X``, ``Gulf of X``, ``Bay of X``, ``Strait(s) of X``; and
  descriptors such as ``province of X``, whose words say what X is but are not
  part of its name: the place is resolved as that feature, the span stays ``X``
  (marked ``name`` in the data file's fourth column).

Then the whole phrase resolves to

1. the place the span already has, if one of its names is that feature
   ("Naktong" + "River" when the river is known as "Naktong River");
2. else another gazetteer place named "X <feature>" (the airfield of town X);
3. else an unresolved record that says what it is (``place_id`` null,
   ``source`` "unresolved", ``place_name`` "Sea of X (sea)"): never the
   country or the town inside it.

Only the names of the gazetteer are needed (no categories), so it runs on the
light :class:`mapgen.gazetteer.PlaceNames` too.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .inputs import package_text
from .mentions import Span, fold_name

#: Confidence of a place reached through the grammar (rule 2): the name fits, the gazetteer says so.
GRAMMAR_CONFIDENCE = 0.9


@dataclass(frozen=True)
class FeatureWords:
    """Suffix and prefix feature words, each with the group it belongs to (airfield, water, ...)."""

    suffix: Mapping[str, str]  # folded word(s) -> group
    prefix: Mapping[str, str]
    #: prefixes that describe rather than name ("province of Kirin": the name is "Kirin")
    descriptors: frozenset[str] = frozenset()


@cache
def feature_words() -> FeatureWords:
    """``data/feature_words.txt``: lines ``suffix|prefix <TAB> words <TAB> group [<TAB> name]``."""
    raw = package_text("data", "feature_words.txt") or ""
    suffix: dict[str, str] = {}
    prefix: dict[str, str] = {}
    descriptors: set[str] = set()
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, words, group, *flags = (x.strip() for x in line.split("\t"))
        (suffix if kind == "suffix" else prefix)[fold_name(words)] = group
        if kind == "prefix" and "name" in flags:
            descriptors.add(fold_name(words))
    return FeatureWords(suffix, prefix, frozenset(descriptors))


@cache
def _suffix_re() -> re.Pattern[str]:
    words = sorted(feature_words().suffix, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:[ \t]*\([^()\n]{{1,24}}\))?(?:[ \t]+City)?[ \t]+({alt})s?\b", re.IGNORECASE)


@cache
def _prefix_re() -> re.Pattern[str]:
    words = sorted(feature_words().prefix, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b({alt})[ \t]+of[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)


def _prefix_before(prefix: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """``prefix`` searched in the 30 characters before ``start`` ("Sea of ", "province of the ").

    Every match ends in a feature word, blanks, "of" and blanks (and perhaps
    "the" and blanks), so most names skip the search (it tries every position
    of the window): the characters before the name are read first (only ASCII
    letters lower to, or match ignoring case, "o", "f", "t", "h" and "e"; a
    word's last letter beyond ASCII is left to the search).
    """
    lo = max(0, start - 30)
    k = start  # k: where the blanks before the name begin
    while k > lo and text[k - 1] in " \t":
        k -= 1
    if k == start or k - 2 < lo:
        return None
    if text[k - 2 : k].lower() != "of":
        if k - 4 < lo or text[k - 3 : k].lower() != "the" or text[k - 4] not in " \t":
            return None
        k -= 3  # "of the": the "of" is before the blanks before "the"
        while k > lo and text[k - 1] in " \t":
            k -= 1
        if k - 2 < lo or text[k - 2 : k].lower() != "of":
            return None
    k -= 2  # before "of": blanks, and before them the last letter of a feature word ("Sea of")
    if k - 1 < lo or text[k - 1] not in " \t":
        return None
    while k > lo and text[k - 1] in " \t":
        k -= 1
    c = text[k - 1 : k] if k > lo else ""
    if c not in _prefix_ends() and (c.isascii() or not c):
        return None
    return prefix.search(text[lo:start])


@cache
def _prefix_ends() -> frozenset[str]:
    """The last letters, in either case, of the prefix feature words ("a" of Sea, "f" of Gulf);
    all ASCII letters when one is beyond ASCII (an ASCII letter may match it ignoring case)."""
    ends = {c for w in feature_words().prefix for c in (w[-1].lower(), w[-1].upper())}
    return frozenset(ends if all(c.isascii() for c in ends) else ends | set(string.ascii_letters))


@cache
def _suffix_starts() -> tuple[frozenset[str], frozenset[str]]:
    """The first two characters, in any case, that ``_suffix_re`` can find after the blanks that
    follow a name ("Ci" of City, "ai" of airfield...), and the first ones alone ("(" of a gloss)."""
    pairs: set[str] = set()
    singles = {"("}
    for w in (*feature_words().suffix, "city"):
        if len(w) > 1 and w[:2].isascii() and w[:2].isalpha():
            pairs.update(a + b for a in (w[0].lower(), w[0].upper()) for b in (w[1].lower(), w[1].upper()))
        else:
            singles.update((w[0].lower(), w[0].upper()))
    return frozenset(pairs), frozenset(singles)


def _suffix_after(suffix: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """``suffix.match(text, end)``, tried only where the characters after the blanks could start it
    (a gloss, "City" or a feature word; beyond ASCII, where a character may match a letter
    ignoring case, always)."""
    if text[end : end + 1] != "(":
        k = end
        while text[k : k + 1] in (" ", "\t"):
            k += 1
        pairs, singles = _suffix_starts()
        two = text[k : k + 2]
        if k == end or not (two in pairs or two[:1] in singles or not two.isascii()):
            return None
    return suffix.match(text, end)


#: The two characters before a name that ``_prefix_before`` can pass: a blank after "of"/"the" or a blank.
_BEFORE_PAIRS = frozenset(a + b for a in "fFeE \t" for b in " \t")
_BLANK = frozenset(" \t")


@cache
def _after_starts() -> tuple[frozenset[str], frozenset[str]]:
    """What ``_suffix_after`` can pass after a name, but for "(" and beyond ASCII: three characters
    (a blank and two of a word's), or two (a blank and a gloss's "(", a one-letter start or a blank)."""
    pairs, singles = _suffix_starts()
    return (
        frozenset(b + p for b in " \t" for p in pairs),
        frozenset(b + c for b in " \t" for c in (*singles, " ", "\t")),
    )


class FeatureIndex:
    """``(head, group) -> place ids`` from the gazetteer's names: "Kunsan Air Base" gives ("kunsan", airfield)."""

    def __init__(
        self, variants: Iterable[tuple[str, str]] = (), keys: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        """From ``(place_id, name)`` pairs, or faster from already folded ``keys`` (``Recognizer.candidates``)."""
        fw = feature_words()
        self.by_head: dict[tuple[str, str], list[str]] = {}
        #: place id -> the feature groups its own names carry ("Hebei Province": province)
        self.groups: dict[str, set[str]] = {}
        folded: Iterable[tuple[str, Iterable[str]]] = (
            keys.items() if keys is not None else ((fold_name(n).removeprefix("the "), (pid,)) for pid, n in variants)
        )
        longest = max((len(w.split(" ")) for w in fw.suffix), default=1)
        for key, pids in folded:
            words = key.split(" ")
            for k in range(1, min(longest, len(words) - 1) + 1):  # the last k words as a feature word
                group = fw.suffix.get(" ".join(words[-k:]))
                if group:
                    for pid in pids:
                        self._add(" ".join(words[:-k]), group, pid)
            if len(words) > 2 and words[1] == "of" and words[0] in fw.prefix:
                head = " ".join(words[2:]).removeprefix("the ")
                for pid in pids:
                    self._add(head, fw.prefix[words[0]], pid)

    def _add(self, head: str, group: str, pid: str) -> None:
        self.groups.setdefault(pid, set()).add(group)
        ids = self.by_head.setdefault((head, group), [])
        if pid not in ids:
            ids.append(pid)

    def places(self, head: str, group: str) -> list[str]:
        return self.by_head.get((head, group), [])


def apply_grammar(text: str, choices: list[Any], index: FeatureIndex) -> list[Any]:
    """Widen each choice inside a feature phrase to the phrase and resolve it (see the module docstring).

    ``choices`` are :class:`mapgen.resolution.Choice` objects in text order; the
    result is too, without overlaps (a widened phrase swallows the choices it covers).
    """
    fw = feature_words()
    suffix, prefix = _suffix_re(), _prefix_re()
    after_three, after_two = _after_starts()
    out: list[Any] = []
    skip_until = 0
    for ch in choices:
        sp = ch.span
        if sp.start < skip_until:
            continue
        # the characters beside the name rule most phrases out (the two functions say why): after
        # it a blank and two letters of "City" or a feature word, or "(", or a second blank; before
        # it "of" and a blank, "of the" and a blank, or two blanks
        after = text[sp.end : sp.end + 3]
        m_after = (
            _suffix_after(suffix, text, sp.end)
            if after[:1] == "(" or after in after_three or after[:2] in after_two or not after.isascii()
            else None
        )
        b = text[sp.start - 7 : sp.start]
        m_before = (
            _prefix_before(prefix, text, sp.start)
            if b[-2:] in _BEFORE_PAIRS
            and (b[-2] not in "eE" or (b[-5:-4] in _BLANK and (b[-7:-5].lower() == "of" or b[-6:-5] in _BLANK)))
            else None
        )
        if not (m_after or m_before):
            out.append(ch)
            continue
        if m_after:
            group = fw.suffix[fold_name(m_after.group(1))]
            start, end = sp.start, m_after.end()  # a plural "s" stays inside the phrase
        else:
            assert m_before is not None
            word = fold_name(m_before.group(1))
            group = fw.prefix[word]
            start, end = sp.start - (len(text[max(0, sp.start - 30) : sp.start]) - m_before.start()), sp.end
            if word in fw.descriptors:  # "province of Kirin": resolved as the province, named "Kirin"
                start = sp.start
        head = sp.key or fold_name(sp.surface)
        phrase = text[start:end]
        new_span = Span(start, end, phrase, fold_name(phrase), sp.place_ids)
        # rule 1: the place itself is such a feature ("province of Hopeh" when Hebei is "Hebei Province")
        own = ch.place_id and (ch.place_id in index.places(head, group) or group in index.groups.get(ch.place_id, ()))
        if own:
            out.append(replace(ch, span=new_span, match="grammar"))
        else:
            others = index.places(head, group)
            if others:
                out.append(
                    replace(
                        ch,
                        span=new_span,
                        place_id=others[0],
                        confidence=GRAMMAR_CONFIDENCE
                        if len(others) == 1
                        else round(GRAMMAR_CONFIDENCE / len(others), 3),
                        alternatives=tuple({"place_id": o, "score": None} for o in others[1:]),
                        resolved_by="grammar",
                        match="grammar",
                        place_name=None,
                        point=None,
                        source="gazetteer",
                    )
                )
            else:
                out.append(
                    replace(
                        ch,
                        span=new_span,
                        place_id=None,
                        confidence=0.0,
                        alternatives=(),
                        resolved_by="grammar",
                        match="grammar",
                        source="unresolved",
                        place_name=f"{' '.join(phrase.split())} ({group}; not in the gazetteer)",
                        point=None,
                    )
                )
        skip_until = end
        # drop earlier output that the widened phrase now covers ("Sea of" never holds a name; a gloss might)
        while len(out) > 1 and out[-2].span.end > start:
            out.pop(-2)
    return out
