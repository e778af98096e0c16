"""Names shared by every stage: vocabularies and table columns.

Kept in one leaf module so that the gazetteer, the join, the layers and the
renderer agree on spelling without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

if TYPE_CHECKING:
    import pandas as pd

# -- vocabularies ---------------------------------------------------------
# Categories, sides and their labels are the subject's: they live in its map profile
# (see mapgen.profile), never here.
ANALYSIS_CATEGORY: Final = "analysis"  # the category of analysis shapes (rings, overlaps)
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
GEOMETRY_COLLECTION: Final = "GeometryCollection"  # LPF: several (often dated) geometries of one place

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
FCLASSES: Final = "fclasses"  # tuple[str, ...]: LPF feature classes (GeoNames letters)
TYPES: Final = "types"  # tuple[dict, ...]: LPF types ({identifier, label, ...})
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
    FCLASSES,
    TYPES,
    LON,
    LAT,
    GEOMETRY,
)
CRS: Final = "EPSG:4326"

# -- mentions of places in article texts (issue 3: texts -> mentions -> join) --
# Columns of the mentions DataFrame (one row per mention, document order) and
# the fields of `mapgen mentions` records; keep them stable: other tools read them.
DOC: Final = "doc"  # file stem of the document
START: Final = "start"  # character offset into the decoded text (BOM excluded)
END: Final = "end"  # text[start:end] is the surface form, line breaks included
TEXT: Final = "text"  # the surface form exactly as in the source
SENTENCE: Final = "sentence"  # the containing sentence, whitespace normalised
DATE: Final = "date"  # ISO 8601 (EDTF season codes 21-24, intervals with '/') or None
DATE_PRECISION: Final = "date_precision"  # "day" | "month" | "season" | "year" | None
CONFIDENCE: Final = "confidence"  # 0..1: how sure the resolution is
ALTERNATIVES: Final = "alternatives"  # tuple of {"place_id", "score"}: other readings
SOURCE: Final = (
    "source"  # where the place comes from: "gazetteer" (curated), "unresolved", or an open-world data set
    # (unchecked): "geonames", "countrystatecity", "airportsdata" (mapgen.worldsources)
)
MATCH: Final = (
    "match"  # how the name matched: "exact" (a gazetteer form), "fuzzy" (one edit), "grammar" (a feature phrase)
)
PLACE_NAME: Final = "place_name"  # the chosen place's name in its source (GeoNames' name for the open world)
MENTION_RECORD_FIELDS: Final = (
    DOC,
    START,
    END,
    TEXT,
    PLACE_ID,
    LON,
    LAT,
    SENTENCE,
    DATE,
    DATE_PRECISION,
    CONFIDENCE,
    ALTERNATIVES,
    SOURCE,
    MATCH,
    PLACE_NAME,
)
# Extra columns of the mentions DataFrame for the map (popups, time slider).
PASSAGE_START: Final = "passage_start"  # the name's offsets within SENTENCE (for highlighting)
PASSAGE_END: Final = "passage_end"
DATE_FIRST: Final = "date_first"  # first and last day the date covers (ISO day), for sliders
DATE_LAST: Final = "date_last"
RESOLVED_BY: Final = "resolved_by"  # "unique" | "context" | "override"
CITE_AUTHOR: Final = "author"
CITE_YEAR: Final = "year"  # int or None
CITE_TITLE: Final = "doc_title"
CITE_URL: Final = "url"
MENTION_COLUMNS: Final = (
    *MENTION_RECORD_FIELDS,
    PASSAGE_START,
    PASSAGE_END,
    DATE_FIRST,
    DATE_LAST,
    RESOLVED_BY,
    CITE_AUTHOR,
    CITE_YEAR,
    CITE_TITLE,
    CITE_URL,
)
# Columns of the per-place summary (one row per mentioned place).
MENTION_COUNT: Final = "mention_count"  # int
DOC_COUNTS: Final = "doc_counts"  # dict doc -> mentions in it
PASSAGES: Final = "passages"  # tuple of dicts: doc, author, year, doc_title, url, sentence, passage_start, passage_end, text, date, date_precision
FIRST_DATE: Final = "first_date"  # earliest date_first of its mentions (ISO) or None
LAST_DATE: Final = "last_date"
PLACE_MENTION_COLUMNS: Final = (PLACE_ID, MENTION_COUNT, DOC_COUNTS, PASSAGES, FIRST_DATE, LAST_DATE, LON, LAT)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a places (or mentions) frame as dicts keyed by the column names above.

    ``DataFrame.to_dict("records")`` is typed with ``Hashable`` keys; every frame here is
    labelled with these strings, so the rows are ``dict[str, Any]``.
    """
    return cast("list[dict[str, Any]]", frame.to_dict("records"))
