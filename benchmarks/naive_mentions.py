"""The naive peer of `mapgen mentions`: one compiled regular expression per name variant.

A fair comparator for benchmarks/mentions.py: the same command, the same
resolution, dates and output, only recognition swapped. Each folded name
variant becomes one regex over the original text that accepts what folding
accepts (any case, diacritics, apostrophes and zero-width characters
anywhere, any whitespace run for a space, every hyphen variant), with the same
word boundaries, possessives, capital checks and longest-leftmost choice. So
it produces the same records (benchmarks/mentions.py checks), but scans each
text once per variant.

Usage: python benchmarks/naive_mentions.py PATH... [same options as `mapgen mentions`]
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable

from mapgen import mentions as M


def _folds_to() -> dict[str, str]:
    """For each folded character, a regex class of every character that folds to it."""
    groups: dict[str, set[str]] = defaultdict(set)
    for cp in [*range(0x3001), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        low = ch.lower() if cp != 0x130 else "i"
        if len(low) != 1:
            continue
        out = M._TABLE.get(ord(low), low)
        if out != M._DELETE and len(out) == 1:
            groups[out].add(ch)
    return {k: "[" + "".join(re.escape(c) for c in sorted(v)) + "]" for k, v in groups.items()}


def _cased(pred: Callable[[str], bool]) -> str:
    """A regex class of every character ``pred`` holds for (over the code points :func:`_folds_to` reads)."""
    return "[" + "".join(re.escape(chr(cp)) for cp in [*range(0x3001), *range(0x1E00, 0x1F00)] if pred(chr(cp))) + "]"


#: mapgen's glued-word boundary: a lower-case letter, then a capital ("KirinJilin": scraping lost a space).
_GLUED = f"(?<={_cased(str.islower)})(?={_cased(str.isupper)})"
_DELETABLE = "[" + "".join(re.escape(c) for c in M._APOSTROPHES + M._INVISIBLE) + "\u0300-\u036f]*"
_HYPHEN = "[" + re.escape("-" + M._HYPHENS) + "]"
_APOS = "[" + re.escape(M._APOSTROPHES) + "]"


class NaiveRecognizer(M.Recognizer):
    """Same names and rules as :class:`mapgen.mentions.Recognizer`, one regex per key."""

    def __init__(self, variants: Iterable[tuple[str, str]]) -> None:
        super().__init__(variants)
        classes = _folds_to()
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for key in self.candidates:
            parts = []
            for i, ch in enumerate(key):
                if ch == " ":
                    part = r"\s+"
                elif ch == "-":
                    part = _HYPHEN
                else:
                    part = classes.get(ch, re.escape(ch))
                if i == 0 and key[0] < M._CJK:
                    # the start's boundary checked after its first character, so the regex engine can
                    # skip ahead to that character instead of trying a lookbehind at every position
                    part += rf"(?<=(?:(?<![^\W_])|{_GLUED})(?s:.))"
                parts.append(part if i == len(key) - 1 else part + _DELETABLE)
            body = "".join(parts)
            tail = rf"(?:(?![^\W_])|(?={_APOS}s(?![^\W_]))|{_GLUED})" if key[-1] < M._CJK else ""
            self._patterns.append((key, re.compile(body + tail)))

    def find(self, text: str) -> list[M.Span]:
        hits = [(m.start(), m.end(), key) for key, pat in self._patterns for m in pat.finditer(text)]
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        spans: list[M.Span] = []
        taken = 0
        for start, end, key in hits:
            if start < taken:
                continue
            if not self.accepts(text, start, end, key):
                continue
            spans.append(M.Span(start, end, text[start:end], key, self.candidates[key]))
            taken = end
        return spans


def main(argv: list[str] | None = None) -> None:
    """Run `mapgen mentions` with the naive recogniser swapped in."""
    import mapgen.parallel as P

    M.Recognizer = NaiveRecognizer  # type: ignore[misc]
    P.Recognizer = NaiveRecognizer  # type: ignore[misc]  # where the per-document function looks it up
    from mapgen.cli import main as cli

    cli(["mentions", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
