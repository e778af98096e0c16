"""Write the gazetteer (and the texts' mentions) in the formats other tools read.

- ``lpf``: strict Linked Places Format, every feature valid against WHG's
  schema (lpf_v2.0.jsonld), with mapgen's own members kept beside LPF's
  (``id``, ``properties.category``, ``events``...) and the bibliography
  carried into each citation as ``{label, @id, year}`` (plus ``source`` and
  ``pages``), so the file also reads back into the same map.
- ``geojson``: RFC 7946 with flat, typed properties, for any GIS.
- ``gpkg``: GeoPackage layers ``places`` (and ``mentions`` with texts), real
  typed columns (lists joined with "; ", never Python reprs).
- ``kml``: Google Earth, a folder per map layer, the popup's text as the description.
- ``csv``: one row per place (or per mention with texts), through :func:`write_csv`.
- ``annotations``: W3C Web Annotations, one per mention (TextQuoteSelector with
  prefix and suffix, TextPositionSelector), the body the place's URI: what Recogito imports.

Every file is written to a temporary name and renamed into place: a failed
export leaves nothing half-written.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry.base import BaseGeometry

from . import schema as S
from .csvcells import DictWriter
from .errors import MapgenError, Problem
from .gazetteer import Gazetteer, Source, load_gazetteer
from .layers import place_layers
from .outputs import check_output, write_file_atomic, write_text_atomic
from .popups import missing, popup_html
from .profile import Profile, profile_for

FORMATS = ("lpf", "geojson", "gpkg", "kml", "csv", "annotations")
#: Where LPF is published (LinkedPasts, Linked Places Format v1.3, 2024, on GitHub), and its JSON-LD context there:
#: an LPF file names it as its ``@context``; the gazetteers we read need not, so the export adds it.
LPF_REPOSITORY = "LinkedPasts/linked-places-format"
LPF_CONTEXT = f"https://raw.githubusercontent.com/{LPF_REPOSITORY}/main/linkedplaces-context-v1.1.jsonld"
DEFAULT_ID_BASE = "mapgen:"  # a namespace term (LPF allows 'prefix:local'); a profile's [export] id_base may give a URL
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QUOTE_CONTEXT_CHARS = 32  # prefix/suffix of a TextQuoteSelector
_URL = re.compile(r"^(https?:\/\/)(www\.)?[a-zA-Z0-9\-\.]{2,256}\.[a-z]{2,63}(\:[0-9]{1,5})?(\/.*)?$")
_NS_TERM = re.compile(r"^\w+:[^\s]+$")
_LINK_NS = re.compile(r"^(bnf|cerl|dbp|gn|gnd|gov|loc|pl|tgn|viaf|wd|wp):[^\s]+$")
_LANG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
# WHG's lpf_v2.0 lists 246 of ISO 3166-1's 249 country codes; these three fail its schema, so
# they travel in properties.ccodes_unlisted (mapgen's member, read back by mapgen) instead.
WHG_UNLISTED_CCODES = frozenset({"GS", "PS", "TW"})


# -- one place to write every CSV --------------------------------------------------


def write_csv(rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str], out: io.TextIOBase | Any) -> None:
    """Every CSV mapgen writes goes through here, so it can be hardened in one place.

    Hardened by :class:`mapgen.csvcells.DictWriter`: formula-like cells neutralised, CRLF rows.
    """
    writer = DictWriter(out, fieldnames=list(fieldnames), extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if missing(r.get(k)) else r.get(k) for k in fieldnames})


# -- helpers -------------------------------------------------------------------------


def _text(v: Any) -> str:
    return "" if missing(v) else str(v)


def place_uri(place_id: str, id_base: str = DEFAULT_ID_BASE) -> str:
    """The place's LPF @id: its own when it is a URL or namespace term, else id_base + id."""
    if _URL.match(place_id) or (_NS_TERM.match(place_id) and "/" not in place_id.split(":", 1)[0]):
        return place_id
    return id_base + place_id


def _year_of(src: Source) -> str | None:
    """A citation's year: the work's, else (an undated web page) the year we read it."""
    if src.year is not None:
        return str(src.year)
    m = re.match(r"^(\d{4})", src.accessed)
    return m.group(1) if m else None


class _Bib:
    """The bibliography, to carry into each citation."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.sources = gaz.sources

    def cite(self, c: Mapping[str, Any]) -> dict[str, Any] | None:
        src = self.sources.get(c.get("source"))  # type: ignore[arg-type]
        if src is None:
            return None
        label = src.label()
        if c.get("pages"):
            label += f" p. {c['pages']}"
        out: dict[str, Any] = {"label": label}
        ident = src.url or src.uri
        if ident and (_URL.match(ident) or _NS_TERM.match(ident)):
            out["@id"] = ident
        year = _year_of(src)
        if year:
            out["year"] = year
        out["source"] = src.id
        for k in ("pages", "note"):
            if c.get(k):
                out[k] = c[k]
        return out

    def cites(self, cs: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [x for c in cs or () if isinstance(c, Mapping) and (x := self.cite(c))]


def _geometry(geom: BaseGeometry) -> dict[str, Any]:
    gi = geom.__geo_interface__
    return {"type": gi["type"], "coordinates": _lists(gi["coordinates"])}


def _lists(c: Any) -> Any:
    return [_lists(x) for x in c] if isinstance(c, (list, tuple)) else float(c)


# -- LPF ----------------------------------------------------------------------------------


def lpf_collection(gaz: Gazetteer, prof: Profile) -> dict[str, Any]:
    """The gazetteer as a strict LPF FeatureCollection (WHG's schema, feature by feature)."""
    bib = _Bib(gaz)
    id_base = str((prof.raw.get("export") or {}).get("id_base") or DEFAULT_ID_BASE)
    labels = dict(prof.categories or {})
    features = [lpf_feature(row, bib, labels, id_base) for row in S.records(gaz.places)]
    features += [lpf_feature(dict(u), bib, labels, id_base, located=False) for u in gaz.unlocated]
    meta = {k: v for k, v in gaz.meta.items() if not k.startswith("_") and k not in ("@context", "type", "features")}
    return {
        "type": "FeatureCollection",
        "@context": LPF_CONTEXT,
        **meta,
        "sources": [_source_json(s) for s in gaz.sources.values()],
        "features": features,
    }


def _source_json(s: Source) -> dict[str, Any]:
    """A bibliography entry as data/README.md describes it (mapgen reads it back)."""
    out: dict[str, Any] = {"id": s.id, "title": s.title}
    for k in ("author", "publication", "pages", "url", "accessed", "note", "uri"):
        if getattr(s, k):
            out[k] = getattr(s, k)
    out["year"] = s.year
    if s.label_only:
        out["label_only"] = True
    return out


def lpf_feature(
    row: Mapping[str, Any], bib: _Bib, labels: Mapping[str, str], id_base: str, located: bool = True
) -> dict[str, Any]:
    """One place as an LPF Feature; mapgen's own members kept beside LPF's."""
    pid = str(row[S.PLACE_ID])
    cat = _text(row.get(S.CATEGORY))
    props: dict[str, Any] = {"title": str(row[S.TITLE])}
    ccodes = [c.upper() for c in row.get(S.CCODES) or () if isinstance(c, str) and re.fullmatch(r"[A-Za-z]{2}", c)]
    listed = [c for c in ccodes if c not in WHG_UNLISTED_CCODES]
    if listed:
        props["ccodes"] = listed
    if len(listed) < len(ccodes):
        props["ccodes_unlisted"] = [c for c in ccodes if c in WHG_UNLISTED_CCODES]
    fclasses = [c for c in row.get(S.FCLASSES) or () if c in "AHLPRSTUVX" and len(c) == 1]
    if fclasses:
        props["fclasses"] = list(dict.fromkeys(fclasses))
    if cat:
        props["category"] = cat
    if row.get(S.SIDE):
        props["side"] = list(row[S.SIDE])
    if not missing(row.get(S.MODERN_NAME)) and row.get(S.MODERN_NAME):
        props["modern_name"] = row[S.MODERN_NAME]
    cites = bib.cites(row.get(S.CITATIONS) or ())
    names = []
    for n in row.get(S.NAMES) or ():
        name: dict[str, Any] = {"toponym": n["toponym"]}
        if isinstance(n.get("lang"), str) and _LANG.match(n["lang"]):
            name["lang"] = n["lang"]
        ncites = bib.cites(n.get("citations") or ())
        if ncites:
            name["citations"] = ncites
        for k in ("note", "when"):
            if n.get(k):
                name[k] = n[k]
        names.append(name)
    if not names:
        names = [{"toponym": str(row[S.TITLE]), **({"citations": cites} if cites else {})}]
    feat: dict[str, Any] = {"type": "Feature", "@id": place_uri(pid, id_base), "properties": props, "names": names}
    if not _URL.match(pid) and not (_NS_TERM.match(pid) and pid == place_uri(pid, id_base)):
        feat["id"] = pid  # mapgen's own slug, so the file reads back with the same ids
    types = [dict(t) for t in row.get(S.TYPES) or () if isinstance(t, Mapping)]
    types = [
        {
            k: v
            for k, v in t.items()
            if k != "identifier" or (isinstance(v, str) and (_URL.match(v) or _NS_TERM.match(v)))
        }
        for t in types
    ]
    if not types and cat:
        types = [{"label": labels.get(cat, cat), "sourceLabels": [{"label": cat}]}]
    if types:
        feat["types"] = types
    if not fclasses and not types:
        feat["types"] = [{"label": "place"}]
    when = _when(row)
    if when:
        feat["when"] = when
    elif not any(c.get("year") for c in cites):
        pass
    else:
        # LPF wants a date somewhere: a name's citation with its year is one the schema takes
        first = next(c for c in cites if c.get("year"))
        names[0]["citation"] = {k: first[k] for k in ("label", "@id", "year") if k in first}
    if located:
        geom = _geometry(row[S.GEOMETRY])
        cert = row.get(S.CERTAINTY)
        if isinstance(cert, str) and cert in S.CERTAINTIES:
            geom["certainty"] = cert
        feat["geometry"] = geom
    else:
        feat["geometry"] = None
    if cites:
        feat["citations"] = cites
    desc = _text(row.get(S.DESCRIPTION))
    if desc:
        feat["descriptions"] = [{"value": desc, "lang": "en"}] if row.get("@id") is None else [{"value": desc}]
    links = [
        {"type": lk["type"], "identifier": lk["identifier"]}
        for lk in row.get(S.LINKS) or ()
        if isinstance(lk, Mapping)
        and lk.get("type") in ("closeMatch", "exactMatch", "primaryTopicOf", "subjectOf", "seeAlso")
        and isinstance(lk.get("identifier"), str)
        and (_URL.match(lk["identifier"]) or _LINK_NS.match(lk["identifier"]))
    ]
    if links:
        feat["links"] = links
    events = []
    for e in row.get(S.EVENTS) or ():
        ev = {k: v for k, v in e.items() if k != "citations"}
        ev["citations"] = bib.cites(e.get("citations") or ())
        events.append(ev)
    if events:
        feat["events"] = events
    if not missing(row.get(S.UNCERTAINTY_KM)):
        feat["uncertainty"] = {
            "radius_km": float(row[S.UNCERTAINTY_KM]),
            "reason": _text(row.get(S.UNCERTAINTY_REASON)),
        }
    return feat


def _when(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """The place's period as LPF ``when`` (its overall start and end)."""
    start, end = row.get(S.WHEN_START), row.get(S.WHEN_END)
    if missing(start) and missing(end):
        return None
    ts: dict[str, Any] = {}
    if not missing(start) and start:
        ts["start"] = {"in": str(start)}
    if not missing(end) and end:
        ts["end"] = {"in": str(end)}
    out: dict[str, Any] = {"timespans": [ts]}
    label = row.get(S.WHEN_LABEL)
    if not missing(label) and label:
        out["label"] = str(label)
    return out


# -- flat tables (geojson, gpkg, csv) -------------------------------------------------------

PLACE_FIELDS = (
    "id",
    "title",
    "modern_name",
    "category",
    "side",
    "ccodes",
    "fclasses",
    "types",
    "names",
    "when_start",
    "when_end",
    "when_label",
    "certainty",
    "uncertainty_km",
    "lon",
    "lat",
    "description",
    "citations",
    "uri",
)


def place_records(gaz: Gazetteer, prof: Profile) -> list[dict[str, Any]]:
    """One flat, typed record per located place: strings, floats; lists joined with '; '."""
    bib = _Bib(gaz)
    id_base = str((prof.raw.get("export") or {}).get("id_base") or DEFAULT_ID_BASE)
    out = []
    for row in gaz.places.to_dict("records"):
        out.append(
            {
                "id": str(row[S.PLACE_ID]),
                "title": str(row[S.TITLE]),
                "modern_name": _text(row.get(S.MODERN_NAME)),
                "category": _text(row.get(S.CATEGORY)),
                "side": "; ".join(row.get(S.SIDE) or ()),
                "ccodes": "; ".join(row.get(S.CCODES) or ()),
                "fclasses": "; ".join(row.get(S.FCLASSES) or ()),
                "types": "; ".join(str(t.get("label") or t.get("identifier")) for t in row.get(S.TYPES) or ()),
                "names": "; ".join(n["toponym"] for n in row.get(S.NAMES) or ()),
                "when_start": _text(row.get(S.WHEN_START)),
                "when_end": _text(row.get(S.WHEN_END)),
                "when_label": _text(row.get(S.WHEN_LABEL)),
                "certainty": _text(row.get(S.CERTAINTY)),
                "uncertainty_km": None if missing(row.get(S.UNCERTAINTY_KM)) else float(row[S.UNCERTAINTY_KM]),
                "lon": float(row[S.LON]),
                "lat": float(row[S.LAT]),
                "description": _text(row.get(S.DESCRIPTION)),
                "citations": "; ".join(c["label"] for c in bib.cites(row.get(S.CITATIONS) or ())),
                "uri": place_uri(str(row[S.PLACE_ID]), id_base),
                "_geometry": row[S.GEOMETRY],
            }
        )
    return out


MENTION_FIELDS = (
    "doc",
    "start",
    "end",
    "text",
    "place_id",
    "lon",
    "lat",
    "sentence",
    "date",
    "date_precision",
    "confidence",
)


def mention_records(
    gaz: Gazetteer, texts: Sequence[str | Path], problems: list[Problem]
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(document, record) for every mention of a place in the texts, in document order."""
    from .mentions import Recognizer
    from .placeindex import place_points
    from .records import document_records
    from .texts import iter_documents

    recognizer = Recognizer.from_gazetteer(gaz)
    points = place_points(gaz)
    for doc in iter_documents(list(texts), problems):
        for r in document_records(doc, recognizer.find(doc.text), points, None):
            yield doc, r


# -- writers -------------------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def geojson_collection(gaz: Gazetteer, prof: Profile) -> dict[str, Any]:
    feats = []
    for rec in place_records(gaz, prof):
        geom = rec.pop("_geometry")
        feats.append({"type": "Feature", "id": rec["id"], "properties": rec, "geometry": _geometry(geom)})
    return {"type": "FeatureCollection", "features": feats}


def _gpkg(
    gaz: Gazetteer, prof: Profile, texts: Sequence[str | Path], problems: list[Problem]
) -> Callable[[Path], None]:
    import geopandas as gpd
    import pyogrio

    recs = place_records(gaz, prof)
    geoms = [r.pop("_geometry") for r in recs]
    places = gpd.GeoDataFrame(pd.DataFrame(recs, columns=list(PLACE_FIELDS)), geometry=geoms, crs=S.CRS)
    places["uncertainty_km"] = places["uncertainty_km"].astype("float64")
    mentions = None
    if texts:
        rows = [{k: r[k] for k in MENTION_FIELDS} for _, r in mention_records(gaz, texts, problems)]
        df = pd.DataFrame(rows, columns=list(MENTION_FIELDS))
        for c in ("start", "end"):
            df[c] = df[c].astype("int64")
        df["confidence"] = df["confidence"].astype("float64")
        mentions = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=S.CRS)

    def w(p: Path) -> None:
        # fixed timestamps inside the file: the same inputs give the same bytes
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"})
        try:
            places.to_file(p, layer="places", driver="GPKG", engine="pyogrio")
            if mentions is not None:
                mentions.to_file(p, layer="mentions", driver="GPKG", engine="pyogrio", append=False)
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})

    return w


def _kml_coords(coords: Any) -> str:
    return " ".join(f"{round(float(x), 6)},{round(float(y), 6)}" for x, y, *_ in coords)


def _kml_geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    gt = geom.geom_type
    if gt.startswith("Multi") or gt == "GeometryCollection":
        multi = ET.SubElement(parent, "MultiGeometry")
        for g in geom.geoms:  # type: ignore[attr-defined]
            _kml_geometry(multi, g)
    elif gt == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _kml_coords([geom.coords[0]])
    elif gt == "LineString":
        ET.SubElement(ET.SubElement(parent, "LineString"), "coordinates").text = _kml_coords(geom.coords)
    elif gt == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        outer = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = _kml_coords(geom.exterior.coords)  # type: ignore[attr-defined]
        for ring in geom.interiors:  # type: ignore[attr-defined]
            inner = ET.SubElement(ET.SubElement(poly, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(inner, "coordinates").text = _kml_coords(ring.coords)


def kml_text(gaz: Gazetteer, prof: Profile) -> str:
    """KML 2.2 for Google Earth: a Folder per map layer; the popup's text (plain) as each description."""
    from bs4 import BeautifulSoup

    def popup_text(row: Mapping[str, Any]) -> str:
        html = popup_html(row, gaz.sources, prof.categories)
        return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)

    root = ET.Element("kml", xmlns="http://www.opengis.net/kml/2.2")
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = prof.title or "mapgen"
    for layer in place_layers(gaz, rules=prof.layers):
        folder = ET.SubElement(doc, "Folder")
        ET.SubElement(folder, "name").text = layer.name
        for row in S.records(layer.places):
            pm = ET.SubElement(folder, "Placemark", id=re.sub(r"[^A-Za-z0-9_.-]", "_", str(row[S.PLACE_ID])))
            ET.SubElement(pm, "name").text = str(row[S.TITLE])
            ET.SubElement(pm, "description").text = popup_text(row)
            _kml_geometry(pm, row[S.GEOMETRY])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def web_annotations(
    gaz: Gazetteer, prof: Profile, texts: Sequence[str | Path], problems: list[Problem]
) -> list[dict[str, Any]]:
    """W3C Web Annotations, one per mention: the place's URI identifies the quoted span."""
    id_base = str((prof.raw.get("export") or {}).get("id_base") or DEFAULT_ID_BASE)
    out = []
    for doc, r in mention_records(gaz, texts, problems):
        a, b = int(r["start"]), int(r["end"])
        target = doc.meta.url if getattr(doc.meta, "url", None) else f"urn:mapgen:doc:{doc.doc}"
        out.append(
            {
                "@context": ANNO_CONTEXT,
                "id": f"urn:mapgen:annotation:{doc.doc}:{a}-{b}",
                "type": "Annotation",
                "motivation": "identifying",
                "body": [
                    {
                        "type": "SpecificResource",
                        "purpose": "identifying",
                        "source": place_uri(str(r["place_id"]), id_base),
                    }
                ],
                "target": {
                    "source": target,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": doc.text[a:b],
                            "prefix": doc.text[max(0, a - QUOTE_CONTEXT_CHARS) : a],
                            "suffix": doc.text[b : b + QUOTE_CONTEXT_CHARS],
                        },
                        {"type": "TextPositionSelector", "start": a, "end": b},
                    ],
                },
            }
        )
    return out


def export(
    fmt: str,
    out: str | Path,
    gazetteer: Gazetteer,
    *,
    texts: Sequence[str | Path] = (),
    profile: Profile | None = None,
) -> tuple[Path, list[Problem]]:
    """Write ``gazetteer`` (and the mentions in ``texts``) as ``fmt`` to ``out``; return the path and unreadable texts."""
    if fmt not in FORMATS:
        raise MapgenError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    prof = profile or profile_for(gazetteer)
    problems: list[Problem] = []
    path = Path(out)
    if fmt == "annotations" and not texts:
        raise MapgenError("--format annotations needs --texts (one annotation per mention in them)")
    inputs = _named_inputs(gazetteer, texts, prof)
    if fmt == "gpkg":
        return write_file_atomic(path, _gpkg(gazetteer, prof, texts, problems), inputs, example="places.gpkg"), problems
    if fmt == "lpf":
        text = _json(lpf_collection(gazetteer, prof))
    elif fmt == "geojson":
        text = _json(geojson_collection(gazetteer, prof))
    elif fmt == "kml":
        text = kml_text(gazetteer, prof)
    elif fmt == "csv":
        buf = io.StringIO()
        if texts:
            write_csv((r for _, r in mention_records(gazetteer, texts, problems)), MENTION_FIELDS, buf)
        else:
            write_csv(place_records(gazetteer, prof), [f for f in PLACE_FIELDS], buf)
        text = buf.getvalue()
    else:
        text = _json(web_annotations(gazetteer, prof, texts, problems))
    return write_text_atomic(text, path, inputs, example=f"places.{fmt}"), problems


def _named_inputs(gaz: Gazetteer, texts: Sequence[str | Path], prof: Profile | None) -> list[tuple[str | Path, str]]:
    """The export's inputs with their roles: never written over."""
    named: list[tuple[str | Path, str]] = [(gaz.path, "the gazetteer"), *((t, "a --texts input") for t in texts)]
    if prof is not None and prof.path:
        named.append((prof.path, "the map profile"))
    return named


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_file` wrote, for a report."""

    path: Path
    fmt: str
    places: int
    unlocated: int
    skipped: tuple[Problem, ...] = ()  # texts that could not be read (reported, the rest used)

    def summary(self) -> str:
        """'places.gpkg: gpkg, 560 places, 1104 kB'."""
        unlocated = f" ({self.unlocated} not located)" if self.unlocated else ""
        return f"{self.path}: {self.fmt}, {self.places} places{unlocated}, {self.path.stat().st_size / 1000:.0f} kB"


def export_file(
    fmt: str,
    out: str | Path,
    gazetteer: str | Path | None = None,
    *,
    profile: str | Path | None = None,
    texts: Sequence[str | Path] = (),
    strict: bool = False,
) -> ExportResult:
    """Load a gazetteer file (default: the shipped one) and :func:`export` it, as ``mapgen export`` does.

    The output is checked before any work (never an input, a folder or a
    device); texts that cannot be read are reported in ``skipped``.
    """
    gaz = load_gazetteer(gazetteer, strict=strict, profile=profile)
    prof = profile_for(gaz, profile)
    check_output(out, _named_inputs(gaz, texts, prof), example=f"places.{fmt}")
    path, problems = export(fmt, out, gaz, texts=texts, profile=prof)
    return ExportResult(path, fmt, len(gaz.places), len(gaz.unlocated), tuple(problems))
