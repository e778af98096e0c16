"""Analysis layers: rings of a cited radius around places, their overlaps, and how far off uncertain sites may be.

The figures (each ring's radius, its source, the caveats) live in the map
profile (``[[ring]]``, ``[[overlap]]`` and ``[[source]]`` tables, see
:mod:`mapgen.profile`) so that a historian reviews a data file, not Python.
Rings are geodesic (see :mod:`mapgen.geo` for why not UTM or degree
buffers); an overlap is a planar shapely intersection of those densely
sampled lon/lat rings, whose edges are ~15 km chords of the true circle, a
sagitta error under 0.1 km at radii of hundreds of kilometres.

Does not import the renderer: it only makes :class:`~mapgen.layers.Layer`
objects, the same kind the gazetteer's places become.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from . import schema as S
from .errors import MapgenError, Problem
from .gazetteer import Gazetteer, Source, default_gazetteer_path, place_row
from .geo import geodesic_ring
from .layers import GROUP_ANALYSIS, OKABE_ITO, Layer, LayerRule
from .profile import color_value, profile_for, profile_path_for, read_profile_toml

log = logging.getLogger(__name__)

ANALYSIS_CATEGORY = S.ANALYSIS_CATEGORY
UNCERTAINTY_KEY = "uncertainty"


@dataclass(frozen=True)
class Ring:
    """A geodesic ring of ``radius_km`` around each of some places, with its source."""

    key: str
    name: str
    around: tuple[str, ...]  # gazetteer place ids
    radius_km: float
    source: str
    basis: str  # what the radius is and how it was made ("the X's nominal radius: ...")
    color: str = OKABE_ITO["grey"]
    range_km: float | None = None  # a figure the radius was derived from, when the profile keeps it


@dataclass(frozen=True)
class Overlap:
    """Where several rings all reach."""

    key: str
    name: str
    of: tuple[str, ...]
    source: str
    description: str
    color: str = OKABE_ITO["purple"]


@dataclass(frozen=True)
class AnalysisData:
    """The rings, overlaps and their sources of a profile, checked."""

    sources: Mapping[str, Source]
    rings: tuple[Ring, ...]
    overlaps: tuple[Overlap, ...] = ()


def analysis_data_path() -> Path | None:
    """The shipped gazetteer's profile, which holds its rings."""
    return profile_path_for(default_gazetteer_path())


def load_analysis_data(path: str | Path | None = None) -> AnalysisData:
    """Read the rings of a profile file (default: the shipped gazetteer's); report every problem at once."""
    p = Path(path) if path else analysis_data_path()
    if p is None:
        return AnalysisData({}, ())
    return parse_analysis(read_profile_toml(p), str(p))


def parse_analysis(data: Mapping[str, Any], path: str = "<profile>") -> AnalysisData:
    """Check the ``[[source]]``, ``[[ring]]`` and ``[[overlap]]`` tables of a profile."""
    problems: list[str] = []
    sources: dict[str, Source] = {}
    for i, s in enumerate(data.get("source", [])):
        if not s.get("id") or not s.get("title"):
            problems.append(f"source {i}: needs 'id' and 'title', found keys {sorted(s)!r}")
            continue
        sources[s["id"]] = Source(
            id=s["id"],
            title=s["title"],
            author=s.get("author", ""),
            year=s.get("year"),
            publication=s.get("publication", ""),
            pages=s.get("pages", ""),
            url=s.get("url", ""),
            note=s.get("note", ""),
        )
    rings = []
    need = ("key", "name", "around", "radius_km", "source", "basis")
    for i, r in enumerate(data.get("ring", [])):
        missing = [k for k in need if k not in r]
        if missing:
            problems.append(f"ring {i} ({r.get('key', '?')!r}): missing {', '.join(missing)}")
            continue
        if r["source"] not in sources:
            problems.append(
                f"ring {r['key']!r}: source {r['source']!r} is not among the [[source]] ids {sorted(sources)!r}"
            )
        if not (isinstance(r["radius_km"], (int, float)) and 0 < r["radius_km"] < 3000):
            problems.append(
                f"ring {r['key']!r}: radius_km must be a number of km in (0, 3000), found {r['radius_km']!r}"
            )
        color = color_value(r.get("color", "grey"))
        if color is None:
            problems.append(
                f"ring {r['key']!r}: color {r.get('color')!r} is neither #rrggbb nor one of {', '.join(OKABE_ITO)}"
            )
        rng = r.get("range_km")
        rings.append(
            Ring(
                r["key"],
                r["name"],
                tuple(r["around"]),
                float(r["radius_km"]),
                r["source"],
                r["basis"],
                color or OKABE_ITO["grey"],
                float(rng) if isinstance(rng, (int, float)) else None,
            )
        )
    keys = {r.key for r in rings}
    overlaps = []
    for i, ov in enumerate(data.get("overlap", [])):
        missing = [k for k in ("key", "name", "of", "source", "description") if k not in ov]
        if missing:
            problems.append(f"overlap {i} ({ov.get('key', '?')!r}): missing {', '.join(missing)}")
            continue
        for k in ov["of"]:
            if k not in keys:
                problems.append(f"overlap {ov['key']!r}: {k!r} is not a [[ring]] key; choose from {sorted(keys)!r}")
        if ov["source"] not in sources:
            problems.append(f"overlap {ov['key']!r}: source {ov['source']!r} is not among the [[source]] ids")
        color = color_value(ov.get("color", "purple")) or OKABE_ITO["purple"]
        overlaps.append(Overlap(ov["key"], ov["name"], tuple(ov["of"]), ov["source"], ov["description"], color))
    if problems:
        raise MapgenError([Problem(str(path), "", "", s) for s in problems], f"{path}: {len(problems)} problem(s):")
    return AnalysisData(sources=sources, rings=tuple(rings), overlaps=tuple(overlaps))


def analysis_keys(data: AnalysisData) -> tuple[str, ...]:
    """The layer keys the analysis can make: its rings, overlaps, and the uncertainty circles."""
    return (*(r.key for r in data.rings), *(o.key for o in data.overlaps), UNCERTAINTY_KEY)


def _row(
    place_id: str, title: str, geom: BaseGeometry, description: str, citations: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A row shaped like a gazetteer place, so the renderer treats it the same way."""
    columns: dict[str, Any] = {S.DESCRIPTION: description, S.CITATIONS: tuple(citations)}
    return place_row(place_id, title, ANALYSIS_CATEGORY, geom, **columns)


def _frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, columns=list(S.PLACE_COLUMNS), geometry=S.GEOMETRY, crs=S.CRS)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the areas of an intersection: rings that merely touch leave points or lines, and a
    GeometryCollection in a GeoJSON layer stops Leaflet 1.9 from drawing anything."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def ring_geometry(gazetteer: Gazetteer, ring: Ring) -> tuple[BaseGeometry | None, list[str]]:
    """The union of geodesic rings of ``ring.radius_km`` around each of its places found in the gazetteer."""
    places = {str(r[S.PLACE_ID]): r for r in S.records(gazetteer.places)}
    rings, found = [], []
    for base in ring.around:
        row = places.get(base)
        if row is None:
            log.info("analysis: place %r of ring %s is not in the gazetteer; skipped", base, ring.key)
            continue
        rings.append(geodesic_ring(float(row[S.LON]), float(row[S.LAT]), ring.radius_km))
        found.append(str(row[S.TITLE]))
    if not rings:
        return None, []
    return shapely.union_all(rings), found


def analysis_layers(
    gazetteer: Gazetteer, data: AnalysisData | None = None, only: Sequence[str] | None = None
) -> list[Layer]:
    """Rings, their overlaps, and dashed uncertainty circles, as toggleable layers.

    Parameters
    ----------
    gazetteer
        Supplies the rings' and uncertain places' coordinates (EPSG:4326).
    data
        The figures; default: the rings of the gazetteer's profile (none: only the uncertainty circles).
    only
        Layer keys to keep; ``None`` keeps all.

    Returns
    -------
    list of Layer
        Group "Analysis"; each layer carries the sources its popups cite.
    """
    if data is None:
        prof = profile_for(gazetteer)
        data = parse_analysis(prof.raw, prof.path or "<profile>")
    d = data
    keep = set(only) if only is not None else None
    out: list[Layer] = []
    geoms: dict[str, BaseGeometry] = {}
    for r in d.rings:
        geom, found = ring_geometry(gazetteer, r)
        if geom is None:
            continue
        geoms[r.key] = geom
        desc = f"Everywhere within {r.radius_km:g} km of {', '.join(found)}: {r.basis}."
        rule = LayerRule(r.key, r.name, GROUP_ANALYSIS, r.color, "area", show=False)
        out.append(Layer(rule, _frame([_row(r.key, r.name, geom, desc, [{"source": r.source}])]), sources=d.sources))
    for ov in d.overlaps:
        parts = [geoms[k] for k in ov.of if k in geoms]
        if len(parts) != len(ov.of) or len(parts) < 2:
            continue
        inter = _polygonal(shapely.intersection_all(parts))
        if inter.is_empty:
            continue
        cites = [{"source": ov.source}] + [{"source": r.source} for r in d.rings if r.key in ov.of]
        rule = LayerRule(ov.key, ov.name, GROUP_ANALYSIS, ov.color, "area", show=False)
        out.append(Layer(rule, _frame([_row(ov.key, ov.name, inter, ov.description, cites)]), sources=d.sources))
    unc = uncertainty_layer(gazetteer)
    if unc is not None:
        out.append(unc)
    return [lyr for lyr in out if keep is None or lyr.key in keep]


def uncertainty_layer(gazetteer: Gazetteer) -> Layer | None:
    """Dashed geodesic circles of ``uncertainty_km`` around point places whose site is not known.

    Lines and areas carry their uncertainty in the popup only: a circle around
    a region's centre would say nothing true.
    """
    p = gazetteer.places
    rows = []
    points = p[p[S.UNCERTAINTY_KM].notna() & (p.geometry.geom_type == "Point")]
    for row in points.to_dict("records"):
        km = float(row[S.UNCERTAINTY_KM])
        reason = row[S.UNCERTAINTY_REASON] or "the sources do not agree on the site"
        ring = geodesic_ring(float(row[S.LON]), float(row[S.LAT]), km)
        r = _row(
            f"{row[S.PLACE_ID]}-uncertainty",
            f"{row[S.TITLE]}: possible site",
            ring,
            f"The site of {row[S.TITLE]} is uncertain: it may lie anywhere within about {km:g} km of the marker. {reason}",
            row[S.CITATIONS],
        )
        # the circle lives as long as its place: the time slider treats them alike
        r.update(
            {
                S.WHEN_START: row[S.WHEN_START],
                S.WHEN_END: row[S.WHEN_END],
                S.WHEN_LABEL: row[S.WHEN_LABEL],
                S.EVENTS: row[S.EVENTS],
            }
        )
        rows.append(r)
    if not rows:
        return None
    rule = LayerRule(
        UNCERTAINTY_KEY, "Uncertain sites (possible area)", GROUP_ANALYSIS, OKABE_ITO["orange"], "area", dash="6 5"
    )
    return Layer(rule, _frame(rows))
