"""Analysis layers: who could reach where, and how far off uncertain sites may be.

The figures (aircraft radii, their sources, the caveats) live in
``mapgen/data/analysis.toml`` so that a historian reviews a data file, not
Python. Rings are geodesic (see :mod:`mapgen.geo` for why not UTM or degree
buffers); the overlap is a planar shapely intersection of those densely
sampled lon/lat rings, whose edges are ~15 km chords of the true circle, a
sagitta error under 0.1 km at these radii.

Does not import the renderer: it only makes :class:`~mapgen.layers.Layer`
objects, the same kind the gazetteer's places become.
"""

from __future__ import annotations

import logging
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from . import schema as S
from .errors import MapgenError
from .gazetteer import Gazetteer, Source
from .geo import geodesic_ring
from .layers import GROUP_ANALYSIS, OKABE_ITO, Layer, LayerRule

log = logging.getLogger(__name__)

ANALYSIS_CATEGORY = "analysis"
UNCERTAINTY_KEY = "uncertainty"
COLORS = {"mig15-reach": OKABE_ITO["vermillion"], "f86-reach": OKABE_ITO["blue"], "contested": OKABE_ITO["purple"]}


@dataclass(frozen=True)
class Reach:
    """One aircraft's nominal combat radius around its bases, with its source."""

    key: str
    name: str
    aircraft: str
    bases: tuple[str, ...]
    range_km: float
    radius_km: float
    source: str
    basis: str


@dataclass(frozen=True)
class AnalysisData:
    """The contents of analysis.toml, checked."""

    sources: Mapping[str, Source]
    reaches: tuple[Reach, ...]
    overlap: Mapping[str, Any]


def analysis_data_path() -> Path:
    return Path(str(resources.files("mapgen") / "data" / "analysis.toml"))


def load_analysis_data(path: str | Path | None = None) -> AnalysisData:
    """Read and check analysis.toml; report every problem at once.

    Returns
    -------
    AnalysisData
        Sources by id, the reach figures in file order, and the overlap spec.
    """
    p = Path(path) if path else analysis_data_path()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MapgenError(f"{p}: file not found; mapgen ships it as mapgen/data/analysis.toml") from None
    except tomllib.TOMLDecodeError as exc:
        raise MapgenError(f"{p}: invalid TOML: {exc}") from None
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
    reaches = []
    need = ("key", "name", "aircraft", "bases", "range_km", "radius_km", "source", "basis")
    for i, r in enumerate(data.get("reach", [])):
        missing = [k for k in need if k not in r]
        if missing:
            problems.append(f"reach {i} ({r.get('key', '?')!r}): missing {', '.join(missing)}")
            continue
        if r["source"] not in sources:
            problems.append(
                f"reach {r['key']!r}: source {r['source']!r} is not among the [[source]] ids {sorted(sources)!r}"
            )
        if not (isinstance(r["radius_km"], (int, float)) and 0 < r["radius_km"] < 3000):
            problems.append(
                f"reach {r['key']!r}: radius_km must be a number of km in (0, 3000), found {r['radius_km']!r}"
            )
        reaches.append(
            Reach(
                r["key"],
                r["name"],
                r["aircraft"],
                tuple(r["bases"]),
                float(r["range_km"]),
                float(r["radius_km"]),
                r["source"],
                r["basis"],
            )
        )
    overlap = data.get("overlap", {})
    keys = {r.key for r in reaches}
    for k in overlap.get("of", []):
        if k not in keys:
            problems.append(f"overlap: {k!r} is not a [[reach]] key; choose from {sorted(keys)!r}")
    if overlap and overlap.get("source") not in sources:
        problems.append(f"overlap: source {overlap.get('source')!r} is not among the [[source]] ids")
    if problems:
        raise MapgenError(f"{p}: {len(problems)} problem(s):\n" + "\n".join(problems))
    return AnalysisData(sources=sources, reaches=tuple(reaches), overlap=overlap)


def _row(
    place_id: str, title: str, geom: BaseGeometry, description: str, citations: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A row shaped like a gazetteer place, so the renderer treats it the same way."""
    pt = geom.representative_point()
    return {
        S.PLACE_ID: place_id,
        S.TITLE: title,
        S.MODERN_NAME: None,
        S.CATEGORY: ANALYSIS_CATEGORY,
        S.SIDE: (),
        S.CCODES: (),
        S.NAMES: (),
        S.DESCRIPTION: description,
        S.WHEN_START: None,
        S.WHEN_END: None,
        S.WHEN_LABEL: None,
        S.EVENTS: (),
        S.CITATIONS: tuple(citations),
        S.LINKS: (),
        S.CERTAINTY: None,
        S.UNCERTAINTY_KM: math.nan,
        S.UNCERTAINTY_REASON: None,
        S.LON: round(pt.x, 5),
        S.LAT: round(pt.y, 5),
        S.GEOMETRY: geom,
    }


def _frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, columns=list(S.PLACE_COLUMNS), geometry=S.GEOMETRY, crs=S.CRS)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the areas of an intersection: rings that merely touch leave points or lines, and a
    GeometryCollection in a GeoJSON layer stops Leaflet 1.9 from drawing anything."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def reach_geometry(gazetteer: Gazetteer, reach: Reach) -> tuple[BaseGeometry | None, list[str]]:
    """The union of geodesic rings of ``reach.radius_km`` around each base found in the gazetteer."""
    places = gazetteer.places.set_index(S.PLACE_ID)
    rings, found = [], []
    for base in reach.bases:
        if base not in places.index:
            log.info("analysis: base %r of %s is not in the gazetteer; skipped", base, reach.key)
            continue
        row = places.loc[base]
        rings.append(geodesic_ring(float(row[S.LON]), float(row[S.LAT]), reach.radius_km))
        found.append(str(row[S.TITLE]))
    if not rings:
        return None, []
    return shapely.union_all(rings), found


def analysis_layers(
    gazetteer: Gazetteer, data: AnalysisData | None = None, only: Sequence[str] | None = None
) -> list[Layer]:
    """Reach rings, their overlap, and dashed uncertainty circles, as toggleable layers.

    Parameters
    ----------
    gazetteer
        Supplies the bases' and uncertain places' coordinates (EPSG:4326).
    data
        The figures; default: the shipped analysis.toml.
    only
        Layer keys to keep; ``None`` keeps all.

    Returns
    -------
    list of Layer
        Group "Analysis"; each layer carries the sources its popups cite.
    """
    d = data or load_analysis_data()
    keep = set(only) if only is not None else None
    out: list[Layer] = []
    geoms: dict[str, BaseGeometry] = {}
    for r in d.reaches:
        geom, found = reach_geometry(gazetteer, r)
        if geom is None:
            continue
        geoms[r.key] = geom
        desc = f"Everywhere within {r.radius_km:g} km of {', '.join(found)}: the {r.aircraft}'s {r.basis}."
        rule = LayerRule(r.key, r.name, GROUP_ANALYSIS, COLORS.get(r.key, OKABE_ITO["grey"]), "area", show=False)
        out.append(Layer(rule, _frame([_row(r.key, r.name, geom, desc, [{"source": r.source}])]), sources=d.sources))
    ov = d.overlap
    parts = [geoms[k] for k in ov.get("of", []) if k in geoms]
    if ov and len(parts) == len(ov.get("of", [])) and len(parts) >= 2:
        inter = _polygonal(shapely.intersection_all(parts))
        if not inter.is_empty:
            cites = [{"source": ov["source"]}] + [{"source": r.source} for r in d.reaches if r.key in ov["of"]]
            rule = LayerRule(
                ov["key"], ov["name"], GROUP_ANALYSIS, COLORS.get(ov["key"], OKABE_ITO["purple"]), "area", show=False
            )
            out.append(
                Layer(rule, _frame([_row(ov["key"], ov["name"], inter, ov["description"], cites)]), sources=d.sources)
            )
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


ANALYSIS_KEYS = ("mig15-reach", "f86-reach", "contested", UNCERTAINTY_KEY)
