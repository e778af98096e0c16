"""Benchmark `mapgen mentions` against its peers: a regex span scan and one regex per name variant.

Generates corpora of 1, 10 and 100 MB (default) into a temporary folder (never
committed): ``--corpus mixed`` from our own fixture texts (tests/data/texts)
and random filler, ``--corpus dense`` from the paragraphs of the real
articles in ../shared (read at run time). Then runs the variants in turn,
round by round: the real command on one process (``mapgen``), on two
(``mapgen-j2``) and on a local Dask cluster of two workers (``dask``);
benchmarks/regex_spans.py (one alternation of every name, spans only: the
speed floor) and benchmarks/naive_mentions.py (one regex per variant, the
same records). Reports, per size, the median end-to-end throughput (MB of
text per second, start-up included; CPU seconds of the process and its
workers in brackets), the peak resident memory, the speed ratios taken pair
by pair in the same round, and whether every variant but the span scan
printed the same bytes. ``--one-document`` joins the corpus into one file and
runs mapgen alone: the peak memory of one long text. Figures go to
benchmarks/results/mentions.json (git-ignored) and stdout as a markdown table.

    python benchmarks/mentions.py                 # 1, 10, 100 MB; 3, 3 and 1 pairs
    python benchmarks/mentions.py --sizes 1,10 --repeats 5
    python benchmarks/mentions.py --tiny          # seconds: for CI, no figures worth quoting
    python benchmarks/mentions.py --one-document --sizes 100 --repeats 1   # peak memory of one 100 MB text
    # issue 14: real article paragraphs, 1 and 2 processes and Dask against the regex span scan
    python benchmarks/mentions.py --corpus dense --sizes 10 --repeats 3 \\
        --variants mapgen,mapgen-j2,dask,regex --startup 5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "data" / "texts"
RESULTS = REPO / "benchmarks" / "results" / "mentions.json"
DOC_BYTES = 256_000  # one generated document: a long article
_FILLER = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "was",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "his",
    "it",
    "were",
    "which",
    "had",
    "an",
    "be",
    "this",
    "not",
    "but",
    "they",
    "their",
    "war",
    "air",
    "forces",
    "pilots",
    "units",
    "aircraft",
    "bombers",
    "fighters",
    "supply",
    "lines",
    "river",
    "bridge",
    "front",
    "line",
    "radar",
    "crews",
    "winter",
    "spring",
    "orders",
    "reports",
    "telegrams",
    "talks",
    "leaders",
    "army",
    "navy",
    "division",
    "regiment",
    "base",
    "field",
    "airfield",
    "attack",
    "defence",
    "defense",
    "patrol",
    "sortie",
    "mission",
    "losses",
    "claims",
    "archives",
    "records",
    "sources",
    "historians",
    "view",
]
_CAPITALISED = [
    "Soviet",
    "Chinese",
    "Korean",
    "American",
    "Stalin",
    "Mao",
    "Truman",
    "Kim",
    "Air",
    "Force",
    "Navy",
    "Army",
    "The",
    "In",
    "During",
    "After",
]


def generate(folder: Path, size_mb: float, seed: int = 1950, fixture_share: float = 0.25) -> tuple[int, int]:
    """Write about ``size_mb`` MB of .txt documents; return (bytes, documents).

    ``fixture_share`` of the paragraphs are our fixture texts (dense with place
    names and dates, about as dense as the O'Neill article), the rest filler.
    """
    rng = random.Random(seed)
    fixtures = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.iterdir()) if p.suffix in (".txt", ".md")]

    def paragraph() -> str:
        if rng.random() < fixture_share:
            return rng.choice(fixtures)
        words = [
            rng.choice(_CAPITALISED) if rng.random() < 0.08 else rng.choice(_FILLER)
            for _ in range(rng.randint(60, 160))
        ]
        for i in range(12, len(words), rng.randint(9, 14)):
            words[i] += rng.choice([" \n\n", "\n", ".", ",", ";"])
        return " ".join(words) + ".\n\n"

    return _write_documents(folder, int(size_mb * 1_000_000), DOC_BYTES, paragraph)


def _write_documents(folder: Path, target: int, doc_bytes: int, paragraph: Callable[[], str]) -> tuple[int, int]:
    """Documents of about ``doc_bytes`` made of ``paragraph()`` until ``target`` bytes; return (bytes, documents)."""
    written = docs = 0
    while written < target:
        parts: list[str] = []
        size = 0
        limit = min(doc_bytes, target - written)
        while size < limit:
            chunk = paragraph()
            parts.append(chunk)
            size += len(chunk.encode("utf-8"))
        data = "".join(parts).encode("utf-8")
        (folder / f"doc-{docs:05d}.txt").write_bytes(data)
        written += len(data)
        docs += 1
    return written, docs


def _shared_texts() -> list[Path]:
    """The real articles beside the checkout: ../shared/corpus and ../shared/corpus-dev (or $MAPGEN_CORPUS)."""
    env = os.environ.get("MAPGEN_CORPUS")
    roots = [Path(env)] if env else []
    roots += [REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus-dev"]
    return sorted(
        p
        for r in roots
        if r.is_dir()
        for p in r.iterdir()
        if p.suffix in (".txt", ".md") and p.stem.lower() != "readme"
    )


def generate_dense(folder: Path, size_mb: float, seed: int = 1950, doc_bytes: int = 17_000) -> tuple[int, int]:
    """Write about ``size_mb`` MB of documents made only of real article paragraphs; return (bytes, documents).

    The paragraphs (blank-line separated) of the articles in ../shared/corpus and
    ../shared/corpus-dev, read at run time and never stored in the repository,
    shuffled into documents of about ``doc_bytes`` (an article's length): the
    shape of the corpus issue 14 measured (about 4,300 mentions per MB, 580
    files in 10 MB). Without those folders, our fixture texts stand in.
    """
    rng = random.Random(seed)
    sources = _shared_texts() or sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    paras = [x.strip() for p in sources for x in p.read_text(encoding="utf-8").split("\n\n") if len(x.strip()) > 40]
    return _write_documents(folder, int(size_mb * 1_000_000), doc_bytes, lambda: rng.choice(paras) + "\n\n")


def run_once(cmd: list[str], out: Path, cpu: int | None) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MB), exit status and CPU seconds of one process writing stdout to ``out``.

    CPU seconds (user + system) are what one core spent: on a shared machine
    wall time also counts the waits for other processes.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}

    def pin() -> None:
        if cpu is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {cpu})

    with out.open("wb") as f:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL, env=env, preexec_fn=pin)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return seconds, rss_mb, proc.returncode, usage.ru_utime + usage.ru_stime


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _as_one_document(corpus: Path) -> int:
    """Concatenate the generated documents into one file (the memory case of issue 13)."""
    files = sorted(corpus.glob("*.txt"))
    with (corpus / "one-document.txt.part").open("wb") as out:
        for f in files:
            out.write(f.read_bytes())
            f.unlink()
    (corpus / "one-document.txt.part").rename(corpus / "one-document.txt")
    return 1


VARIANTS = ("mapgen", "mapgen-j2", "dask", "regex", "naive")


def commands(corpus: Path, gazetteer: Path) -> dict[str, tuple[list[str], bool]]:
    """Each variant's command, and whether it runs on one core (pinned when --cpu is given)."""
    mapgen = [sys.executable, "-m", "mapgen", "-q", "mentions", str(corpus), "--gazetteer", str(gazetteer)]
    peer = [str(corpus), "--gazetteer", str(gazetteer)]
    return {
        "mapgen": ([*mapgen, "--jobs", "1"], True),
        "mapgen-j2": ([*mapgen, "--jobs", "2"], False),
        "dask": ([*mapgen, "--dask", "local", "--jobs", "2"], False),
        "regex": ([sys.executable, str(REPO / "benchmarks" / "regex_spans.py"), *peer], True),
        "naive": ([sys.executable, str(REPO / "benchmarks" / "naive_mentions.py"), *peer, "--jobs", "1"], True),
    }


def bench(
    sizes: list[float],
    repeats: list[int],
    gazetteer: Path,
    cpu: int | None,
    fixture_share: float = 0.25,
    corpus_kind: str = "mixed",
    variants: tuple[str, ...] = ("mapgen", "naive"),
    one_document: bool = False,
) -> dict[str, Any]:
    """Run the variants pair by pair (all of them in turn, ``repeats`` times) on each corpus size.

    Speed ratios are taken pair by pair against the regex span scan and the
    naive peer when they ran, then the median of those ratios is reported.
    """
    rows = []
    for size, n in zip(sizes, repeats, strict=True):
        with tempfile.TemporaryDirectory(prefix="mapgen-bench-") as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            if corpus_kind == "dense":
                nbytes, ndocs = generate_dense(corpus, size)
            else:
                nbytes, ndocs = generate(corpus, size, fixture_share=fixture_share)
            cmds = {k: v for k, v in commands(corpus, gazetteer).items() if k in variants}
            if one_document:  # memory of one long document is the figure; the naive peer would take an hour
                ndocs = _as_one_document(corpus)
                cmd, single = commands(corpus, gazetteer)["mapgen"]
                cmds = {"mapgen": ([*cmd, "--max-input-mb", str(max(256, int(size * 2)))], single)}
            runs: dict[str, list[tuple[float, float, int, float]]] = {k: [] for k in cmds}
            digests: dict[str, str] = {}
            for _ in range(n):  # pair by pair, so drift hits all alike
                for name, (cmd, single) in cmds.items():
                    out = Path(tmp) / f"{name}.jsonl"
                    runs[name].append(run_once(cmd, out, cpu if single else None))
                    digests[name] = _digest(out)
            first = next(k for k in cmds if k != "regex")
            lines = sum(1 for _ in (Path(tmp) / f"{first}.jsonl").open("rb"))
        row: dict[str, Any] = {
            "size_mb": round(nbytes / 1e6, 2),
            "documents": ndocs,
            "records": lines,
            "records_per_mb": round(lines / (nbytes / 1e6)),
        }
        for name, rs in runs.items():
            secs = [r[0] for r in rs]
            row[name] = {
                "seconds": [round(s, 3) for s in secs],
                "median_seconds": round(statistics.median(secs), 3),
                "mb_per_s": round(nbytes / 1e6 / statistics.median(secs), 2),
                "cpu_seconds": [round(r[3], 3) for r in rs],
                "mb_per_cpu_s": round(nbytes / 1e6 / statistics.median(r[3] for r in rs), 2),
                "peak_rss_mb": round(max(r[1] for r in rs), 1),
                "exit_codes": sorted({r[2] for r in rs}),
            }
            for peer in ("regex", "naive"):
                if peer in runs and name not in (peer, "regex"):  # pair by pair: the peer's run of the same round
                    ratios = [b[0] / a[0] for a, b in zip(rs, runs[peer], strict=True)]
                    row[name][f"x_{peer}"] = round(statistics.median(ratios), 2)
        if "naive" in runs and "mapgen" in runs:
            row["ratio"] = row["mapgen"]["x_naive"]
            med_cpu = {k: statistics.median(r[3] for r in runs[k]) for k in ("mapgen", "naive")}
            row["ratio_cpu"] = round(med_cpu["naive"] / med_cpu["mapgen"], 2) if med_cpu["mapgen"] else None
        same = {digests[k] for k in cmds if k != "regex"}
        row["same_records"] = len(same) == 1  # every variant but the span scan prints the same bytes
        if one_document:
            row["one_document"] = True
        rows.append(row)
    return {
        "benchmark": "mapgen mentions (1 and 2 processes, Dask) vs a one-alternation regex span scan and one regex per variant",
        "gazetteer": str(gazetteer.relative_to(REPO)) if gazetteer.is_relative_to(REPO) else str(gazetteer),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_pinned": cpu,
        "repeats": repeats,
        "corpus": corpus_kind,
        "fixture_share": fixture_share if corpus_kind == "mixed" else None,
        "variants": ["mapgen"] if one_document else list(variants),
        "one_document": one_document,
        "rows": rows,
    }


def startup(gazetteer: Path, runs: int, cpu: int | None) -> dict[str, Any]:
    """`mapgen mentions` on one short sentence of our own: start-up alone (imports, gazetteer, automaton)."""
    with tempfile.TemporaryDirectory(prefix="mapgen-bench-") as tmp:
        text = Path(tmp) / "one.txt"
        text.write_text("A convoy crossed the Yalu River at dawn.\n", encoding="utf-8")
        cmd = [
            sys.executable,
            "-m",
            "mapgen",
            "-q",
            "mentions",
            str(text),
            "--gazetteer",
            str(gazetteer),
            "--jobs",
            "1",
        ]
        rs = [run_once(cmd, Path(tmp) / "out.jsonl", cpu) for _ in range(runs + 1)][1:]
    return {
        "runs": runs,
        "median_seconds": round(statistics.median(r[0] for r in rs), 3),
        "median_cpu_seconds": round(statistics.median(r[3] for r in rs), 3),
        "peak_rss_mb": round(max(r[1] for r in rs), 1),
    }


def markdown(result: dict[str, Any]) -> str:
    """The rows as a markdown table: wall-clock and CPU throughput (MB of text per second)."""
    names = [v for v in result.get("variants", ["mapgen", "naive"])]
    lines = [
        "| corpus | docs | records (per MB) | pairs | "
        + " | ".join(f"{v} MB/s wall (CPU), peak RSS" for v in names)
        + " | vs regex span scan | vs naive | same records |",
        "|---" * (len(names) + 7) + "|",
    ]
    for r in result["rows"]:
        cells = [f"{r[v]['mb_per_s']} ({r[v]['mb_per_cpu_s']}), {r[v]['peak_rss_mb']:.0f} MB" for v in names]
        vs_rx = ", ".join(f"{v} {r[v]['x_regex']}x" for v in names if "x_regex" in r[v])
        vs_nv = ", ".join(f"{v} {r[v]['x_naive']}x" for v in names if "x_naive" in r[v])
        n = len(r[names[0]]["seconds"])
        lines.append(
            f"| {r['size_mb']} MB | {r['documents']} | {r['records']} ({r['records_per_mb']}) | {n} | "
            + " | ".join(cells)
            + f" | {vs_rx or '-'} | {vs_nv or '-'} | {'yes' if r['same_records'] else 'NO'} |"
        )
    st = result.get("startup")
    if st:
        lines.append(
            f"\nStart-up alone (one sentence, median of {st['runs']}): {st['median_seconds']} s wall, "
            f"{st['median_cpu_seconds']} s CPU, peak {st['peak_rss_mb']} MB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10,100", help="corpus sizes in MB, comma-separated (default 1,10,100)")
    ap.add_argument(
        "--repeats",
        default="3,3,1",
        help="pairs of runs per size (one number for all, or one per size); the median is reported (default 3,3,1)",
    )
    ap.add_argument(
        "--fixture-share",
        type=float,
        default=0.25,
        help="share of paragraphs taken from the fixture texts (default 0.25: as dense in names as the O'Neill article)",
    )
    ap.add_argument(
        "--one-document",
        action="store_true",
        help="the whole corpus as ONE document, mapgen only (--jobs 1): the peak memory of a long text",
    )
    ap.add_argument("--tiny", action="store_true", help="0.05 MB once: checks the harness, no figures worth quoting")
    ap.add_argument(
        "--gazetteer", type=Path, default=None, help="default: data/places.geojson, else the test gazetteer"
    )
    ap.add_argument("--cpu", type=int, default=0, help="pin each one-process run to this CPU (-1: no pinning)")
    ap.add_argument(
        "--corpus",
        choices=["mixed", "dense"],
        default="mixed",
        help="mixed: fixture texts and filler (--fixture-share); dense: real article paragraphs from ../shared (issue 14's corpus)",
    )
    ap.add_argument(
        "--variants",
        default="mapgen,naive",
        help=f"comma-separated, run in turn in each round (default mapgen,naive; all: {','.join(VARIANTS)})",
    )
    ap.add_argument("--startup", type=int, default=0, metavar="N", help="also time start-up alone, N runs")
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"JSON results (default {RESULTS.relative_to(REPO)})")
    args = ap.parse_args(argv)
    sizes = [0.05] if args.tiny else [float(s) for s in args.sizes.split(",")]
    reps = [int(x) for x in str(args.repeats).split(",")]
    repeats = [1] if args.tiny else (reps * len(sizes) if len(reps) == 1 else reps)
    if len(repeats) != len(sizes):
        ap.error(f"--repeats: give one number or one per size ({len(sizes)})")
    gaz = args.gazetteer or next(
        p for p in (REPO / "data" / "places.geojson", REPO / "tests" / "data" / "mention_places.geojson") if p.is_file()
    )
    variants = tuple(v.strip() for v in args.variants.split(",") if v.strip())
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        ap.error(f"--variants: unknown {', '.join(unknown)}; choose from {', '.join(VARIANTS)}")
    cpu = None if args.cpu < 0 else args.cpu
    result = bench(sizes, repeats, gaz.resolve(), cpu, args.fixture_share, args.corpus, variants, args.one_document)
    if args.startup:
        result["startup"] = startup(gaz.resolve(), args.startup, cpu)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))
    print(f"\nwritten: {args.out}")
    return 0 if all(r["same_records"] for r in result["rows"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
