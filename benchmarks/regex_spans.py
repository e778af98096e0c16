"""The span-scan peer of `mapgen mentions`: one regular-expression alternation of every name.

What a developer would write first: the gazetteer's titles and name variants,
longest first, as one case-insensitive alternation between word boundaries,
run over each text. It finds spans only (no folding of diacritics or
apostrophes, no line breaks inside names, no resolution, dates, sentences or
citations), so its records differ from mapgen's: it is the speed floor that
the whole command is measured against, not a correctness peer.

Usage: python benchmarks/regex_spans.py PATH... --gazetteer FILE
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SUFFIXES = (".txt", ".md")


def names(gazetteer: Path) -> list[str]:
    """Every title and toponym of the gazetteer (plain JSON: no GIS stack to import)."""
    data = json.loads(gazetteer.read_text(encoding="utf-8"))
    out: set[str] = set()
    for f in data["features"]:
        out.add(f["properties"]["title"])
        out.update(n["toponym"] for n in f.get("names") or ())
    return sorted((n for n in out if len(n) >= 2), key=lambda n: (-len(n), n))


def files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(q for q in p.rglob("*") if q.suffix in SUFFIXES) if p.is_dir() else [p]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--gazetteer", type=Path, required=True)
    args = ap.parse_args(argv)
    # Lower-cased text against lower-cased names: re.IGNORECASE ran 4x slower (str.lower keeps offsets
    # for all but U+0130, which the corpus does not hold).
    keys = sorted({n.lower() for n in names(args.gazetteer)}, key=lambda n: (-len(n), n))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b")
    out = sys.stdout
    for path in files(args.paths):
        text = path.read_text(encoding="utf-8")
        doc = path.stem
        for m in pattern.finditer(text.lower()):
            s, e = m.span()
            out.write(json.dumps({"doc": doc, "start": s, "end": e, "text": text[s:e]}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
