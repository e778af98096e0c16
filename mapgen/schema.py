"""Names shared by every stage: vocabularies and table columns.

Kept in one leaf module so that the gazetteer, the join, the layers and the
renderer agree on spelling without importing each other.
"""

from __future__ import annotations

from typing import Final

# -- vocabularies ---------------------------------------------------------
CATEGORIES: Final = (
    "airbase",
    "city",
    "dam",
    "river",
    "line",
    "area",
    "cemetery",
    "battle",
    "region",
    "water",
    "site",
)
SIDES: Final = ("Soviet", "Chinese", "North Korean", "UN")
COMMUNIST_SIDES: Final = frozenset({"Soviet", "Chinese", "North Korean"})
# Linked Places Format's certainty vocabulary for geometry.
CERTAINTIES: Final = ("certain", "less-certain", "uncertain")
GEOMETRY_TYPES: Final = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
)

# -- columns of the places GeoDataFrame (EPSG:4326) ------------------------
PLACE_ID: Final = "place_id"
TITLE: Final = "title"
MODERN_NAME: Final = "modern_name"
CATEGORY: Final = "category"
SIDE: Final = "side"  # tuple[str, ...]
CCODES: Final = "ccodes"  # tuple[str, ...]
NAMES: Final = "names"  # tuple[dict, ...] as in the file (toponym, lang, ...)
DESCRIPTION: Final = "description"
WHEN_START: Final = "when_start"  # ISO 8601 (partial) or None
WHEN_END: Final = "when_end"
WHEN_LABEL: Final = "when_label"
EVENTS: Final = "events"  # tuple[dict, ...]: date, label, description, citations
CITATIONS: Final = "citations"  # tuple[dict, ...]: source, pages, note
LINKS: Final = "links"  # tuple[dict, ...]: type, identifier
CERTAINTY: Final = "certainty"
UNCERTAINTY_KM: Final = "uncertainty_km"  # float, NaN when the site is known
UNCERTAINTY_REASON: Final = "uncertainty_reason"
LON: Final = "lon"  # representative point, always inside/on the geometry
LAT: Final = "lat"
GEOMETRY: Final = "geometry"

PLACE_COLUMNS: Final = (
    PLACE_ID,
    TITLE,
    MODERN_NAME,
    CATEGORY,
    SIDE,
    CCODES,
    NAMES,
    DESCRIPTION,
    WHEN_START,
    WHEN_END,
    WHEN_LABEL,
    EVENTS,
    CITATIONS,
    LINKS,
    CERTAINTY,
    UNCERTAINTY_KM,
    UNCERTAINTY_REASON,
    LON,
    LAT,
    GEOMETRY,
)
CRS: Final = "EPSG:4326"
