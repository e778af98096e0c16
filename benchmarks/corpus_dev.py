"""Score place recognition and resolution on the development set (../shared/corpus-dev).

The set is twelve real third-party texts with hand-made gold (offsets, the
place's point, a tolerance in km, a tier: ``core`` or ``context``). It is read
at run time and never copied into the repository.

Definitions (one system record or gold mention is counted at most once):

- a gold mention is **found** when a system record's span overlaps it;
- it is **placed** when that record's point lies within the gold's
  ``tolerance_km`` of the gold point (geodesic distance);
- **recall** (core, all) is placed / gold mentions: found *and* placed, the
  issue's "found and placed" measure; ``found`` alone is reported beside it;
- **precision** is records that overlap a gold span / all records;
- **offsets exact** is, among found mentions, the share whose record has the
  gold's exact ``start`` and ``end``.

The O'Neill article (../shared/corpus/oneill-2000.txt with tests/gold/oneill-2000.csv)
is scored by exact span and place id, as tests/test_join.py does.

    python benchmarks/corpus_dev.py                 # table and the misses
    python benchmarks/corpus_dev.py --json out.json # figures as JSON too
    python benchmarks/corpus_dev.py --curated-only  # without the open-world tier

Exit code 2 when the development set is absent (1 in CI, i.e. with CI=true).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MAPGEN_SHARED", REPO.parent / "shared"))


def dev_dir() -> Path:
    """Where the development set lives (``$MAPGEN_CORPUS_DEV`` or ../shared/corpus-dev)."""
    return Path(os.environ.get("MAPGEN_CORPUS_DEV", SHARED / "corpus-dev"))


def load_gold(root: Path) -> dict[str, list[dict[str, Any]]]:
    """``doc -> gold mentions`` from ``root/gold/*.jsonl``."""
    gold: dict[str, list[dict[str, Any]]] = {}
    for f in sorted((root / "gold").glob("*.jsonl")):
        gold[f.stem] = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return gold


def system_records(paths: Iterable[Path], *, curated_only: bool = False) -> list[dict[str, Any]]:
    """The records ``mapgen mentions`` prints for ``paths`` (the Python API, same code)."""
    from mapgen.gazetteer import load_gazetteer
    from mapgen.join import iter_mention_records
    from mapgen.texts import iter_documents

    gaz = load_gazetteer()
    kwargs: dict[str, Any] = {}
    if curated_only:
        kwargs["curated_only"] = True
    try:
        return list(iter_mention_records(gaz, iter_documents(list(paths)), **kwargs))
    except TypeError:  # before the open-world tier existed: everything was curated
        return list(iter_mention_records(gaz, iter_documents(list(paths))))


def _distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    from mapgen.geo import geodesic_distance_km

    return float(geodesic_distance_km(lon1, lat1, lon2, lat2))


def score(gold: Mapping[str, list[dict[str, Any]]], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall (core/all, found and placed), precision and exact offsets, with the misses listed."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_doc.setdefault(r["doc"], []).append(r)
    tiers = {"core": [0, 0, 0], "context": [0, 0, 0]}  # gold, found, placed
    exact = found_total = 0
    misses: list[dict[str, Any]] = []
    used: set[int] = set()
    for doc, golds in gold.items():
        recs = by_doc.get(doc, [])
        for g in golds:
            t = tiers[g["tier"]]
            t[0] += 1
            hits = [r for r in recs if r["start"] < g["end"] and g["start"] < r["end"]]
            if not hits:
                misses.append({**_brief(g), "why": "not found"})
                continue
            t[1] += 1
            found_total += 1
            best = min(hits, key=lambda r: (r["start"] != g["start"] or r["end"] != g["end"], _dist(r, g)))
            used.update(id(r) for r in hits)
            if best["start"] == g["start"] and best["end"] == g["end"]:
                exact += 1
            d = _dist(best, g)
            if d <= g["tolerance_km"]:
                t[2] += 1
            else:
                misses.append(
                    {
                        **_brief(g),
                        "why": f"placed {'nowhere' if d == float('inf') else f'{d:.0f} km off'} as {best['place_id']!r}"
                        + (
                            ""
                            if (best["start"], best["end"]) == (g["start"], g["end"])
                            else f" (span {best['text']!r})"
                        ),
                    }
                )
    false = [
        {"doc": r["doc"], "start": r["start"], "text": r["text"], "place_id": r["place_id"]}
        for r in records
        if id(r) not in used and r["doc"] in gold
    ]
    n_rec = sum(1 for r in records if r["doc"] in gold)
    core, ctx = tiers["core"], tiers["context"]
    all_g = core[0] + ctx[0]
    return {
        "gold_core": core[0],
        "gold_all": all_g,
        "records": n_rec,
        "core_recall": _ratio(core[2], core[0]),
        "core_found": _ratio(core[1], core[0]),
        "all_recall": _ratio(core[2] + ctx[2], all_g),
        "all_found": _ratio(core[1] + ctx[1], all_g),
        "precision": _ratio(n_rec - len(false), n_rec),
        "offsets_exact": _ratio(exact, found_total),
        "misses": misses,
        "false_positives": false,
    }


def _dist(r: Mapping[str, Any], g: Mapping[str, Any]) -> float:
    lon, lat = r.get("lon"), r.get("lat")
    if lon is None or lat is None or lon != lon or lat != lat:
        return float("inf")
    return _distance_km(lon, lat, g["lon"], g["lat"])


def _brief(g: Mapping[str, Any]) -> dict[str, Any]:
    return {"doc": g["doc"], "start": g["start"], "text": g["text"], "tier": g["tier"]}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def theatre_ids() -> set[str]:
    """Ids of the features scripts/build_theatre.py made (generated or from scripts/theatre.toml)."""
    data = json.loads((REPO / "data" / "places.geojson").read_text(encoding="utf-8"))
    curated = set(re.findall(r'^id = "([^"]+)"', (REPO / "scripts" / "theatre.toml").read_text(encoding="utf-8"), re.M))
    notes = ("generated by scripts/build_theatre.py",)
    return curated | {
        f["id"] for f in data["features"] if any(n in c.get("note", "") for c in f.get("citations", []) for n in notes)
    }


def score_oneill(*, curated_only: bool = False) -> dict[str, Any] | None:
    """Precision and recall on the O'Neill article by exact span and place id (None when absent)."""
    corpus = Path(os.environ.get("MAPGEN_CORPUS", SHARED / "corpus"))
    text = corpus / "oneill-2000.txt"
    if not text.is_file():
        return None
    with (REPO / "tests" / "gold" / "oneill-2000.csv").open(encoding="utf-8") as f:
        gold = {(int(r["start"]), int(r["end"]), r["place_id"]) for r in csv.DictReader(f)}
    got = {(r["start"], r["end"], r["place_id"]) for r in system_records([text], curated_only=curated_only)}
    # The gold covers the places of the gazetteer it was made with (the hand-written features);
    # records on places added since (scripts/build_theatre.py, the open-world tier) are listed apart.
    new = theatre_ids()
    outside = {g for g in got if g[2] in new or ":" in g[2]}
    got -= outside
    tp = len(gold & got)
    return {
        "outside_gold_scope": sorted(outside),
        "precision": _ratio(tp, len(got)),
        "recall": _ratio(tp, len(gold)),
        "missed": sorted(gold - got),
        "extra": sorted(got - gold),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="also write the figures (and misses) to this file")
    ap.add_argument("--curated-only", action="store_true", help="score without the open-world tier")
    ap.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = ap.parse_args(argv)
    root = dev_dir()
    if not (root / "gold").is_dir():
        print(f"development set not found at {root} (set MAPGEN_CORPUS_DEV)", file=sys.stderr)
        return 1 if os.environ.get("CI") == "true" else 2
    gold = load_gold(root)
    records = system_records(sorted(root / f"{d}.txt" for d in gold), curated_only=args.curated_only)
    res = score(gold, records)
    res["oneill"] = score_oneill(curated_only=args.curated_only)
    print("| measure | value |\n|---|---|")
    for k in ("core_recall", "all_recall", "precision", "offsets_exact", "core_found", "all_found"):
        print(f"| {k.replace('_', ' ')} | {res[k]:.3f} |")
    print(
        f"| gold mentions (core / all) | {res['gold_core']} / {res['gold_all']} |\n| system records | {res['records']} |"
    )
    if res["oneill"]:
        o = res["oneill"]
        print(f"| O'Neill precision / recall (the gold's places) | {o['precision']:.2f} / {o['recall']:.2f} |")
        print(
            f"| O'Neill records on places added since the gold | {len(o['outside_gold_scope'])} ({', '.join(sorted({g[2] for g in o['outside_gold_scope']}))}) |"
        )
    if not args.quiet:
        print("\nmisses:")
        for m in res["misses"]:
            print(f"  {m['tier']:7} {m['doc'][:28]:28} {m['start']:5} {m['text']!r}: {m['why']}")
        print("\nfalse positives:")
        for m in res["false_positives"]:
            print(f"  {m['doc'][:28]:28} {m['start']:5} {m['text']!r} -> {m['place_id']}")
        if res["oneill"] and (res["oneill"]["missed"] or res["oneill"]["extra"]):
            print("\nO'Neill missed:", res["oneill"]["missed"], "\nO'Neill extra:", res["oneill"]["extra"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
