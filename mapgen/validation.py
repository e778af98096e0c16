"""Validation of a gazetteer in mapgen's own shape, and the checks every reader shares.

The :class:`_Validator` walks a parsed file and collects every problem in it,
each naming the file, the feature (id or index), the field, what was expected
and what was found, so a curator can fix a whole file in one pass. Errors are
what stop a place being mapped; warnings, where only detail is lost.

The helpers below it are shared with :mod:`mapgen.lpf` (which reads Linked
Places and plain GeoJSON): how a found value is shown in a message, which
positions are well-formed, and :func:`scan` for values no output could hold.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from . import schema as S
from .errors import Problem
from .isodates import PartialDate, parse_partial_date
from .urls import safe_url

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: The keys of an LPF ``when`` start or end that hold a date.
TIME_KEYS = ("in", "earliest", "latest")


@dataclass(frozen=True)
class Vocabulary:
    """What the profile allows in properties.category and properties.side (None: anything)."""

    categories: tuple[str, ...] | None = None
    sides: tuple[str, ...] | None = None


def fatal(problems: list[Problem], strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when ``strict``."""
    return [p for p in problems if strict or not p.is_warning]


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one file, as ``mapgen validate`` reports it."""

    path: str
    problems: tuple[Problem, ...]
    strict: bool = False  # warnings count as errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.is_warning]

    @property
    def ok(self) -> bool:
        """The file can be mapped (with ``strict``: and nothing was lost)."""
        return not fatal(list(self.problems), self.strict)

    def lines(self) -> list[str]:
        """Each problem on a line of its own, 'error: ' or 'warning: ' first."""
        return [("warning: " if p.is_warning else "error: ") + str(p) for p in self.problems]

    def summary(self) -> str:
        """'FILE: valid', 'FILE: valid, with 2 warning(s)...' or 'FILE: 3 problem(s) found: ...'."""
        errors, warnings = len(self.errors), len(self.warnings)
        if self.ok:
            return f"{self.path}: valid" + (
                f", with {warnings} warning(s) (detail lost; see above)" if warnings else ""
            )
        counted = errors + (warnings if self.strict else 0)
        note = " (--strict: warnings count as errors)" if self.strict and warnings else ""
        return f"{self.path}: {counted} problem(s) found: {errors} error(s), {warnings} warning(s){note}"


def check_native(data: Any, file: str = "<gazetteer>", vocabulary: Vocabulary | None = None) -> list[Problem]:
    """Every problem of a gazetteer in mapgen's own shape (data/README.md), warnings included."""
    return list(_Validator(file, vocabulary or Vocabulary()).check(data))


class _Validator:
    """Walks a parsed gazetteer and yields a Problem for each fault."""

    def __init__(self, file: str, vocabulary: Vocabulary | None = None) -> None:
        self.file = file
        self.source_ids: set[str] = set()
        self.vocab = vocabulary or Vocabulary()

    def p(self, where: str, fld: str, msg: str) -> Problem:
        return Problem(self.file, where, fld, msg)

    def w(self, where: str, fld: str, msg: str) -> Problem:
        """A warning: the place is still mapped, with less detail."""
        return Problem(self.file, where, fld, msg, "warning")

    def check(self, data: Any) -> Iterator[Problem]:
        if not isinstance(data, dict):
            yield self.p("", "", f"expected a GeoJSON FeatureCollection (a JSON object), found {kind(data)}")
            return
        scanned = list(scan(data))
        if scanned:  # values no later stage could carry (the field checks would trip on them too)
            for where, message in scanned:
                yield self.p(*where, message)
            return
        if data.get("type") != "FeatureCollection":
            yield self.p("", "type", f"expected 'FeatureCollection', found {shown(data.get('type'))}")
        yield from self.check_sources(data.get("sources", []))
        features = data.get("features")
        if not isinstance(features, list):
            yield self.p("", "features", f"expected a list of Features, found {kind(features)}")
            return
        seen: dict[str, int] = {}
        for i, feat in enumerate(features):
            yield from self.check_feature(i, feat, seen)

    def check_sources(self, sources: Any) -> Iterator[Problem]:
        if not isinstance(sources, list):
            yield self.p("", "sources", f"expected a list of sources (the bibliography), found {kind(sources)}")
            return
        for i, s in enumerate(sources):
            where = f"source {i}"
            if not isinstance(s, dict):
                yield self.p(where, "", f"expected an object with id and title, found {kind(s)}")
                continue
            sid = s.get("id")
            if not isinstance(sid, str) or not sid:
                yield self.p(where, "id", f"expected a non-empty string, found {shown(sid)}")
                continue
            where = f"source {i} ({sid!r})"
            if sid in self.source_ids:
                yield self.p(where, "id", "duplicate source id; each bibliography entry needs its own id")
            self.source_ids.add(sid)
            if not isinstance(s.get("title"), str) or not s["title"].strip():
                yield self.p(where, "title", f"expected the work's title, found {shown(s.get('title'))}")
            if (
                "year" in s
                and s["year"] is not None
                and (not isinstance(s["year"], int) or isinstance(s["year"], bool))
            ):
                yield self.p(where, "year", f"expected a whole number or null, found {shown(s['year'])}")
            for key in ("author", "publication", "note"):
                if s.get(key) is not None and not isinstance(s[key], str):
                    yield self.p(where, key, f"expected text or null, found {shown(s[key])}")
            if s.get("pages") is not None and not _is_text_or_int(s["pages"]):
                yield self.p(where, "pages", f"expected text such as '22-25' or null, found {shown(s['pages'])}")
            url = s.get("url")
            if url is not None and safe_url(url) is None:
                yield self.p(where, "url", f"expected an http(s) URL, found {shown(url)}")

    def check_feature(self, i: int, f: Any, seen: dict[str, int]) -> Iterator[Problem]:
        where = f"feature {i}"
        if not isinstance(f, dict):
            yield self.p(where, "", f"expected a GeoJSON Feature object, found {kind(f)}")
            return
        fid = f.get("id")
        if fid is None or fid == "":
            yield self.p(where, "id", "missing; every place needs a stable slug id such as 'old-town-hall'")
        elif not isinstance(fid, str) or not _SLUG.match(fid):
            yield self.p(where, "id", f"expected a slug of a-z, 0-9 and '-', found {shown(fid)}")
        else:
            where = f"feature {i} ({fid!r})"
            if fid in seen:
                yield self.p(where, "id", f"duplicate id; feature {seen[fid]} has it too")
            else:
                seen[fid] = i
        if f.get("type") != "Feature":
            yield self.p(where, "type", f"expected 'Feature', found {shown(f.get('type'))}")
        yield from self.check_properties(where, f.get("properties"))
        yield from self.check_names(where, f.get("names"))
        yield from self.check_geometry(where, f.get("geometry"))
        yield from self.check_when(where, "when", f.get("when"))
        yield from self.check_events(where, f.get("events"))
        yield from self.check_citations(where, "citations", f.get("citations"), required=True)
        yield from self.check_uncertainty(where, f.get("uncertainty"), _point_of(f.get("geometry")))
        yield from self.check_descriptions(where, f.get("descriptions"))
        links = f.get("links", [])
        if not isinstance(links, list) or any(
            not isinstance(x, dict) or not isinstance(x.get("identifier"), str) for x in links
        ):
            yield self.w(
                where,
                "links",
                "expected a list of {type, identifier} objects such as {'type': 'closeMatch', 'identifier': 'wd:Q123'}",
            )

    def check_properties(self, where: str, props: Any) -> Iterator[Problem]:
        if not isinstance(props, dict):
            yield self.p(where, "properties", f"expected an object with title and category, found {kind(props)}")
            return
        title = props.get("title")
        if not isinstance(title, str) or not title.strip():
            yield self.p(
                where, "properties.title", f"the feature has no name: expected a display name, found {shown(title)}"
            )
        elif not _has_word(title):
            yield self.p(
                where,
                "properties.title",
                f"expected a name with a letter or digit, found only punctuation or symbols: {shown(title)}",
            )
        ccodes = props.get("ccodes")
        if ccodes is not None and (
            not isinstance(ccodes, list) or not all(isinstance(c, str) and _CCODE.match(c) for c in ccodes)
        ):
            yield self.p(
                where,
                "properties.ccodes",
                f"expected a list of ISO 3166-1 alpha-2 codes such as ['KP', 'CN'], found {shown(ccodes)}",
            )
        cat = props.get("category")
        cats = self.vocab.categories
        if not isinstance(cat, str) or not cat.strip():
            yield self.p(
                where,
                "properties.category",
                f"expected the kind of place (a string such as 'city'), found {shown(cat)}",
            )
        elif cats is not None and cat not in cats:
            yield self.p(
                where,
                "properties.category",
                f"unknown category {shown(cat)}; expected one of {', '.join(cats)} (the profile's [categories])",
            )
        side = props.get("side", [])
        if isinstance(side, str):
            side = [side]
        sides = self.vocab.sides
        if not isinstance(side, list) or any(
            not isinstance(s, str) or (sides is not None and s not in sides) for s in side
        ):
            allowed = f"drawn from {', '.join(sides)} (the profile's [sides])" if sides is not None else "of strings"
            yield self.p(where, "properties.side", f"expected a list {allowed}, found {shown(props.get('side'))}")
        modern = props.get("modern_name")
        if modern is not None and not isinstance(modern, str):
            yield self.p(where, "properties.modern_name", f"expected a string or null, found {shown(modern)}")

    def check_names(self, where: str, names: Any) -> Iterator[Problem]:
        if names is None:
            return
        if not isinstance(names, list):
            yield self.p(where, "names", f"expected a list of {{toponym, lang}} objects, found {kind(names)}")
            return
        for j, n in enumerate(names):
            if not isinstance(n, dict) or not isinstance(n.get("toponym"), str) or not n["toponym"].strip():
                found = n.get("toponym") if isinstance(n, dict) else n
                yield self.p(where, f"names[{j}].toponym", f"expected a non-empty name, found {shown(found)}")
                continue
            if not _has_word(n["toponym"]):
                yield self.p(
                    where,
                    f"names[{j}].toponym",
                    f"expected a name with a letter or digit, found only punctuation or symbols: {shown(n['toponym'])}",
                )
            if n.get("lang") is not None and not isinstance(n["lang"], str):
                yield self.p(
                    where, f"names[{j}].lang", f"expected a language tag such as 'en', found {shown(n['lang'])}"
                )
            yield from self.check_citations(where, f"names[{j}].citations", n.get("citations"), required=False)

    def check_geometry(self, where: str, g: Any) -> Iterator[Problem]:
        fld = "geometry"
        if g is None:
            return  # the site is unknown: listed as "not located", not drawn
        if not isinstance(g, dict):
            yield self.p(where, fld, f"expected a GeoJSON geometry object, found {kind(g)}")
            return
        gtype = g.get("type")
        if gtype not in S.GEOMETRY_TYPES:
            yield self.p(where, f"{fld}.type", f"expected one of {', '.join(S.GEOMETRY_TYPES)}, found {shown(gtype)}")
            return
        coords = g.get("coordinates")
        found = list(positions(coords, POSITION_DEPTH[gtype]))
        if not found or any(p is None for p in found):
            yield self.p(
                where,
                f"{fld}.coordinates",
                f"malformed coordinates for a {gtype}: expected nested lists of [lon, lat] numbers",
            )
            return
        for lon, lat in found:  # type: ignore[misc]
            if -180 <= lon <= 180 and -90 <= lat <= 90:
                continue
            hint = ""
            if -90 <= lon <= 90 and -180 <= lat <= 180:
                hint = "; the coordinates look swapped (GeoJSON is [lon, lat])"
            yield self.p(
                where,
                f"{fld}.coordinates",
                f"position [{lon}, {lat}] out of range: longitude must be in [-180, 180] and latitude in [-90, 90]{hint}",
            )
            return
        wrap = _wraps(coords, POSITION_DEPTH[gtype], gtype)
        if wrap:
            yield self.p(where, f"{fld}.coordinates", wrap)
            return
        if gtype != "Point":  # a Point with [lon, lat] in range is valid: shapely is not needed
            yield from self._check_shape(where, g)
        cert = g.get("certainty", "certain")
        if cert not in S.CERTAINTIES:
            yield self.p(where, f"{fld}.certainty", f"expected one of {', '.join(S.CERTAINTIES)}, found {shown(cert)}")
        if "citations" in g:
            yield from self.check_citations(where, f"{fld}.citations", g["citations"], required=False)

    def _check_shape(self, where: str, g: Mapping[str, Any]) -> Iterator[Problem]:
        import shapely
        from shapely.geometry import shape

        fld, gtype = "geometry", g["type"]
        try:
            geom = shape(dict(g))
        except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as exc:
            yield self.p(where, fld, f"cannot build a {gtype}: {exc}")
            return
        if not geom.is_valid:
            yield self.p(where, fld, f"invalid {gtype}: {shapely.is_valid_reason(geom)}")

    def check_when(self, where: str, fld: str, when: Any) -> Iterator[Problem]:
        if when is None:
            return
        if not isinstance(when, dict) or not isinstance(when.get("timespans"), list):
            yield self.p(
                where,
                fld,
                "expected {'timespans': [{'start': {'in': 'YYYY-MM-DD'}, 'end': {...}}]} (Linked Places Format)",
            )
            return
        if when.get("label") is not None and not isinstance(when["label"], str):
            yield self.p(where, f"{fld}.label", f"expected text or null, found {shown(when['label'])}")
        for j, ts in enumerate(when["timespans"]):
            tf = f"{fld}.timespans[{j}]"
            if not isinstance(ts, dict):
                yield self.p(where, tf, f"expected an object with start and end, found {kind(ts)}")
                continue
            bounds: dict[str, PartialDate] = {}
            for part in ("start", "end"):
                val = ts.get(part)
                if val is None and part == "end":
                    continue
                if not isinstance(val, dict) or not any(k in val for k in TIME_KEYS):
                    yield self.p(
                        where,
                        f"{tf}.{part}",
                        f"expected {{'in': 'YYYY-MM-DD'}} (or earliest/latest), found {shown(val)}",
                    )
                    continue
                for k in TIME_KEYS:
                    if k in val:
                        try:
                            d = parse_partial_date(val[k])
                        except ValueError as exc:
                            yield self.w(where, f"{tf}.{part}.{k}", f"date does not parse: {exc}")
                            continue
                        if part == "start":
                            bounds[part] = min(bounds.get(part, d), d, key=lambda x: x.first)
                        else:
                            bounds[part] = max(bounds.get(part, d), d, key=lambda x: x.last)
            if "start" in bounds and "end" in bounds and bounds["end"].last < bounds["start"].first:
                yield self.w(where, tf, f"ends ({bounds['end'].iso}) before it starts ({bounds['start'].iso})")

    def check_events(self, where: str, events: Any) -> Iterator[Problem]:
        if events is None:
            return
        if not isinstance(events, list):
            yield self.p(
                where, "events", f"expected a list of {{date, label, description, citations}}, found {kind(events)}"
            )
            return
        for j, e in enumerate(events):
            ef = f"events[{j}]"
            if not isinstance(e, dict):
                yield self.p(where, ef, f"expected an object, found {kind(e)}")
                continue
            try:
                parse_partial_date(e.get("date"))
            except ValueError as exc:
                yield self.p(where, f"{ef}.date", f"date does not parse: {exc}")
            if not isinstance(e.get("label"), str) or not e["label"].strip():
                yield self.p(where, f"{ef}.label", f"expected a short label, found {shown(e.get('label'))}")
            if e.get("description") is not None and not isinstance(e["description"], str):
                yield self.p(where, f"{ef}.description", f"expected text or null, found {shown(e['description'])}")
            yield from self.check_citations(where, f"{ef}.citations", e.get("citations"), required=True)

    def check_citations(self, where: str, fld: str, cits: Any, *, required: bool) -> Iterator[Problem]:
        if cits is None or cits == []:
            if required:
                yield self.w(
                    where,
                    fld,
                    "missing; cite at least one source from the bibliography, e.g. [{'source': 'smith-1999', 'pages': '22'}]",
                )
            return
        if not isinstance(cits, list):
            yield self.p(where, fld, f"expected a list of {{source, pages}} objects, found {kind(cits)}")
            return
        for j, c in enumerate(cits):
            src = c.get("source") if isinstance(c, dict) else None
            if not isinstance(src, str):
                yield self.p(
                    where, f"{fld}[{j}].source", f"expected the id of a bibliography entry, found {shown(src)}"
                )
            elif src not in self.source_ids:
                known = ", ".join(sorted(self.source_ids)) or "none"
                yield self.w(
                    where,
                    f"{fld}[{j}].source",
                    f"points at no source: {shown(src)} is not in the bibliography (known: {known})",
                )
            if isinstance(c, dict) and c.get("pages") is not None and not _is_text_or_int(c["pages"]):
                yield self.p(
                    where, f"{fld}[{j}].pages", f"expected text such as '22-25' or null, found {shown(c['pages'])}"
                )

    def check_uncertainty(self, where: str, unc: Any, point: Any = None) -> Iterator[Problem]:
        if unc is None:
            return
        from .geo import MAX_RING_KM, MIN_RING_KM, ring_problem  # lazy: pyproj, for gazetteers with uncertainty only

        r = unc.get("radius_km") if isinstance(unc, dict) else None
        km = float(r) if finite(r) else None
        if km is None or km <= 0:
            yield self.p(where, "uncertainty.radius_km", f"expected a positive number of km, found {shown(r)}")
        elif not MIN_RING_KM <= km < MAX_RING_KM:
            yield self.p(
                where,
                "uncertainty.radius_km",
                f"a circle of {shown(r)} km cannot be drawn on this map; expected {MIN_RING_KM:g} to {MAX_RING_KM:g} km",
            )
        elif isinstance(point, tuple):
            problem = ring_problem(point[0], point[1], km)
            if problem:
                yield self.p(where, "uncertainty.radius_km", problem)
        reason = unc.get("reason") if isinstance(unc, dict) else None
        if not isinstance(reason, str) or not reason.strip():
            yield self.p(
                where, "uncertainty.reason", f"expected a short reason for the uncertainty, found {shown(reason)}"
            )

    def check_descriptions(self, where: str, descs: Any) -> Iterator[Problem]:
        if descs is None:
            return
        if not isinstance(descs, list) or any(
            not isinstance(d, dict) or not isinstance(d.get("value"), str) for d in descs
        ):
            yield self.p(where, "descriptions", "expected a list of {'value': text, 'lang': 'en'} objects")


#: How deep each geometry type nests its [lon, lat] positions.
POSITION_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def positions(coords: Any, depth: int) -> Iterator[tuple[float, float] | None]:
    """Yield each [lon, lat] of a coordinates array, or None where it is malformed."""
    if depth == 0:
        ok = isinstance(coords, list) and len(coords) in (2, 3) and all(finite(v) for v in coords)
        yield (float(coords[0]), float(coords[1])) if ok else None
        return
    if not isinstance(coords, list) or not coords:
        yield None
        return
    for c in coords:
        yield from positions(c, depth - 1)


def kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), type(value).__name__)


# -- values no stage can carry, and how they are shown -------------------------------

#: Deeper JSON than this is refused (no gazetteer needs it; recursion would fail further on).
MAX_DEPTH = 64
#: Integers beyond this are not exact as floats (JSON numbers become floats in the page).
MAX_EXACT_INT = 2**53
_CCODE = re.compile(r"^[A-Z]{2}$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def scan(data: Any) -> Iterator[tuple[tuple[str, str], str]]:
    """Every value of the tree that no output could hold: lone surrogates, non-finite or
    over-large numbers, nesting deeper than :data:`MAX_DEPTH`. Iterative: a deep tree
    cannot exhaust the stack."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            yield _located(path), f"nested more than {MAX_DEPTH} levels deep; no gazetteer field is"
            continue
        if isinstance(value, dict):
            for k, v in reversed(list(value.items())):
                if isinstance(k, str) and _SURROGATE.search(k):
                    yield _located(path), f"a key holds a lone surrogate escape ({shown(k)}), which no file can encode"
                    continue
                stack.append((v, f"{path}.{k}" if path else str(k), depth + 1))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]", depth + 1))
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                yield (
                    _located(path),
                    f"holds a lone surrogate escape ({shown(value)}), which no file can encode; fix the text",
                )
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_EXACT_INT:
                yield (
                    _located(path),
                    f"the number {shown(value)} is too large (beyond 2**53, where numbers lose digits as floats)",
                )
        elif isinstance(value, float):
            if not math.isfinite(value):
                yield _located(path), f"{value!r} is not a JSON number; expected a finite number"
        else:
            yield _located(path), f"expected a JSON value, found {type(value).__name__}"


def scanned(data: Any, file: str) -> list[Problem]:
    return [Problem(file, where, fld, message) for (where, fld), message in scan(data)]


def _located(path: str) -> tuple[str, str]:
    """('feature 3', 'properties.title') from 'features[3].properties.title'."""
    m = re.match(r"^features\[(\d+)\]\.?(.*)$", path)
    if m:
        return f"feature {m.group(1)}", m.group(2)
    m = re.match(r"^sources\[(\d+)\]\.?(.*)$", path)
    if m:
        return f"source {m.group(1)}", m.group(2)
    return "", path


def shown(value: Any, limit: int = 80) -> str:
    """A found value for a message: short, never a crash (huge ints, surrogates), never a Python repr of an object."""
    if isinstance(value, (dict, list)):
        return kind(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**limit:
        return f"a number of {len(str(abs(value))) if abs(value).bit_length() < 10_000 else 'thousands of'} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def finite(v: Any) -> TypeGuard[int | float]:
    """A JSON number usable as a float (no bool, no inf/nan, no int beyond a float)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:
        return False


def _is_text_or_int(v: Any) -> bool:
    return isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))


def _has_word(name: str) -> bool:
    """Whether a name has a letter or digit: one of only punctuation can be neither searched nor shown."""
    return any(c.isalnum() for c in name)


def _point_of(g: Any) -> tuple[float, float] | None:
    if isinstance(g, dict) and g.get("type") == "Point" and isinstance(g.get("coordinates"), list):
        c = g["coordinates"]
        if len(c) >= 2 and finite(c[0]) and finite(c[1]):
            return float(c[0]), float(c[1])
    return None


def _wraps(coords: Any, depth: int, gtype: str) -> str | None:
    """Why a line or ring cannot be drawn in lon/lat as it is: a segment over the antimeridian, a pole in a ring."""
    if depth == 0 or gtype in ("Point", "MultiPoint"):
        return None
    if depth == 1:
        pts = [(float(c[0]), float(c[1])) for c in coords]
        for (x0, _), (x1, _) in itertools.pairwise(pts):
            if abs(x1 - x0) >= 180:
                return (
                    f"a segment from longitude {x0:g} to {x1:g} crosses the antimeridian (or a pole); "
                    "split the shape at 180 degrees as RFC 7946 (section 3.1.9) asks"
                )
        if gtype in ("Polygon", "MultiPolygon") and any(abs(y) >= 90 for _, y in pts):
            return "a ring touches a pole; a shape around a pole cannot be drawn on this map's projection"
        return None
    for c in coords:
        found = _wraps(c, depth - 1, gtype)
        if found:
            return found
    return None
