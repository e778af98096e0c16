"""Read gazetteers as other projects publish them: Linked Places Format and plain GeoJSON.

Real files differ from the specification and from each other (see
../shared/lpf/README.md): ``@id`` for the id, ``properties.fclasses`` and
``types`` for the kind of place, citations as ``{label, @id, year}`` (or one
``citation``), a ``GeometryCollection`` of dated geometries, ``"geometry":
null`` for a site nobody knows, names with their own ``when``, an older
``namings``/``placetypes`` spelling, years of 1 to 4 digits and BCE years,
and plain GeoJSON with only a ``name`` or ``NAME``. :func:`normalise` turns
any of these into mapgen's own shape (see data/README.md) and reports what
it cannot use: an *error* where a feature cannot be mapped at all, a
*warning* where only detail is lost (a malformed ``when``, no citation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from . import schema as S
from .errors import Problem
from .isodates import parse_partial_date
from .validation import POSITION_DEPTH, TIME_KEYS, kind, positions

if TYPE_CHECKING:  # shapely is imported where used: `mapgen mentions` does without it for points
    from shapely.geometry import LineString, Point
    from shapely.geometry.base import BaseGeometry

# GeoNames feature classes, LPF's properties.fclasses: the kind of place when no type says more.
FCLASS_CATEGORY = {
    "A": "administrative area",
    "H": "water",
    "L": "region or landscape",
    "P": "settlement",
    "R": "road or route",
    "S": "site or building",
    "T": "terrain",
    "U": "undersea",
    "V": "vegetation",
    "X": "unclassified",
}
DEFAULT_CATEGORY = "place"
TITLE_KEYS = ("title", "name", "NAME", "Name", "toponym", "label")
ALT_NAME_KEYS = ("alt_name", "alt_names", "alternative_names", "other_names")


def is_native(data: Any) -> bool:
    """mapgen's own format keeps a bibliography in ``sources``; anything else is read as LPF / GeoJSON."""
    return isinstance(data, dict) and "sources" in data


def slug(text: str) -> str:
    """'Santa María de la Antigua' -> 'santa-maria-de-la-antigua': stable ids for places that have none."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@dataclass
class Normalised:
    """A gazetteer in mapgen's own shape, what could not be used, and the places with no site."""

    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    unlocated: list[dict[str, Any]] = field(default_factory=list)  # native-shaped features with no geometry


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.sources: dict[tuple[str, str, str], dict[str, Any]] = {}

    def err(self, where: str, fld: str, msg: str) -> None:
        self.problems.append(Problem(self.file, where, fld, msg))

    def warn(self, where: str, fld: str, msg: str) -> None:
        self.problems.append(Problem(self.file, where, fld, msg, "warning"))

    # -- citations -> one bibliography ------------------------------------------------

    def cite(self, c: Any, where: str, fld: str) -> dict[str, Any] | None:
        """``{label, @id, year}`` -> ``{source: id}`` with the source kept once in the bibliography."""
        if not isinstance(c, dict):
            self.warn(where, fld, f"expected a citation {{label, @id, year}}, found {c!r}; ignored")
            return None
        label: str = c["label"] if isinstance(c.get("label"), str) else ""
        uri: str = c["@id"] if isinstance(c.get("@id"), str) else (c["id"] if isinstance(c.get("id"), str) else "")
        year = c.get("year")
        ytext = str(year) if isinstance(year, (int, str)) and re.fullmatch(r"-?\d{1,4}", str(year)) else ""
        if not label.strip() and not uri.strip():
            self.warn(where, fld, "citation with neither label nor @id; ignored")
            return None
        key = (label.strip(), uri.strip(), ytext)
        if key not in self.sources:
            sid = f"cite-{len(self.sources) + 1}"
            self.sources[key] = {
                "id": sid,
                "title": label.strip() or uri.strip(),
                "year": int(ytext) if ytext else None,
                "url": uri.strip() if re.match(r"^https?://", uri.strip()) else None,
                "uri": uri.strip() or None,
                "label_only": True,
            }
        return {"source": self.sources[key]["id"]}

    def citations(self, obj: Mapping[str, Any], where: str, prefix: str) -> list[dict[str, Any]]:
        raw: list[Any] = []
        fld = f"{prefix}citations"
        if isinstance(obj.get("citations"), list):
            raw = obj["citations"]
        elif isinstance(obj.get("citation"), dict):
            raw, fld = [obj["citation"]], f"{prefix}citation"
        out = []
        for j, c in enumerate(raw):
            r = self.cite(c, where, f"{fld}[{j}]" if fld.endswith("citations") else fld)
            if r and r not in out:
                out.append(r)
        return out

    # -- when --------------------------------------------------------------------------

    def when(self, when: Any, where: str, fld: str) -> dict[str, Any] | None:
        """A clean LPF ``when`` (only bounds that parse), or None; malformed parts are warnings."""
        if when is None:
            return None
        if not isinstance(when, dict):
            self.warn(where, fld, f"expected {{'timespans': [...]}}, found {kind(when)}; dates ignored")
            return None
        spans = when.get("timespans")
        if spans is None and "timespan" in when:
            self.warn(where, f"{fld}.timespan", "LPF spells it 'timespans' (a list); these dates are ignored")
            return None
        if not isinstance(spans, list):
            if spans is not None or not when.get("periods"):
                self.warn(
                    where, f"{fld}.timespans", f"expected a list of {{start, end}}, found {kind(spans)}; dates ignored"
                )
            return None
        clean = []
        for j, ts in enumerate(spans):
            tf = f"{fld}.timespans[{j}]"
            if not isinstance(ts, dict):
                self.warn(where, tf, f"expected {{start, end}}, found {kind(ts)}; ignored")
                continue
            out: dict[str, Any] = {}
            for part in ("start", "end"):
                val = ts.get(part)
                if val is None:
                    continue
                if isinstance(val, int) and not isinstance(val, bool) and val > 0:
                    self.warn(
                        where,
                        f"{tf}.{part}",
                        f"expected {{'in': '{val:04d}'}}, found the number {val}; read as the year {val}",
                    )
                    val = {"in": f"{val:04d}"}
                elif not isinstance(val, dict):
                    what = "-1 (no date)" if val == -1 else repr(val)
                    self.warn(
                        where, f"{tf}.{part}", f"expected {{'in': 'YYYY'}} (or earliest/latest), found {what}; ignored"
                    )
                    continue
                bound = {}
                for k in TIME_KEYS:
                    if k in val:
                        try:
                            parse_partial_date(val[k])
                        except ValueError as exc:
                            self.warn(where, f"{tf}.{part}.{k}", f"date does not parse ({exc}); ignored")
                            continue
                        bound[k] = str(val[k]).strip()
                if bound:
                    out[part] = bound
            if "start" in out and "end" in out:
                first = min(parse_partial_date(v).first for v in out["start"].values())
                last = max(parse_partial_date(v).last for v in out["end"].values())
                if last < first:
                    self.warn(where, tf, "ends before it starts; ignored")
                    continue
            if out:
                clean.append(out)
        if not clean:
            return None
        res: dict[str, Any] = {"timespans": clean}
        if isinstance(when.get("label"), str) and when["label"].strip():
            res["label"] = when["label"].strip()
        if isinstance(when.get("periods"), list):
            res["periods"] = [p for p in when["periods"] if isinstance(p, dict) and (p.get("name") or p.get("@id"))]
        return res

    # -- geometry ----------------------------------------------------------------------

    def geometry(self, g: Any, where: str) -> tuple[BaseGeometry | None, dict[str, Any]]:
        """The place's one geometry (members of a collection merged) and what its members say."""
        info: dict[str, Any] = {"certainty": None, "citations": [], "whens": []}
        if g is None:
            return None, info
        if not isinstance(g, dict):
            self.err(where, "geometry", f"expected a GeoJSON geometry object or null, found {kind(g)}")
            return None, info
        if g.get("type") == S.GEOMETRY_COLLECTION:
            members = g.get("geometries")
            if not isinstance(members, list) or not members:
                self.err(where, "geometry.geometries", "a GeometryCollection needs a list of geometries")
                return None, info
            parts = [(f"geometry.geometries[{j}]", m) for j, m in enumerate(members)]
        else:
            parts = [("geometry", g)]
        geoms: list[BaseGeometry] = []
        for fld, m in parts:
            geom = self.simple_geometry(m, where, fld)
            if geom is None:
                continue
            geoms.append(geom)
            if info["certainty"] is None and m.get("certainty") in S.CERTAINTIES:
                info["certainty"] = m["certainty"]
            elif m.get("certainty") is not None and m.get("certainty") not in S.CERTAINTIES:
                self.warn(
                    where,
                    f"{fld}.certainty",
                    f"expected one of {', '.join(S.CERTAINTIES)}, found {m.get('certainty')!r}; ignored",
                )
            info["citations"] += [c for c in self.citations(m, where, f"{fld}.") if c not in info["citations"]]
            w = self.when(m.get("when"), where, f"{fld}.when")
            if w:
                info["whens"].append(w)
        if not geoms:
            if parts:
                self.err(where, "geometry", "no usable geometry (see above); the place cannot be mapped")
            return None, info
        return merge_geometries(geoms), info

    def simple_geometry(self, m: Any, where: str, fld: str) -> BaseGeometry | None:
        import shapely
        from shapely.geometry import shape

        if not isinstance(m, dict):
            self.err(where, fld, f"expected a GeoJSON geometry object, found {kind(m)}")
            return None
        gtype = m.get("type")
        if gtype not in POSITION_DEPTH:
            self.err(where, f"{fld}.type", f"expected one of {', '.join(S.GEOMETRY_TYPES)}, found {gtype!r}")
            return None
        found = list(positions(m.get("coordinates"), POSITION_DEPTH[gtype]))
        if not found or any(p is None for p in found):
            self.err(
                where,
                f"{fld}.coordinates",
                f"malformed coordinates for a {gtype}: expected nested lists of [lon, lat] numbers",
            )
            return None
        for lon, lat in found:  # type: ignore[misc]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                hint = (
                    "; the coordinates look swapped (GeoJSON is [lon, lat])"
                    if -90 <= lon <= 90 and -180 <= lat <= 180
                    else ""
                )
                self.err(
                    where,
                    f"{fld}.coordinates",
                    f"position [{lon}, {lat}] out of range: longitude must be in [-180, 180] and latitude in [-90, 90]{hint}",
                )
                return None
        try:
            geom = shape({"type": gtype, "coordinates": m["coordinates"]})
        except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as exc:
            self.err(where, fld, f"cannot build a {gtype}: {exc}")
            return None
        if geom.is_empty:
            self.err(where, fld, f"empty {gtype}")
            return None
        if not geom.is_valid:
            self.warn(where, fld, f"invalid {gtype} ({shapely.is_valid_reason(geom)}); repaired with make_valid")
            geom = shapely.make_valid(geom)
        return geom

    # -- features ----------------------------------------------------------------------

    def feature(self, i: int, f: Any, ids: dict[str, int]) -> tuple[dict[str, Any] | None, bool]:
        """A native-shaped feature, and whether it has a site; None when it cannot be used."""
        where = f"feature {i}"
        if not isinstance(f, dict):
            self.err(where, "", f"expected a GeoJSON Feature object, found {kind(f)}")
            return None, False
        if f.get("type") != "Feature":
            self.warn(where, "type", f"expected 'Feature', found {f.get('type')!r}; read as one")
        props: dict[str, Any] = f["properties"] if isinstance(f.get("properties"), dict) else {}
        if f.get("properties") is not None and not isinstance(f.get("properties"), dict):
            self.warn(where, "properties", f"expected an object, found {kind(f.get('properties'))}; ignored")
        names_raw = f.get("names") if isinstance(f.get("names"), list) else f.get("namings")
        names_fld = "names" if isinstance(f.get("names"), list) else "namings"
        title = next((props[k].strip() for k in TITLE_KEYS if isinstance(props.get(k), str) and props[k].strip()), None)
        if title is None and isinstance(names_raw, list):
            title = next(
                (
                    n["toponym"].strip()
                    for n in names_raw
                    if isinstance(n, dict) and isinstance(n.get("toponym"), str) and n["toponym"].strip()
                ),
                None,
            )
        uri = f.get("@id") if isinstance(f.get("@id"), str) and f["@id"].strip() else None
        fid = uri or (
            str(f["id"])
            if isinstance(f.get("id"), (str, int)) and not isinstance(f.get("id"), bool) and str(f["id"]).strip()
            else None
        )
        if title is None:
            if fid is None:
                self.err(
                    where,
                    "properties.title",
                    "the feature has neither a name (properties.title, name, NAME or names) nor an id",
                )
                return None, False
            self.warn(
                where, "properties.title", f"no name (properties.title, name, NAME or names); shown by its id {fid!r}"
            )
            title = fid
        if fid is None:
            base = slug(title) or f"place-{i + 1}"
            fid, n = base, 2
            while fid in ids:
                fid, n = f"{base}-{n}", n + 1
        elif fid in ids:
            self.err(f"{where} ({fid!r})", "@id" if uri else "id", f"duplicate id; feature {ids[fid]} has it too")
            return None, False
        ids[fid] = i
        where = f"feature {i} ({fid!r})"
        names = []
        if isinstance(names_raw, list):
            for j, n in enumerate(names_raw):
                if not isinstance(n, dict) or not isinstance(n.get("toponym"), str) or not n["toponym"].strip():
                    found = n.get("toponym") if isinstance(n, dict) else n
                    self.warn(
                        where, f"{names_fld}[{j}].toponym", f"expected a non-empty name, found {found!r}; ignored"
                    )
                    continue
                name: dict[str, Any] = {"toponym": n["toponym"].strip()}
                if isinstance(n.get("lang"), str) and n["lang"].strip():
                    name["lang"] = n["lang"].strip()
                cites = self.citations(n, where, f"{names_fld}[{j}].")
                if cites:
                    name["citations"] = cites
                w = self.when(n.get("when"), where, f"{names_fld}[{j}].when")
                if w:
                    name["when"] = w
                names.append(name)
        elif names_raw is not None:
            self.warn(where, names_fld, f"expected a list of {{toponym, lang}}, found {kind(names_raw)}; ignored")
        for k in ALT_NAME_KEYS:
            alt = props.get(k)
            for a in [alt] if isinstance(alt, str) else alt if isinstance(alt, list) else []:
                if (
                    isinstance(a, str)
                    and a.strip()
                    and a.strip() != title
                    and all(a.strip() != n["toponym"] for n in names)
                ):
                    names.append({"toponym": a.strip()})
        types = []
        traw = (
            f.get("types")
            if f.get("types") is not None
            else ([f["placetypes"]] if isinstance(f.get("placetypes"), dict) else None)
        )
        if isinstance(traw, list):
            for j, t in enumerate(traw):
                if not isinstance(t, dict):
                    self.warn(where, f"types[{j}]", f"expected {{identifier, label}}, found {kind(t)}; ignored")
                    continue
                entry: dict[str, Any] = {}
                ident = t.get("identifier", t.get("@id"))
                if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
                    entry["identifier"] = str(ident).strip()
                label = t.get("label") if isinstance(t.get("label"), str) else t.get("label_aat")
                if isinstance(label, str) and label.strip():
                    entry["label"] = label.strip()
                if entry:
                    types.append(entry)
        elif traw is not None:
            self.warn(where, "types", f"expected a list of {{identifier, label}}, found {kind(traw)}; ignored")
        fclasses = props.get("fclasses", [])
        if isinstance(fclasses, str):
            fclasses = [fclasses]
        if not isinstance(fclasses, list) or not all(isinstance(c, str) for c in fclasses):
            self.warn(
                where, "properties.fclasses", f"expected a list of letters such as ['P'], found {fclasses!r}; ignored"
            )
            fclasses = []
        fclasses = [c.strip().upper() for c in fclasses if c.strip()]
        category = (
            props.get("category") if isinstance(props.get("category"), str) and props["category"].strip() else None
        )
        if category is None:
            category = next((t["label"] for t in types if t.get("label")), None)
        if category is None and fclasses:
            category = FCLASS_CATEGORY.get(fclasses[0], fclasses[0])
        ccodes = props.get("ccodes", props.get("ccode", []))
        ccodes = [ccodes] if isinstance(ccodes, str) else ccodes if isinstance(ccodes, list) else []
        geom, ginfo = self.geometry(f.get("geometry"), where)
        if geom is None and f.get("geometry") is not None:
            return None, False
        when = self.when(f.get("when"), where, "when")
        if when is None and ginfo["whens"]:
            when = {"timespans": [ts for w in ginfo["whens"] for ts in w["timespans"]]}
        if when is None and f.get("when") is None:
            when = _property_dates(props)
        cites = self.citations(f, where, "")
        for c in ginfo["citations"] + [c for n in names for c in n.get("citations", [])]:
            if c not in cites:
                cites.append(c)
        if not cites:
            self.warn(
                where, "citations", "no citation anywhere in the feature (names, geometry); its popup lists no source"
            )
        descriptions = [
            {
                "value": d["value"].strip(),
                **({"lang": d["lang"]} if isinstance(d.get("lang"), str) and d["lang"] else {}),
            }
            for d in (f["descriptions"] if isinstance(f.get("descriptions"), list) else [])
            if isinstance(d, dict) and isinstance(d.get("value"), str) and d["value"].strip()
        ]
        links = []
        for j, lk in enumerate(f["links"] if isinstance(f.get("links"), list) else []):
            ident = lk.get("identifier", lk.get("uri")) if isinstance(lk, dict) else None
            if isinstance(ident, str) and ident.strip():
                links.append(
                    {
                        "type": lk.get("type") if isinstance(lk.get("type"), str) else "closeMatch",
                        "identifier": ident.strip(),
                    }
                )
            elif lk not in ("", None):
                self.warn(where, f"links[{j}]", f"expected {{type, identifier}}, found {lk!r}; ignored")
        out: dict[str, Any] = {
            "type": "Feature",
            "id": fid,
            "properties": {
                "title": title,
                "category": category or DEFAULT_CATEGORY,
                "side": [s for s in props.get("side", []) if isinstance(s, str)]
                if isinstance(props.get("side"), list)
                else [],
                "ccodes": [c for c in ccodes if isinstance(c, str) and re.fullmatch(r"[A-Za-z]{2}", c)],
                "fclasses": fclasses,
                "types": types,
            },
            "names": names,
            "citations": cites,
            "descriptions": descriptions,
            "links": links,
        }
        if uri:
            out["@id"] = uri
        if when:
            out["when"] = when
        if geom is not None:
            from shapely.geometry import mapping

            gj = dict(mapping(geom))
            gj["coordinates"] = _lists(gj["coordinates"])
            gj["certainty"] = ginfo["certainty"] or "certain"
            out["geometry"] = gj
        else:
            out["geometry"] = None
        return out, geom is not None


# Plain GeoJSON often dates a place in its properties; these are the common spellings.
START_KEYS = (
    "start",
    "begin",
    "from",
    "start_year",
    "startYear",
    "year_start",
    "min_date",
    "minDate",
    "earliest",
    "founded",
    "year",
)
END_KEYS = ("end", "to", "end_year", "endYear", "year_end", "max_date", "maxDate", "latest")


def _property_dates(props: Mapping[str, Any]) -> dict[str, Any] | None:
    """An LPF ``when`` from plain properties such as ``{"start": 762, "end": 1258}`` (ISO years, or ISO dates)."""

    def iso(v: Any) -> str | None:
        if isinstance(v, bool):
            return None
        if isinstance(v, int) and -9999 <= v <= 9999:
            return f"{'-' if v < 0 else ''}{abs(v):04d}"
        if isinstance(v, str) and v.strip():
            try:
                return parse_partial_date(v.strip()).iso
            except ValueError:
                return None
        return None

    start = next((d for k in START_KEYS if (d := iso(props.get(k)))), None)
    end = next((d for k in END_KEYS if (d := iso(props.get(k)))), None)
    if start is None and end is None:
        return None
    ts: dict[str, Any] = {}
    if start:
        ts["start"] = {"in": start}
    if end:
        ts["end"] = {"in": end}
    if start and end and parse_partial_date(end).last < parse_partial_date(start).first:
        return None
    return {"timespans": [ts]}


def normalise(data: Any, file: str = "<gazetteer>") -> Normalised:
    """An LPF or plain GeoJSON FeatureCollection (or a single Feature) in mapgen's own shape."""
    r = _Reader(file)
    if not isinstance(data, dict):
        r.err("", "", f"expected a GeoJSON FeatureCollection (a JSON object), found {kind(data)}")
        return Normalised({"type": "FeatureCollection", "features": []}, r.problems)
    if data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if data.get("type") != "FeatureCollection":
        r.err("", "type", f"expected 'FeatureCollection', found {data.get('type')!r}")
    features = data.get("features")
    if not isinstance(features, list):
        r.err("", "features", f"expected a list of Features, found {kind(features)}")
        features = []
    ids: dict[str, int] = {}
    located: list[dict[str, Any]] = []
    unlocated: list[dict[str, Any]] = []
    for i, f in enumerate(features):
        out, has_site = r.feature(i, f, ids)
        if out is None:
            continue
        (located if has_site else unlocated).append(out)
    meta = {k: v for k, v in data.items() if k not in ("features", "type", "sources")}
    native = {
        **meta,
        "type": "FeatureCollection",
        "sources": list(r.sources.values()),
        "features": located,
    }
    return Normalised(native, r.problems, unlocated)


def merge_geometries(geoms: list[BaseGeometry]) -> BaseGeometry:
    """One geometry for a place with several: the parts of the highest dimension, as a Multi* (or single)."""
    import shapely

    if len(geoms) == 1:
        return geoms[0]
    parts: list[BaseGeometry] = []
    for g in geoms:
        parts.extend(getattr(g, "geoms", [g]))
    dim = {"Point": 0, "LineString": 1, "Polygon": 2}
    best = max(dim.get(p.geom_type, 0) for p in parts)
    keep = [p for p in parts if dim.get(p.geom_type, 0) == best]
    if best == 0:
        points = cast("list[Point]", keep)
        uniq = list(dict.fromkeys((round(p.x, 7), round(p.y, 7)) for p in points))
        return shapely.Point(uniq[0]) if len(uniq) == 1 else shapely.MultiPoint(uniq)
    if best == 1:
        return keep[0] if len(keep) == 1 else shapely.MultiLineString(cast("list[LineString]", keep))
    return shapely.union_all(keep)


def _lists(c: Any) -> Any:
    return [_lists(x) for x in c] if isinstance(c, (list, tuple)) else float(c)
