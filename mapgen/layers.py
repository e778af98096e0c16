"""Sort places into the map's toggleable layers.

A layer is pure data (which places, which style, which group of the layer
control); the renderer decides how it looks in Leaflet. Each place falls into
the first layer whose rule matches it, so no place is drawn twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from . import schema as S
from .gazetteer import Gazetteer, Source
from .profile import GROUP_ANALYSIS, GROUP_ARTICLES, OKABE_ITO, LayerRule, profile_for

# The rules, colours and groups come from the map profile (mapgen.profile), never from here.
__all__ = [
    "GROUP_ANALYSIS",
    "GROUP_ARTICLES",
    "MENTIONS_RULE",
    "OKABE_ITO",
    "Layer",
    "LayerRule",
    "attach_passages",
    "mentions_layer",
    "place_layers",
]


@dataclass(frozen=True)
class Layer:
    """A toggleable layer: its rule and the places it holds (EPSG:4326)."""

    rule: LayerRule
    places: gpd.GeoDataFrame
    sources: Mapping[str, Source] = field(default_factory=dict)  # cited beyond the gazetteer's own

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def name(self) -> str:
        return self.rule.name


def place_layers(
    gazetteer: Gazetteer,
    rules: Sequence[LayerRule] | None = None,
    only: Iterable[str] | None = None,
) -> list[Layer]:
    """Split the gazetteer's places into layers, one place in one layer.

    Parameters
    ----------
    gazetteer
        The loaded gazetteer.
    rules
        Layer rules in priority order; a place goes to the first that matches.
        Default: the gazetteer's profile (its own, or one derived from its data).
    only
        Layer keys to keep (for a focused lesson map); ``None`` keeps all.

    Returns
    -------
    list of Layer
        In the order of ``rules``; empty layers are dropped.
    """
    if rules is None:
        rules = profile_for(gazetteer).layers or ()
    places = gazetteer.places
    assigned: list[str | None] = []
    columns = (places[S.PLACE_ID], places[S.CATEGORY], places[S.SIDE], places[S.FCLASSES], places[S.TYPES])
    for pid, cat, sides, fclasses, types in zip(*columns, strict=True):
        kinds = [str(v) for t in types or () for v in (t.get("label"), t.get("identifier")) if v]
        assigned.append(next((r.key for r in rules if r.matches(pid, cat, sides, fclasses or (), kinds)), None))
    keep = set(only) if only is not None else None
    layers = []
    for rule in rules:
        if keep is not None and rule.key not in keep:
            continue
        mask = [a == rule.key for a in assigned]
        if rule.mentioned_only:  # only with article passages attached, and then only what they name
            counts = places[S.MENTION_COUNT] if S.MENTION_COUNT in places.columns else [0] * len(places)
            mask = [m and c > 0 for m, c in zip(mask, counts, strict=True)]
        subset = places[mask]
        if len(subset):
            layers.append(Layer(rule, subset))
    return layers


MENTIONS_RULE = LayerRule(
    "mentions",
    "Mentioned in the articles",
    GROUP_ARTICLES,
    OKABE_ITO["purple"],
    "circle",
    size_by=S.MENTION_COUNT,
    dates_from_passages=True,
)


def attach_passages(gazetteer: Gazetteer, mentioned: pd.DataFrame) -> Gazetteer:
    """The gazetteer with each place's article passages beside it, so every popup can list them.

    ``mentioned`` is the join's per-place summary (``Join.places``); places no
    article mentions get no passages and a count of 0.
    """
    extra = mentioned[[S.PLACE_ID, S.MENTION_COUNT, S.DOC_COUNTS, S.PASSAGES, S.FIRST_DATE, S.LAST_DATE]]
    places = gazetteer.places.merge(extra, on=S.PLACE_ID, how="left")
    places[S.MENTION_COUNT] = places[S.MENTION_COUNT].fillna(0).astype(int)
    places = gpd.GeoDataFrame(places, geometry=S.GEOMETRY, crs=gazetteer.places.crs)
    return Gazetteer(
        places=places,
        sources=gazetteer.sources,
        path=gazetteer.path,
        meta=gazetteer.meta,
        unlocated=gazetteer.unlocated,
    )


def mentions_layer(gazetteer: Gazetteer, rule: LayerRule = MENTIONS_RULE) -> Layer | None:
    """One point per mentioned place (its representative point), sized by its mention count.

    Takes a gazetteer from :func:`attach_passages`; ``None`` when no place is mentioned.
    """
    places = gazetteer.places
    if S.MENTION_COUNT not in places.columns:
        return None
    hit = places[places[S.MENTION_COUNT] > 0].sort_values([S.MENTION_COUNT, S.PLACE_ID], ascending=[False, True])
    if hit.empty:
        return None
    points = gpd.GeoDataFrame(
        hit.drop(columns=S.GEOMETRY), geometry=gpd.points_from_xy(hit[S.LON], hit[S.LAT]), crs=S.CRS
    )
    return Layer(rule, points)
