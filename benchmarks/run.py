"""mapgen's benchmark suite: speed, size and scale, beside what a user would otherwise use.

Every figure is a median of whole-process runs (cold imports included) and
every comparison a ratio taken pair by pair in the same run, because shared
machines drift. Results go to benchmarks/results/latest.json and a markdown
table on stdout, with the machine described.

    python benchmarks/run.py            # the full suite (a few minutes)
    python benchmarks/run.py --tiny     # one run of each, small sizes: proves it still works
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from synth import synthetic_gazetteer  # noqa: E402

PY = sys.executable


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    returncode: int


def run_process(cmd: Sequence[str], cwd: Path | None = None) -> Run:
    """Time one whole process; peak RSS from the kernel's accounting of that child."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return Run(wall, usage.ru_maxrss / 1024, proc.returncode)


def median_runs(cmd: Sequence[str], runs: int, warmup: int = 1) -> dict[str, float]:
    for _ in range(warmup):
        run_process(cmd)
    rs = [run_process(cmd) for _ in range(runs)]
    walls = [r.wall_s for r in rs]
    return {
        "wall_median_s": statistics.median(walls),
        "wall_min_s": min(walls),
        "wall_max_s": max(walls),
        "peak_rss_mb": statistics.median(r.peak_rss_mb for r in rs),
        "runs": runs,
    }


def paired(cmd_a: Sequence[str], cmd_b: Sequence[str], runs: int) -> dict[str, Any]:
    """A and B in turn, A B A B ..., with the ratio A/B pair by pair."""
    run_process(cmd_a), run_process(cmd_b)
    a_runs, b_runs, ratios = [], [], []
    for _ in range(runs):
        a, b = run_process(cmd_a), run_process(cmd_b)
        a_runs.append(a.wall_s)
        b_runs.append(b.wall_s)
        ratios.append(a.wall_s / b.wall_s)
    return {
        "a_median_s": statistics.median(a_runs),
        "b_median_s": statistics.median(b_runs),
        "ratio_median": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "runs": runs,
    }


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("folium", "branca", "geopandas", "shapely", "pyogrio", "playwright"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:
            continue
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "date": time.strftime("%Y-%m-%d"),
    }


# -- the measurements ---------------------------------------------------------------


def bench_default_map(tmp: Path, runs: int) -> dict[str, Any]:
    """Cold `mapgen build` on the shipped gazetteer; HTML size with and without inlined assets."""
    out = tmp / "default.html"
    sc = tmp / "default-sc.html"
    build = [PY, "-m", "mapgen", "-q", "build", "--cdn", "--out", str(out)]
    res = median_runs(build, runs)
    run_process([PY, "-m", "mapgen", "-q", "build", "--out", str(sc)])
    res["html_kb"] = out.stat().st_size / 1000
    res["html_self_contained_kb"] = sc.stat().st_size / 1000
    return res


EXPLORE = """
import sys, geopandas as gpd
gdf = gpd.read_file(sys.argv[1])
m = gdf.explore()
m.save(sys.argv[2])
"""


def bench_gazetteer_scale(tmp: Path, sizes: Sequence[int], runs: int) -> list[dict[str, Any]]:
    """validate and build at n places, and the build against GeoDataFrame.explore()."""
    rows = []
    for n in sizes:
        gaz = tmp / f"synthetic-{n}.geojson"
        gaz.write_text(json.dumps(synthetic_gazetteer(n)), encoding="utf-8")
        out = tmp / f"synthetic-{n}.html"
        ex_out = tmp / f"explore-{n}.html"
        validate = median_runs([PY, "-m", "mapgen", "-q", "validate", str(gaz)], runs)
        vs = paired(
            [PY, "-m", "mapgen", "-q", "build", "--cdn", "--gazetteer", str(gaz), "--out", str(out)],
            [PY, "-c", EXPLORE, str(gaz), str(ex_out)],
            runs,
        )
        rows.append(
            {
                "places": n,
                "validate_median_s": validate["wall_median_s"],
                "build_median_s": vs["a_median_s"],
                "explore_median_s": vs["b_median_s"],
                "build_over_explore": vs["ratio_median"],
                "html_kb": out.stat().st_size / 1000,
                "explore_html_kb": ex_out.stat().st_size / 1000,
            }
        )
    return rows


def bench_browser(tmp: Path, runs: int) -> dict[str, Any]:
    """Navigation until the map is interactive (all place layers added) in headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright not installed"}
    chromium = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return {"skipped": f"no Chromium at {chromium}"}
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM_ARGS

    pages = {"default map": tmp / "browser-default.html", "10,000 places": tmp / "browser-10k.html"}
    run_process([PY, "-m", "mapgen", "-q", "build", "--out", str(pages["default map"])])
    big = tmp / "synthetic-10000.geojson"
    if not big.exists():
        big.write_text(json.dumps(synthetic_gazetteer(10_000)), encoding="utf-8")
    run_process([PY, "-m", "mapgen", "-q", "build", "--gazetteer", str(big), "--out", str(pages["10,000 places"])])
    result: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for label, path in pages.items():
            times = []
            for _ in range(runs + 1):
                ctx = browser.new_context(viewport={"width": 1100, "height": 750})
                ctx.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
                page = ctx.new_page()
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function("() => window.mapgen && mapgen._ready === true")
                # mapgen.readyMs: performance.now() (ms since navigation start) when setup finished
                times.append(page.evaluate("mapgen.readyMs") / 1000)
                ctx.close()
            result[label] = {
                "interactive_median_s": statistics.median(times[1:]),
                "runs": runs,
                "html_kb": path.stat().st_size / 1000,
            }
        browser.close()
    return result


def bench_join(tmp: Path, tiny: bool) -> dict[str, Any]:
    """Join throughput and memory against the naive peer (benchmarks/mentions.py does the work)."""
    import mentions as join_bench  # benchmarks/mentions.py

    # the naive peer needs about 7 minutes for 100 MB: one pair at that size
    sizes, repeats = ([0.05], [1]) if tiny else ([1, 10, 100], [3, 3, 1])
    return join_bench.bench(sizes, repeats, REPO / "data" / "places.geojson", cpu=None)


def table(results: dict[str, Any]) -> str:
    lines = ["| figure | measured | target |", "|---|---|---|"]
    d = results.get("default_map", {})
    if d:
        lines.append(
            f"| default `mapgen build`, cold process (median of {d['runs']}) | {d['wall_median_s']:.2f} s | <= 1.5 s |"
        )
        lines.append(f"| `--cdn` HTML (Leaflet from CDN) | {d['html_kb']:.0f} kB | <= 400 kB |")
        lines.append(f"| default (self-contained) HTML | {d['html_self_contained_kb']:.0f} kB | - |")
    for row in results.get("gazetteer_scale", []):
        lines.append(
            f"| {row['places']:,} places: validate / build | {row['validate_median_s']:.2f} s / {row['build_median_s']:.2f} s, "
            f"{row['html_kb']:.0f} kB | build vs `explore()`: {row['build_over_explore']:.2f}x the time ({row['explore_median_s']:.2f} s, {row['explore_html_kb']:.0f} kB) |"
        )
    for label, row in (results.get("browser") or {}).items():
        if isinstance(row, dict) and "interactive_median_s" in row:
            target = "<= 300 ms" if label == "default map" else "<= 2 s"
            lines.append(
                f"| interactive in headless Chromium: {label} | {row['interactive_median_s'] * 1000:.0f} ms | {target} |"
            )
    j = results.get("join") or {}
    for row in j.get("rows", []):
        m = row["mapgen"]
        lines.append(
            f"| `mapgen mentions`, {row['size_mb']:g} MB corpus (median of {len(m['seconds'])}) | {m['mb_per_s']:.1f} MB/s "
            f"({m['mb_per_cpu_s']:.1f} per CPU s), peak {m['peak_rss_mb']:.0f} MB, {row['ratio']:.1f}x the naive peer "
            f"(one regex per variant; same records: {'yes' if row['same_records'] else 'NO'}) | >= 20 MB/s, >= 3x, flat memory |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiny", action="store_true", help="one run each at small sizes (CI proves the suite works)")
    ap.add_argument("--runs", type=int, default=5, help="counted runs per figure (default 5)")
    ap.add_argument(
        "--only", choices=["default", "scale", "browser", "join"], action="append", help="run only these parts"
    )
    ap.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = ap.parse_args(argv)
    runs = 1 if args.tiny else args.runs
    parts = set(args.only or ["default", "scale", "browser", "join"])
    results: dict[str, Any] = {"machine": machine(), "tiny": args.tiny}
    with tempfile.TemporaryDirectory(prefix="mapgen-bench-") as t:
        tmp = Path(t)
        if "default" in parts:
            print("default map ...", file=sys.stderr)
            results["default_map"] = bench_default_map(tmp, runs)
        if "scale" in parts:
            print("gazetteer scale ...", file=sys.stderr)
            results["gazetteer_scale"] = bench_gazetteer_scale(tmp, [100] if args.tiny else [100, 1000, 10_000], runs)
        if "browser" in parts:
            print("browser ...", file=sys.stderr)
            results["browser"] = bench_browser(tmp, runs)
        if "join" in parts:
            print("join ...", file=sys.stderr)
            results["join"] = bench_join(tmp, args.tiny)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    m = results["machine"]
    print(f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['date']}")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
