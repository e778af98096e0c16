"""A layer as the GeoJSON the page draws: rounded coordinates, escaped popups, label ranks, radii.

The browser gets one FeatureCollection per layer; every property it shows is
ready-made here (HTML escaped by :mod:`mapgen.popups`), so the page's JavaScript
only places it.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Mapping
from typing import Any

import pandas as pd

from . import schema as S
from .gazetteer import Source
from .inputs import package_text
from .isodates import parse_partial_date
from .layers import Layer
from .popups import label_text, missing, popup_html, tooltip_html

COORD_DIGITS = 5  # ~1 m; far finer than any site in the gazetteer is known
MIN_RADIUS_PX, MAX_RADIUS_PX = 4.0, 14.0


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, (float, int)):
        return round(float(coords), COORD_DIGITS)
    return [_round_coords(c) for c in coords]


def layer_geojson(
    layer: Layer, sources: Mapping[str, Source], labels: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A FeatureCollection for one layer with ready-escaped popup and tooltip HTML."""
    sources = {**sources, **layer.sources}
    radius = _radii(layer)
    features = []
    for row in S.records(layer.places):
        geom = row[S.GEOMETRY].__geo_interface__
        events = [parse_partial_date(e["date"]) for e in row[S.EVENTS]]
        start = row[S.WHEN_START] if not missing(row[S.WHEN_START]) else None
        end = row[S.WHEN_END] if not missing(row[S.WHEN_END]) else None
        if layer.rule.dates_from_passages and not missing(row.get(S.FIRST_DATE)):
            # a layer of article mentions: the time slider follows the passages' dates
            start, end = row[S.FIRST_DATE], row.get(S.LAST_DATE) if not missing(row.get(S.LAST_DATE)) else None
        features.append(
            {
                "type": "Feature",
                "id": row[S.PLACE_ID],
                "geometry": {"type": geom["type"], "coordinates": _round_coords(geom["coordinates"])},
                "properties": {
                    "name": row[S.TITLE],
                    "label": label_text(row),
                    "names": [n["toponym"] for n in row[S.NAMES]]
                    + ([row[S.MODERN_NAME]] if not missing(row[S.MODERN_NAME]) else []),
                    "tip": tooltip_html(row),
                    "popup": popup_html(row, sources, labels),
                    "category": row[S.CATEGORY],
                    "start": parse_partial_date(start).first.isoformat() if start else None,
                    "end": parse_partial_date(end).last.isoformat() if end else None,
                    "events": [d.first.isoformat() for d in events],
                    "uncertainty_km": None if missing(row[S.UNCERTAINTY_KM]) else row[S.UNCERTAINTY_KM],
                    "lon": row[S.LON],
                    "lat": row[S.LAT],
                    "rank": label_rank(row),
                    **({"radius": radius[row[S.PLACE_ID]]} if radius else {}),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- label ranks (issue 12): which names the map writes first -------------------------


@functools.cache
def label_weights() -> tuple[float, dict[str, float]]:
    """(default, {category: weight}) from mapgen/data/labels.toml: an editorial choice kept as data."""
    data = tomllib.loads(package_text("data", "labels.toml") or "")
    return float(data.get("default", 2.0)), {str(k): float(v) for k, v in data.get("category", {}).items()}


def label_rank(row: Mapping[str, Any]) -> float:
    """A place's claim to a label on the map: category, events, citations, mentions, its own importance."""
    default, weights = label_weights()
    rank = weights.get(str(row.get(S.CATEGORY)), default)
    rank += len(row.get(S.EVENTS) or ())
    rank += min(2.0, 0.25 * len(row.get(S.CITATIONS) or ()))
    mentions = row.get(S.MENTION_COUNT)
    if not missing(mentions) and mentions:
        rank += 1.5 * math.log2(1 + float(mentions))
    importance = row.get("importance")
    if isinstance(importance, (int, float)) and not isinstance(importance, bool) and math.isfinite(importance):
        rank += float(importance)
    return round(rank, 3)


def _radii(layer: Layer) -> dict[str, float]:
    """Point radii in pixels by ``rule.size_by``: area grows with the value (radius with its square root)."""
    col = layer.rule.size_by
    if not col:
        return {}
    if col not in layer.places.columns:
        msg = f"layer {layer.key!r}: size_by column {col!r} not in its places frame (columns: {', '.join(map(str, layer.places.columns))})"
        raise ValueError(msg)
    values = pd.to_numeric(layer.places[col], errors="coerce").fillna(0).clip(lower=0)
    top = float(values.max()) or 1.0
    return {
        pid: round(MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * math.sqrt(float(v) / top), 1)
        for pid, v in zip(layer.places[S.PLACE_ID], values, strict=True)
    }
