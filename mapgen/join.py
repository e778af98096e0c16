"""The join: every mention of a gazetteer place in the documents, and a summary per place.

One document at a time: recognise the names (:mod:`mapgen.mentions`), choose
each span's place (:mod:`mapgen.resolution`, with :mod:`mapgen.overrides`),
and write its record with passage, date and citation (:mod:`mapgen.records`).
:func:`join_texts` gathers the records into the tables the map draws from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import schema as S
from .gazetteer import Gazetteer, PlaceNames
from .isodates import iso_day_key
from .mentions import Recognizer
from .overrides import OverrideKey
from .placeindex import place_names, place_points
from .records import document_records, passage_of
from .texts import Document
from .tiers import Tiers

if TYPE_CHECKING:  # imported where used: `mapgen mentions` needs neither pandas nor (mostly) pyproj
    import pandas as pd


@dataclass(frozen=True)
class Join:
    """Mentions of gazetteer places in documents, ready for the map.

    ``mentions``: one row per mention in document order, columns
    :data:`mapgen.schema.MENTION_COLUMNS`. ``places``: one row per mentioned
    place, columns :data:`mapgen.schema.PLACE_MENTION_COLUMNS`, most
    mentioned first.
    """

    mentions: pd.DataFrame
    places: pd.DataFrame


def iter_mention_records(
    gazetteer: Gazetteer | PlaceNames,
    documents: Iterable[Document],
    *,
    overrides: Mapping[OverrideKey, str] | None = None,
    recognizer: Recognizer | None = None,
    curated_only: bool = False,
) -> Iterator[dict[str, Any]]:
    """Recognise, resolve and date every mention, one document at a time (streaming).

    Parameters
    ----------
    gazetteer
        The places; its automaton is built once here unless ``recognizer`` is given.
    documents
        E.g. :func:`mapgen.texts.iter_documents`; consumed lazily.
    overrides
        From :func:`load_overrides`.
    recognizer
        Any object with ``find(text) -> list[Span]`` (the benchmark passes a naive one).
    curated_only
        Only the gazetteer's places: no open-world (GeoNames) tier.

    Yields
    ------
    dict
        One per mention, in document order, with the keys of
        :data:`mapgen.schema.MENTION_COLUMNS`.
    """
    rec = recognizer or Recognizer.from_gazetteer(gazetteer)
    points = place_points(gazetteer)
    tiers = Tiers.for_recognizer(rec, curated_only=curated_only) if hasattr(rec, "candidates") else None
    names = place_names(gazetteer)
    for doc in documents:
        yield from document_records(doc, rec.find(doc.text), points, overrides, tiers=tiers, names=names)


def join_texts(
    gazetteer: Gazetteer,
    documents: Iterable[Document],
    *,
    overrides: Mapping[OverrideKey, str] | None = None,
    recognizer: Recognizer | None = None,
    curated_only: bool = False,
) -> Join:
    """Join documents to the gazetteer: every mention, and a summary per place for the map.

    Parameters
    ----------
    gazetteer
        The places (EPSG:4326, with ``lon``/``lat`` representative points).
    documents
        E.g. ``iter_documents(paths)``.
    overrides
        From :func:`load_overrides`.

    Returns
    -------
    Join
        ``mentions``: DataFrame with :data:`mapgen.schema.MENTION_COLUMNS`, in
        document order. ``places``: DataFrame with
        :data:`mapgen.schema.PLACE_MENTION_COLUMNS`, most mentioned first:
        ``passages`` is a tuple of dicts (doc, author, year, doc_title, url,
        sentence, passage_start, passage_end, text, date, date_precision,
        date_first, date_last) in document order; ``first_date``/``last_date``
        are ISO days or None.
    """
    import pandas as pd

    rows = list(
        iter_mention_records(
            gazetteer, documents, overrides=overrides, recognizer=recognizer, curated_only=curated_only
        )
    )
    mentions = pd.DataFrame(rows, columns=list(S.MENTION_COLUMNS))
    return Join(mentions=mentions, places=summarise_places(rows))


def summarise_places(rows: Iterable[Mapping[str, Any]], shown: int | None = None) -> pd.DataFrame:
    """Per-place aggregation of mention records (see :func:`join_texts`).

    ``shown``: keep whole only the first ``shown`` passages of each place (what
    a popup shows); the others become one shared ``{doc, doc_title}`` stub per
    document, so memory grows with places and documents, not with mentions.
    """
    stubs: dict[str, dict[str, Any]] = {}
    import pandas as pd

    by_place: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r[S.PLACE_ID] is None:  # a feature phrase the gazetteer cannot place (grammar): no place to sum
            continue
        agg = by_place.setdefault(
            r[S.PLACE_ID],
            {
                S.PLACE_ID: r[S.PLACE_ID],
                S.MENTION_COUNT: 0,
                S.DOC_COUNTS: {},
                S.PASSAGES: [],
                S.FIRST_DATE: None,
                S.LAST_DATE: None,
                S.LON: r[S.LON],
                S.LAT: r[S.LAT],
            },
        )
        agg[S.MENTION_COUNT] += 1
        agg[S.DOC_COUNTS][r[S.DOC]] = agg[S.DOC_COUNTS].get(r[S.DOC], 0) + 1
        if shown is None or len(agg[S.PASSAGES]) < shown:
            agg[S.PASSAGES].append(passage_of(r))
        else:
            doc = r[S.DOC]
            stub = stubs.get(doc)
            if stub is None:
                stub = stubs[doc] = {S.DOC: doc, S.CITE_TITLE: r[S.CITE_TITLE]}
            agg[S.PASSAGES].append(stub)
        # ISO days in time order, not string order (-0100 is before -0043)
        first, last = r[S.DATE_FIRST], r[S.DATE_LAST]
        if first and (agg[S.FIRST_DATE] is None or iso_day_key(first) < iso_day_key(agg[S.FIRST_DATE])):
            agg[S.FIRST_DATE] = first
        if last and (agg[S.LAST_DATE] is None or iso_day_key(last) > iso_day_key(agg[S.LAST_DATE])):
            agg[S.LAST_DATE] = last
    out = [{**a, S.PASSAGES: tuple(a[S.PASSAGES])} for a in by_place.values()]
    out.sort(key=lambda a: (-a[S.MENTION_COUNT], a[S.PLACE_ID]))
    return pd.DataFrame(out, columns=list(S.PLACE_MENTION_COLUMNS))
