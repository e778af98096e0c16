"""The floor of `mapgen mentions` in Python: what its C-level passes alone cost on the dense corpus.

Issue 14 asks for 10 MB/s on one process. Every rule of the join (recognition,
the open world, sentences, dates, records) starts with a pass over the text
that runs in C: the fold, the automaton scan, the open world's split into
capitalised words, the scans for sentence ends, years and month names, and
one formatted string per JSON line. This script times those passes alone,
with no Python per match, on the same corpus as benchmarks/mentions.py
(real article paragraphs from ../shared, read at run time), plus the start-up
of the command and the reading of the files. Their sum is the least that
any pure-Python design of the same rules could take; the whole command is
timed beside it, in the same run.

    python benchmarks/floor.py                  # 10 MB dense corpus, median of 3 rounds
    python benchmarks/floor.py --size 1 --rounds 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mentions as bench  # benchmarks/mentions.py: the corpus and the process timer

from mapgen import dates, openworld, parallel, sentences
from mapgen import mentions as recognition

TARGET_MB_S = 10.0


def passes(texts: list[str], records: list[dict[str, Any]]) -> dict[str, Callable[[], object]]:
    """The C-level passes, each over the whole corpus, in the order the join makes them."""
    job = parallel.mentions_job(None)
    recognizer, _ = parallel._prepared(job)
    folded = [recognition._fold(t)[0].text for t in texts]
    enc = json.encoder.encode_basestring
    rows = [(r["doc"], r["start"], r["end"], r["text"], r["place_id"], r["sentence"], r["date"]) for r in records]

    def lines() -> str:  # one f-string per record, every string encoded: the least a JSON line costs
        return "".join(
            f'{{"doc": {enc(d)}, "start": {s}, "end": {e}, "text": {enc(t)}, "place_id": {enc(p or "")}, '
            f'"sentence": {enc(x)}, "date": {enc(y or "")}}}\n'
            for d, s, e, t, p, x, y in rows
        )

    return {
        "fold": lambda: [recognition._fold(t) for t in texts],
        "automaton scan": lambda: [recognition._scan(recognizer._automaton, recognizer._longest, f) for f in folded],
        "capitalised-word split": lambda: [openworld._CAPWORD.split(t) for t in texts],
        "sentence-end scans": lambda: [
            [m.end() for rx in (sentences._FULL_STOP, *sentences._OTHER_ENDS) for m in rx.finditer(t)] for t in texts
        ],
        "year and month scans": lambda: [
            [m.start() for rx in (*dates._YEAR_SCANS, dates._MONTH_SCAN) for m in rx.finditer(t)] for t in texts
        ],
        "JSON lines, one f-string each": lines,
    }


def cpu(f: Callable[[], object], rounds: int) -> float:
    """Median CPU seconds of ``f`` over ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        t = time.process_time()
        f()
        times.append(time.process_time() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=10.0, help="MB of dense corpus (default 10)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of each measurement; medians reported")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        nbytes, ndocs = bench.generate_dense(corpus, args.size)
        one = Path(tmp) / "one.txt"
        one.write_text("MiG-15s flew from Antung.\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "mapgen", "-q", "mentions", "--jobs", "1"]
        out = Path(tmp) / "out.jsonl"
        whole, start = [], []
        for _ in range(args.rounds):
            whole.append(bench.run_once([*cmd, str(corpus)], out, None)[3])
            start.append(bench.run_once([*cmd, str(one)], Path(tmp) / "one.jsonl", None)[3])
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        files = sorted(corpus.glob("*.txt"))
        figures = {"start-up (one sentence, whole process)": statistics.median(start)}
        figures["reading the files"] = cpu(lambda: [p.read_text(encoding="utf-8") for p in files], args.rounds)
        texts = [p.read_text(encoding="utf-8") for p in files]
        for name, f in passes(texts, records).items():
            figures[name] = cpu(f, args.rounds)
    mb = nbytes / 1e6
    floor = sum(figures.values())
    print(f"{mb:.1f} MB, {ndocs} documents, {len(records)} records; CPU seconds, median of {args.rounds}\n")
    print("| pass | CPU s | share of the floor |\n|---|---|---|")
    for name, s in figures.items():
        print(f"| {name} | {s:.3f} | {s / floor:.0%} |")
    print(f"| **floor: the sum** | **{floor:.3f}** | {mb / floor:.1f} MB per CPU s at most |")
    w = statistics.median(whole)
    print(f"| whole command, one process | {w:.3f} | {mb / w:.2f} MB per CPU s; {w / floor:.2f}x the floor |")
    print(f"\nThe target, {TARGET_MB_S:g} MB/s, leaves {mb / TARGET_MB_S:.2f} CPU s for the whole command.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
