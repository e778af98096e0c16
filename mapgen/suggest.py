"""For curators: the places texts name that the gazetteer lacks, as draft gazetteer features.

``mapgen suggest PATH...`` runs the join with the open-world tier and gathers

- every open-world place (GeoNames), with its coordinates, GeoNames id, the
  forms the texts use and the passages that name it;
- every unresolved feature phrase of the grammar ("Sea of X"), without a point;
- every capitalised phrase after a place preposition that matched nothing
  (what ``mapgen mentions --unknown`` lists), without a point;

as a GeoJSON FeatureCollection in the gazetteer's own shape (``id``,
``properties.title/category/ccodes``, ``names``, ``descriptions``, ``links``,
``citations``, ``geometry`` with ``certainty``), one feature per place, most
mentioned first, ready to review and paste into data/places.geojson. Each
feature also carries a ``mentions`` member (doc, start, end, text, sentence),
which the gazetteer does not read: delete it when pasting. Drafts without a
point have ``geometry: null`` and must be placed by hand.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import schema as S
from .errors import Problem
from .gazetteer import PlaceNames, load_place_names
from .mentions import Recognizer, find_unknown
from .outputs import write_text_atomic
from .placeindex import place_names, place_points
from .records import document_records
from .sentences import Sentences, normalise_passage
from .texts import Document, iter_documents
from .tiers import Tiers
from .worldsources import WORLD_SOURCES, is_open_world, split_place_id

#: Passages kept per draft feature.
MAX_MENTIONS = 5


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "place"


def suggest(names: PlaceNames, documents: Iterable[Document]) -> dict[str, Any]:
    """The draft FeatureCollection (see the module docstring)."""
    rec = Recognizer.from_gazetteer(names)
    points = place_points(names)
    titles = place_names(names)
    tiers = Tiers.for_recognizer(rec)
    drafts: dict[str, dict[str, Any]] = {}
    for doc in documents:
        spans = rec.find(doc.text)
        records = list(document_records(doc, spans, points, None, tiers=tiers, names=titles))
        for r in records:
            if is_open_world(r[S.SOURCE]):
                key = r[S.PLACE_ID]
                d = drafts.setdefault(key, _draft(r[S.PLACE_NAME], (r[S.LON], r[S.LAT]), key))
            elif r[S.SOURCE] == "unresolved":
                key = "unresolved:" + _slug(r[S.TEXT])
                d = drafts.setdefault(key, _draft(" ".join(r[S.TEXT].split()), None, None, r[S.PLACE_NAME]))
            else:
                continue
            _add(d, doc.doc, r[S.START], r[S.END], r[S.TEXT], r[S.SENTENCE])
        sentences = Sentences(doc.text)
        for u in find_unknown(doc.text, [*spans, *(_span(r) for r in records)]):
            key = "unknown:" + _slug(u.surface)
            d = drafts.setdefault(
                key, _draft(" ".join(u.surface.split()), None, None, "a capitalised name after a place preposition")
            )
            sentence = normalise_passage(doc.text, *sentences.bounds(u.start, u.end), u.start, u.end)[0]
            _add(d, doc.doc, u.start, u.end, u.surface, sentence)
    features = sorted(drafts.values(), key=lambda f: (-f["_count"], f["properties"]["title"]))
    seen: set[str] = set()
    for f in features:
        base = f["id"]
        n = 2
        while f["id"] in seen:
            f["id"] = f"{base}-{n}"
            n += 1
        seen.add(f["id"])
        del f["_count"]
    return {
        "type": "FeatureCollection",
        "title": "Draft gazetteer features suggested by mapgen suggest (review every one before use)",
        "sources": [
            {"id": ws.id, "author": ws.author, "year": None, "title": ws.title, "url": ws.url, "note": ws.note}
            for ws in WORLD_SOURCES.values()
        ],
        "features": features,
    }


@dataclass(frozen=True)
class Suggestions:
    """What :func:`write_suggestions` wrote: the draft FeatureCollection and the inputs it skipped."""

    drafts: dict[str, Any]
    problems: list[Problem]


def write_suggestions(
    paths: Iterable[str | Path], out: str | Path | TextIO, *, gazetteer: str | Path | PlaceNames | None = None
) -> Suggestions:
    """Find the drafts in the texts under ``paths`` and write them as GeoJSON to ``out``.

    ``out`` is a file path (written atomically: nothing half-written on
    failure, never over one of the texts) or a text stream; ``gazetteer`` a
    path, loaded names or ``None`` for the shipped one. Unreadable texts are
    skipped and returned in ``problems``.
    """
    paths = list(paths)
    names = gazetteer if isinstance(gazetteer, PlaceNames) else load_place_names(gazetteer)
    problems: list[Problem] = []
    drafts = suggest(names, iter_documents(paths, problems))
    text = json.dumps(drafts, ensure_ascii=False, indent=1) + "\n"
    if isinstance(out, (str, Path)):
        texts = [(p, "a text") for p in paths if Path(p).is_file()]
        write_text_atomic(text, out, texts, example="drafts.geojson")
    else:
        out.write(text)
    return Suggestions(drafts, problems)


def _span(r: dict[str, Any]) -> Any:
    from .mentions import Span

    return Span(r[S.START], r[S.END], r[S.TEXT], "", ())


def _draft(title: str, point: tuple[float, float] | None, pid: str | None, what: str | None = None) -> dict[str, Any]:
    """A draft feature; ``pid`` is the open-world place id (``geonames:2037886``) when there is a point."""
    gid = ws = link = None
    if pid:
        ws, gid = split_place_id(pid)
        link = f"{ws.link_prefix}:{gid}" if ws.link_prefix else None
        desc = f"DRAFT from {ws.title.split(' (')[0].split(':')[0]} ({title}, {link or pid}): check that the texts mean this place, then describe it in your own words."
    else:
        desc = f"DRAFT: {what or 'named in the texts'}; no point found. Place it, cite a source, describe it."
    f: dict[str, Any] = {
        "type": "Feature",
        "id": _slug(title),
        "properties": {"title": title, "category": "town" if gid else "site"},
        "names": [],
        "descriptions": [{"value": desc, "lang": "en"}],
        "links": [{"type": "closeMatch", "identifier": link}] if link else [],
        "citations": [{"source": ws.id, "note": link or pid}] if ws else [],
        "geometry": (
            {"type": "Point", "coordinates": [point[0], point[1]], "certainty": "less-certain"} if point else None
        ),
        "mentions": [],
        "_count": 0,
    }
    return f


def _add(f: dict[str, Any], doc: str, start: int, end: int, text: str, sentence: str) -> None:
    form = " ".join(text.split())
    if form not in {n["toponym"] for n in f["names"]}:
        f["names"].append({"toponym": form, "lang": "en"})
    f["_count"] += 1
    if len(f["mentions"]) < MAX_MENTIONS:
        f["mentions"].append({"doc": doc, "start": start, "end": end, "text": text, "sentence": sentence})


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in paths:
        yield Path(p)
