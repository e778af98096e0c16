"""A gazetteer (a loaded :class:`~mapgen.gazetteer.Gazetteer` or the light
:class:`~mapgen.gazetteer.PlaceNames`) as plain look-ups by place id, for the mentions path."""

from __future__ import annotations

from collections.abc import Iterable

from . import schema as S
from .gazetteer import Gazetteer, PlaceNames


def place_names(gazetteer: Gazetteer | PlaceNames) -> dict[str, str]:
    """``place_id -> title`` (a PlaceNames lists each title first among its variants)."""
    if isinstance(gazetteer, PlaceNames):
        out: dict[str, str] = {}
        for pid, name in gazetteer.variants:
            out.setdefault(pid, name)
        return out
    g = gazetteer.places
    return dict(zip(g[S.PLACE_ID], g[S.TITLE], strict=True))


def place_points(gazetteer: Gazetteer | PlaceNames) -> dict[str, tuple[float, float]]:
    """``place_id -> (lon, lat)`` representative points (:attr:`Gazetteer.points`, :attr:`PlaceNames.points`)."""
    return dict(gazetteer.points)


def place_ids(gazetteer: Gazetteer | PlaceNames) -> Iterable[str]:
    """Every place id, in gazetteer order."""
    return gazetteer.ids if isinstance(gazetteer, PlaceNames) else gazetteer.places[S.PLACE_ID]
