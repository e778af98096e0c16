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

# Okabe & Ito (2008) colour-blind-safe palette; shapes differ too, so colour is
# never the only cue.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}

GROUP_BASES = "Air bases"
GROUP_PLACES = "Places"
GROUP_LINES = "Lines and areas"
GROUP_ANALYSIS = "Analysis"
GROUP_ARTICLES = "Articles"
GROUPS = (GROUP_BASES, GROUP_PLACES, GROUP_LINES, GROUP_ANALYSIS, GROUP_ARTICLES)


@dataclass(frozen=True)
class LayerRule:
    """Which places a layer takes, and how it is drawn."""

    key: str
    name: str
    group: str
    color: str
    symbol: str  # circle, square, diamond, triangle, star (points); line, area
    categories: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    side: str | None = None  # "communist" or "UN": filters airbases by side
    dash: str | None = None
    show: bool = True
    canvas: bool = False  # draw points as circles on one <canvas>: for thousands of markers
    timed: bool = True  # the time slider hides features outside their dates (not cities or rivers: they stay)
    size_by: str | None = None  # numeric column of the places frame that scales point symbols (e.g. mention counts)
    dates_from_passages: bool = False  # the time slider follows the article passages' dates, not the place's period
    mentioned_only: bool = False  # draw only the places the articles mention (large reference sets: towns, countries)

    def matches(self, place_id: str, category: str, sides: Sequence[str]) -> bool:
        if self.place_ids:
            return place_id in self.place_ids
        if category not in self.categories:
            return False
        if self.side == "UN":
            return "UN" in sides
        if self.side == "communist":
            return "UN" not in sides
        return True


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


C = OKABE_ITO
DEFAULT_RULES: tuple[LayerRule, ...] = (
    LayerRule("mig-alley", "MiG Alley", GROUP_LINES, C["vermillion"], "area", place_ids=("mig-alley",)),
    LayerRule(
        "communist-airbases",
        "Communist air bases",
        GROUP_BASES,
        C["vermillion"],
        "triangle",
        ("airbase",),
        side="communist",
    ),
    LayerRule("un-airbases", "UN air bases", GROUP_BASES, C["blue"], "square", ("airbase",), side="UN"),
    LayerRule("cities", "Cities and towns", GROUP_PLACES, C["black"], "circle", ("city", "site"), timed=False),
    LayerRule("dams", "Dams and targets", GROUP_PLACES, C["purple"], "diamond", ("dam", "bridge")),
    LayerRule("cemeteries", "Cemeteries", GROUP_PLACES, C["green"], "star", ("cemetery",)),
    LayerRule("battles", "Battles and events", GROUP_PLACES, C["orange"], "diamond", ("battle",)),
    LayerRule("rivers", "Rivers", GROUP_LINES, C["sky"], "line", ("river",), timed=False),
    LayerRule("lines", "38th parallel and armistice line", GROUP_LINES, C["black"], "line", ("line",), dash="8 6"),
    LayerRule(
        "reference-places",
        "Towns, provinces and countries the articles name",
        GROUP_PLACES,
        C["grey"],
        "circle",
        ("town", "province", "country"),
        timed=False,
        mentioned_only=True,
    ),
    LayerRule(
        "regions",
        "Regions and areas",
        GROUP_LINES,
        C["grey"],
        "area",
        ("region", "area", "water", "mountain"),
        show=False,
        timed=False,
    ),
)
LAYER_KEYS = tuple(r.key for r in DEFAULT_RULES)


def place_layers(
    gazetteer: Gazetteer,
    rules: Sequence[LayerRule] = DEFAULT_RULES,
    only: Iterable[str] | None = None,
) -> list[Layer]:
    """Split the gazetteer's places into layers, one place in one layer.

    Parameters
    ----------
    gazetteer
        The loaded gazetteer.
    rules
        Layer rules in priority order; a place goes to the first that matches.
    only
        Layer keys to keep (for a focused lesson map); ``None`` keeps all.

    Returns
    -------
    list of Layer
        In the order of ``rules``; empty layers are dropped.
    """
    places = gazetteer.places
    assigned: list[str | None] = []
    for pid, cat, sides in zip(places[S.PLACE_ID], places[S.CATEGORY], places[S.SIDE], strict=False):
        assigned.append(next((r.key for r in rules if r.matches(pid, cat, sides)), None))
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
    C["purple"],
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
    return Gazetteer(places=places, sources=gazetteer.sources, path=gazetteer.path, meta=gazetteer.meta)


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
    points = gpd.GeoDataFrame(hit.drop(columns=S.GEOMETRY), geometry=gpd.points_from_xy(hit[S.LON], hit[S.LAT]), crs=S.CRS)
    return Layer(rule, points)
