"""The map layer of the open-world tier: places the articles name that the gazetteer lacks.

Each open-world place the join chose (GeoNames, or the divisions and air
fields of :mod:`mapgen.worldsources`) becomes one point with the articles'
passages, in a layer of its own ("Other places the articles name (not yet
reviewed)"), whose popup says plainly where the location comes from and that
nobody has checked it: the same name may mean another place.
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
from .worldsources import WORLD_SOURCES, is_open_world, split_place_id

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
SOURCES = {
    ws.id: Source(id=ws.id, title=ws.title, author=ws.author, url=ws.url, note=ws.note) for ws in WORLD_SOURCES.values()
}
GEONAMES = SOURCES["geonames"]


def world_layer(mentions: pd.DataFrame | list[dict], rule: LayerRule = WORLD_RULE) -> Layer | None:
    """One point per open-world place in ``mentions`` (the join's table or its records), ``None`` when there is none."""
    if isinstance(mentions, list):
        if not mentions:
            return None
        mentions = pd.DataFrame(mentions)
    if S.SOURCE not in mentions.columns:
        return None
    ow = mentions[mentions[S.SOURCE].map(is_open_world)]
    if ow.empty:
        return None
    rows = []
    for pid, group in ow.groupby(S.PLACE_ID, sort=True):
        first = group.iloc[0]
        ws, ref = split_place_id(str(pid))
        link = f"{ws.link_prefix}:{ref}" if ws.link_prefix else None
        label = _SOURCE_LABEL.get(ws.id, ws.id)
        where = f"geonames.org/{ref}" if ws.id == "geonames" else f"{label} {ref}"
        chosen = _CHOSEN.get(ws.id, "by the context of the article")
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
                    f"Not yet reviewed: the articles name “{', '.join(forms)}”, and mapgen placed it at the "
                    f"{label} place {first[S.PLACE_NAME]} ({where}), chosen {chosen} (confidence {conf:.2f}). "
                    "Nobody has checked that this is the place the article means; another place of the same name may "
                    "be meant."
                ),
                S.WHEN_START: None,
                S.WHEN_END: None,
                S.WHEN_LABEL: None,
                S.EVENTS: (),
                S.CITATIONS: ({"source": ws.id, "note": f"{link or ref}, location not checked"},),
                S.LINKS: ({"type": "closeMatch", "identifier": link},) if link else (),
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
    used = sorted({split_place_id(str(p))[0].id for p in frame[S.PLACE_ID]})
    return Layer(rule, frame, sources={k: SOURCES[k] for k in used})


#: How the popup says a place of each source was chosen among those of its name.
_CHOSEN = {
    "geonames": "by the context of the article and by population",
    # divisions have no population in their data: they compete as a town of a nominal size would
    "countrystatecity": "by the context of the article and a nominal population (the data gives none)",
}
#: How a popup names each source's places ("the GeoNames place Dayton").
_SOURCE_LABEL = {"geonames": "GeoNames", "countrystatecity": "Countries States Cities", "airportsdata": "airportsdata"}


def _none(v: object) -> object:
    """pandas turns a missing value into NaN; the popups expect None."""
    return None if isinstance(v, float) and v != v else v
