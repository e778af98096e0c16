"""Load and validate the gazetteer: mapgen's own GeoJSON, Linked Places Format, or plain GeoJSON.

mapgen's own format (data/README.md) keeps a bibliography in ``sources``;
any other file is read by :mod:`mapgen.lpf` as other projects publish it
(JSON Lines too). Problems are errors where a place cannot be mapped and
warnings where only detail is lost; ``strict`` makes warnings errors.

Validation collects every problem in the file and reports them together, each
naming the file, the feature (id or index), the field, what was expected and
what was found, so a curator can fix a whole file in one pass.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema as S
from .errors import GazetteerError, Problem
from .inputs import InputError, read_input
from .isodates import PartialDate, parse_partial_date
from .lpf import is_native, normalise
from .profile import profile_path_for, read_profile
from .urls import safe_url

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # imported where used: `mapgen mentions` needs neither geopandas nor (for points) shapely
    import geopandas as gpd

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME_KEYS = ("in", "earliest", "latest")


@dataclass(frozen=True)
class Source:
    """One entry of the bibliography that features cite."""

    id: str
    title: str
    author: str = ""
    year: int | None = None
    publication: str = ""
    pages: str = ""
    url: str = ""
    note: str = ""
    accessed: str = ""  # when a web page was read (ISO date): the year of an undated page's citation
    uri: str = ""  # an LPF citation's @id (a URL or a namespace term such as doi:...)
    label_only: bool = False  # an LPF citation: ``title`` is its whole label (no author, no separate title)

    def label(self) -> str:
        """A short human citation: 'Author (Year). Title.'"""
        if self.label_only:
            return self.title
        who = self.author or "Anon."
        when = f" ({self.year})" if self.year else ""
        return f"{who}{when}. {self.title}."


@dataclass(frozen=True)
class Gazetteer:
    """The places of one gazetteer file and the bibliography they cite.

    ``places`` is a GeoDataFrame in EPSG:4326 with the columns of
    :data:`mapgen.schema.PLACE_COLUMNS`, one row per feature, in file order.
    """

    places: gpd.GeoDataFrame
    sources: Mapping[str, Source]
    path: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    unlocated: tuple[Mapping[str, Any], ...] = ()  # places whose site is unknown ("geometry": null): listed, not drawn

    def name_variants(self) -> Iterator[tuple[str, str]]:
        """Yield ``(place_id, toponym)`` for every title and name variant."""
        for pid, title, names in zip(self.places[S.PLACE_ID], self.places[S.TITLE], self.places[S.NAMES], strict=True):
            yield pid, title
            for n in names:
                yield pid, n["toponym"]


@dataclass(frozen=True)
class PlaceNames:
    """What recognition and resolution need of a gazetteer: ids, name variants, points.

    Built without geopandas or pandas (:func:`load_place_names`), so a command
    that only finds mentions starts in a fraction of the time; the same
    values as :meth:`Gazetteer.name_variants` and the ``lon``/``lat`` columns.
    """

    path: str
    ids: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]
    points: Mapping[str, tuple[float, float]]

    def name_variants(self) -> Iterator[tuple[str, str]]:
        """Yield ``(place_id, toponym)`` for every title and name variant."""
        return iter(self.variants)


def default_gazetteer_path() -> Path:
    """The gazetteer shipped with mapgen (data/places.geojson of the repository)."""
    packaged = resources.files("mapgen") / "data" / "places.geojson"
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install reads the repository's file directly.
    return Path(__file__).resolve().parent.parent / "data" / "places.geojson"


def read_gazetteer_json(path: str | Path) -> Any:
    """Read the file as JSON, turning I/O and syntax errors into GazetteerError."""
    p = Path(path)
    name = str(path)
    try:
        raw = read_input(p)
    except InputError as exc:
        reason = exc.reason
        if reason == "file not found":
            reason = "file not found; pass an existing GeoJSON file"
        elif reason.startswith("is a directory"):
            reason = "is a directory; expected a GeoJSON file such as data/places.geojson"
        raise GazetteerError([Problem(name, "", "", reason)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GazetteerError(
            [Problem(name, "", "", f"is not UTF-8 text (bad byte at offset {exc.start}); GeoJSON must be UTF-8")]
        ) from None
    if p.suffix.lower() in (".jsonl", ".ndjson", ".geojsonl") or _looks_like_lines(text):
        return _json_lines(text, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GazetteerError(
            [Problem(name, f"line {exc.lineno}, column {exc.colno}", "", f"invalid JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise GazetteerError([Problem(name, "", "", "invalid JSON: nested too deeply")]) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits (Python's int-to-str limit)
        raise GazetteerError([Problem(name, "", "", f"invalid JSON for a gazetteer: {exc}")]) from None


def _looks_like_lines(text: str) -> bool:
    """A JSON Lines file: one Feature per line (the first line alone is a whole object)."""
    head, _, rest = text.lstrip().partition("\n")
    if not rest.strip() or not head.startswith("{"):
        return False
    try:
        first = json.loads(head)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(first, dict) and first.get("type") == "Feature"


def _json_lines(text: str, name: str) -> dict[str, Any]:
    """JSON Lines (one Feature per line) as a FeatureCollection; every bad line is reported."""
    features, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            features.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(Problem(name, f"line {n}, column {exc.colno}", "", f"invalid JSON: {exc.msg}"))
        except RecursionError:
            problems.append(Problem(name, f"line {n}", "", "invalid JSON: nested too deeply"))
    if problems:
        raise GazetteerError(problems)
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Vocabulary:
    """What the profile allows in properties.category and properties.side (None: anything)."""

    categories: tuple[str, ...] | None = None
    sides: tuple[str, ...] | None = None


def vocabulary_for(path: str | Path | None, profile: str | Path | None = None) -> Vocabulary:
    """The categories and sides of the gazetteer's profile (``profile``, else the one beside it)."""
    pp = Path(profile) if profile is not None else profile_path_for(path)
    if pp is None:
        return Vocabulary()
    prof = read_profile(pp)
    return Vocabulary(tuple(prof.categories) if prof.categories is not None else None, prof.sides)


def validate_gazetteer_data(
    data: Any, file: str = "<gazetteer>", vocabulary: Vocabulary | None = None
) -> list[Problem]:
    """Check a parsed gazetteer; return every problem found (empty when clean), warnings included."""
    if is_native(data) or not isinstance(data, dict):
        return list(_Validator(file, vocabulary or Vocabulary()).check(data))
    scanned = _scanned(data, file)  # values no stage could carry, in LPF too
    return scanned or normalise(data, file).problems


def validate_gazetteer(path: str | Path, profile: str | Path | None = None) -> list[Problem]:
    """Read and check a gazetteer file; return every problem found (empty when clean), warnings included."""
    try:
        data = read_gazetteer_json(path)
    except GazetteerError as exc:
        return list(exc.problems)
    return validate_gazetteer_data(data, str(path), vocabulary_for(path, profile))


def fatal(problems: list[Problem], strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when ``strict``."""
    return [p for p in problems if strict or not p.is_warning]


def load_gazetteer(
    path: str | Path | None = None, *, strict: bool = False, profile: str | Path | None = None
) -> Gazetteer:
    """Load a gazetteer file into a GeoDataFrame after validating it.

    Parameters
    ----------
    path
        mapgen GeoJSON, LPF (JSON or JSON Lines) or plain GeoJSON; ``None`` means the shipped gazetteer.
    strict
        Treat warnings (detail lost, such as a malformed ``when``) as errors.
    profile
        The map profile whose vocabularies are checked (default: the one beside the gazetteer).

    Returns
    -------
    Gazetteer
        ``places`` in EPSG:4326 with :data:`mapgen.schema.PLACE_COLUMNS`.

    Raises
    ------
    GazetteerError
        Listing every problem in the file.
    """
    p = Path(path) if path is not None else default_gazetteer_path()
    data, unlocated = _read_checked(p, strict, profile)
    gaz = gazetteer_from_data(data, str(p))
    if unlocated:
        log.info(
            "%d place(s) not located (geometry null): listed in the map's list of places, not drawn", len(unlocated)
        )
    return Gazetteer(gaz.places, gaz.sources, gaz.path, gaz.meta, tuple(_unlocated(f) for f in unlocated))


def _read_checked(p: Path, strict: bool, profile: str | Path | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The file in mapgen's own shape, its located features only, and the unlocated ones apart.

    Raises GazetteerError on errors (and on warnings when ``strict``); logs the warnings.
    """
    data = read_gazetteer_json(p)
    unlocated: list[dict[str, Any]] = []
    if is_native(data):
        problems = validate_gazetteer_data(data, str(p), vocabulary_for(p, profile))
        unlocated = (
            [f for f in data["features"] if isinstance(f, dict) and f.get("geometry") is None]
            if isinstance(data.get("features"), list)
            else []
        )
    elif _scanned(data, str(p)):
        problems = _scanned(data, str(p))
    else:
        norm = normalise(data, str(p))
        problems, data, unlocated = norm.problems, norm.data, norm.unlocated
    stop = fatal(problems, strict)
    if stop:
        what = "problem(s)" if strict else "error(s)"
        raise GazetteerError(stop, f"{p}: {len(stop)} {what}; fix them and run `mapgen validate {p}`")
    warnings = [x for x in problems if x.is_warning]
    for w in warnings[:WARNINGS_SHOWN]:
        log.warning("warning: %s", w)
    if len(warnings) > WARNINGS_SHOWN:
        log.warning(
            "... and %d more warning(s): `mapgen validate %s` lists them all", len(warnings) - WARNINGS_SHOWN, p
        )
    return {**data, "features": [f for f in data["features"] if f.get("geometry") is not None]}, unlocated


WARNINGS_SHOWN = 20  # on stderr during a build; `mapgen validate` lists every one


def load_place_names(
    path: str | Path | None = None, *, strict: bool = False, profile: str | Path | None = None
) -> PlaceNames:
    """Load and validate a gazetteer like :func:`load_gazetteer`, keeping only its names and points.

    Returns
    -------
    PlaceNames
        Ids in file order, ``(place_id, toponym)`` variants in the order of
        :meth:`Gazetteer.name_variants`, and ``place_id -> (lon, lat)``.

    Raises
    ------
    GazetteerError
        Listing every problem in the file.
    """
    p = Path(path) if path is not None else default_gazetteer_path()
    data, _ = _read_checked(p, strict, profile)  # places with no site have no point: not searched for
    ids: list[str] = []
    variants: list[tuple[str, str]] = []
    points: dict[str, tuple[float, float]] = {}
    for f in data["features"]:
        pid = f["id"]
        ids.append(pid)
        variants.append((pid, f["properties"]["title"]))
        variants.extend((pid, n["toponym"]) for n in f.get("names") or ())
        points[pid] = _point(f["geometry"])
    return PlaceNames(path=str(p), ids=tuple(ids), variants=tuple(variants), points=points)


def _point(g: Mapping[str, Any]) -> tuple[float, float]:
    """The representative (lon, lat) of a validated geometry, rounded as the places frame rounds it."""
    if g["type"] == "Point":  # no shapely needed
        return round(float(g["coordinates"][0]), 6), round(float(g["coordinates"][1]), 6)
    from shapely.geometry import shape

    point = shape(g).representative_point()
    return round(point.x, 6), round(point.y, 6)


def gazetteer_from_data(data: Mapping[str, Any], path: str = "<gazetteer>") -> Gazetteer:
    """Build a Gazetteer from already validated data (mapgen's own shape)."""
    import geopandas as gpd

    sources = {s["id"]: _source(s) for s in data.get("sources", [])}
    rows = [_row(f) for f in data["features"]]
    places = gpd.GeoDataFrame(rows, columns=list(S.PLACE_COLUMNS), geometry=S.GEOMETRY, crs=S.CRS)
    meta = {k: v for k, v in data.items() if k not in ("features", "sources", "type")}
    return Gazetteer(places=places, sources=sources, path=path, meta=meta)


def _unlocated(f: Mapping[str, Any]) -> dict[str, Any]:
    """What the list of places says about a place with no site: its names, kind, dates, sources."""
    props = f.get("properties") or {}
    span = _timespan(f.get("when"))
    return {
        S.PLACE_ID: f["id"],
        S.TITLE: props.get("title") or f["id"],
        S.CATEGORY: props.get("category"),
        S.NAMES: tuple(f.get("names") or ()),
        S.DESCRIPTION: " ".join(
            d["value"] for d in f.get("descriptions") or [] if isinstance(d, dict) and d.get("value")
        ),
        S.WHEN_START: span[0].iso if span[0] else None,
        S.WHEN_END: span[1].iso if span[1] else None,
        S.CITATIONS: tuple(f.get("citations") or ()),
        S.FCLASSES: tuple(props.get("fclasses") or ()),
        S.TYPES: tuple(props.get("types") or ()),
        "@id": f.get("@id"),
    }


# -- building rows ----------------------------------------------------------


def _source(s: Mapping[str, Any]) -> Source:
    year = s.get("year")
    return Source(
        id=s["id"],
        title=str(s.get("title", "")),
        author=str(s.get("author") or ""),
        year=int(year) if isinstance(year, int) else None,
        publication=str(s.get("publication") or ""),
        pages=str(s.get("pages") or ""),
        url=str(s.get("url") or ""),
        note=str(s.get("note") or ""),
        accessed=str(s.get("accessed") or ""),
        uri=str(s.get("uri") or ""),
        label_only=bool(s.get("label_only")),
    )


def _row(f: Mapping[str, Any]) -> dict[str, Any]:
    from shapely.geometry import shape

    props = f.get("properties") or {}
    geom = shape(f["geometry"])
    lon, lat = _point(f["geometry"])
    span = _timespan(f.get("when"))
    unc = f.get("uncertainty") or {}
    descriptions = f.get("descriptions") or []
    return {
        S.PLACE_ID: f["id"],
        S.TITLE: props["title"],
        S.MODERN_NAME: props.get("modern_name") or None,
        S.CATEGORY: props["category"],
        S.SIDE: tuple(props.get("side") or ()),
        S.CCODES: tuple(props.get("ccodes") or ()) + tuple(props.get("ccodes_unlisted") or ()),
        S.NAMES: tuple(f.get("names") or ()),
        S.DESCRIPTION: " ".join(d["value"] for d in descriptions if isinstance(d, dict) and d.get("value")),
        S.WHEN_START: span[0].iso if span[0] else None,
        S.WHEN_END: span[1].iso if span[1] else None,
        S.WHEN_LABEL: (f.get("when") or {}).get("label"),
        S.EVENTS: tuple(sorted(f.get("events") or (), key=lambda e: parse_partial_date(e["date"]).first)),
        S.CITATIONS: tuple(f.get("citations") or ()),
        S.LINKS: tuple(x for x in f.get("links") or () if isinstance(x, dict))
        if isinstance(f.get("links"), list)
        else (),
        S.CERTAINTY: f["geometry"].get("certainty", "certain"),
        S.UNCERTAINTY_KM: float(unc["radius_km"]) if "radius_km" in unc else math.nan,
        S.UNCERTAINTY_REASON: unc.get("reason"),
        S.FCLASSES: tuple(props.get("fclasses") or ()),
        S.TYPES: tuple(props.get("types") or ()),
        S.LON: lon,
        S.LAT: lat,
        S.GEOMETRY: geom,
    }


def _timespan(when: Any) -> tuple[PartialDate | None, PartialDate | None]:
    """The overall start and end of a validated LPF ``when``."""
    if not when:
        return None, None
    starts: list[PartialDate] = []
    ends: list[PartialDate] = []
    for ts in when.get("timespans", []):
        starts += [d for k, v in (ts.get("start") or {}).items() if k in _TIME_KEYS and (d := _date_or_none(v))]
        ends += [d for k, v in (ts.get("end") or {}).items() if k in _TIME_KEYS and (d := _date_or_none(v))]
    start = min(starts, key=lambda d: d.first) if starts else None
    end = max(ends, key=lambda d: d.last) if ends else None
    return start, end


def _date_or_none(value: Any) -> PartialDate | None:
    """A date that validation only warned about is left out, not fatal."""
    try:
        return parse_partial_date(value)
    except ValueError:
        return None


# -- validation -------------------------------------------------------------


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
            yield self.p("", "", f"expected a GeoJSON FeatureCollection (a JSON object), found {_kind(data)}")
            return
        scanned = list(_scan(data))
        if scanned:  # values no later stage could carry (the field checks would trip on them too)
            for where, message in scanned:
                yield self.p(*where, message)
            return
        if data.get("type") != "FeatureCollection":
            yield self.p("", "type", f"expected 'FeatureCollection', found {_shown(data.get('type'))}")
        yield from self.check_sources(data.get("sources", []))
        features = data.get("features")
        if not isinstance(features, list):
            yield self.p("", "features", f"expected a list of Features, found {_kind(features)}")
            return
        seen: dict[str, int] = {}
        for i, feat in enumerate(features):
            yield from self.check_feature(i, feat, seen)

    def check_sources(self, sources: Any) -> Iterator[Problem]:
        if not isinstance(sources, list):
            yield self.p("", "sources", f"expected a list of sources (the bibliography), found {_kind(sources)}")
            return
        for i, s in enumerate(sources):
            where = f"source {i}"
            if not isinstance(s, dict):
                yield self.p(where, "", f"expected an object with id and title, found {_kind(s)}")
                continue
            sid = s.get("id")
            if not isinstance(sid, str) or not sid:
                yield self.p(where, "id", f"expected a non-empty string, found {_shown(sid)}")
                continue
            where = f"source {i} ({sid!r})"
            if sid in self.source_ids:
                yield self.p(where, "id", "duplicate source id; each bibliography entry needs its own id")
            self.source_ids.add(sid)
            if not isinstance(s.get("title"), str) or not s["title"].strip():
                yield self.p(where, "title", f"expected the work's title, found {_shown(s.get('title'))}")
            if (
                "year" in s
                and s["year"] is not None
                and (not isinstance(s["year"], int) or isinstance(s["year"], bool))
            ):
                yield self.p(where, "year", f"expected a whole number or null, found {_shown(s['year'])}")
            for key in ("author", "publication", "note"):
                if s.get(key) is not None and not isinstance(s[key], str):
                    yield self.p(where, key, f"expected text or null, found {_shown(s[key])}")
            if s.get("pages") is not None and not _is_text_or_int(s["pages"]):
                yield self.p(where, "pages", f"expected text such as '22-25' or null, found {_shown(s['pages'])}")
            url = s.get("url")
            if url is not None and safe_url(url) is None:
                yield self.p(where, "url", f"expected an http(s) URL, found {_shown(url)}")

    def check_feature(self, i: int, f: Any, seen: dict[str, int]) -> Iterator[Problem]:
        where = f"feature {i}"
        if not isinstance(f, dict):
            yield self.p(where, "", f"expected a GeoJSON Feature object, found {_kind(f)}")
            return
        fid = f.get("id")
        if fid is None or fid == "":
            yield self.p(where, "id", "missing; every place needs a stable slug id such as 'old-town-hall'")
        elif not isinstance(fid, str) or not _SLUG.match(fid):
            yield self.p(where, "id", f"expected a slug of a-z, 0-9 and '-', found {_shown(fid)}")
        else:
            where = f"feature {i} ({fid!r})"
            if fid in seen:
                yield self.p(where, "id", f"duplicate id; feature {seen[fid]} has it too")
            else:
                seen[fid] = i
        if f.get("type") != "Feature":
            yield self.p(where, "type", f"expected 'Feature', found {_shown(f.get('type'))}")
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
            yield self.p(where, "properties", f"expected an object with title and category, found {_kind(props)}")
            return
        title = props.get("title")
        if not isinstance(title, str) or not title.strip():
            yield self.p(
                where, "properties.title", f"the feature has no name: expected a display name, found {_shown(title)}"
            )
        elif not _has_word(title):
            yield self.p(
                where,
                "properties.title",
                f"expected a name with a letter or digit, found only punctuation or symbols: {_shown(title)}",
            )
        ccodes = props.get("ccodes")
        if ccodes is not None and (
            not isinstance(ccodes, list) or not all(isinstance(c, str) and _CCODE.match(c) for c in ccodes)
        ):
            yield self.p(
                where,
                "properties.ccodes",
                f"expected a list of ISO 3166-1 alpha-2 codes such as ['KP', 'CN'], found {_shown(ccodes)}",
            )
        cat = props.get("category")
        cats = self.vocab.categories
        if not isinstance(cat, str) or not cat.strip():
            yield self.p(
                where,
                "properties.category",
                f"expected the kind of place (a string such as 'city'), found {_shown(cat)}",
            )
        elif cats is not None and cat not in cats:
            yield self.p(
                where,
                "properties.category",
                f"unknown category {_shown(cat)}; expected one of {', '.join(cats)} (the profile's [categories])",
            )
        side = props.get("side", [])
        if isinstance(side, str):
            side = [side]
        sides = self.vocab.sides
        if not isinstance(side, list) or any(
            not isinstance(s, str) or (sides is not None and s not in sides) for s in side
        ):
            allowed = f"drawn from {', '.join(sides)} (the profile's [sides])" if sides is not None else "of strings"
            yield self.p(where, "properties.side", f"expected a list {allowed}, found {_shown(props.get('side'))}")
        modern = props.get("modern_name")
        if modern is not None and not isinstance(modern, str):
            yield self.p(where, "properties.modern_name", f"expected a string or null, found {_shown(modern)}")

    def check_names(self, where: str, names: Any) -> Iterator[Problem]:
        if names is None:
            return
        if not isinstance(names, list):
            yield self.p(where, "names", f"expected a list of {{toponym, lang}} objects, found {_kind(names)}")
            return
        for j, n in enumerate(names):
            if not isinstance(n, dict) or not isinstance(n.get("toponym"), str) or not n["toponym"].strip():
                found = n.get("toponym") if isinstance(n, dict) else n
                yield self.p(where, f"names[{j}].toponym", f"expected a non-empty name, found {_shown(found)}")
                continue
            if not _has_word(n["toponym"]):
                yield self.p(
                    where,
                    f"names[{j}].toponym",
                    f"expected a name with a letter or digit, found only punctuation or symbols: {_shown(n['toponym'])}",
                )
            if n.get("lang") is not None and not isinstance(n["lang"], str):
                yield self.p(
                    where, f"names[{j}].lang", f"expected a language tag such as 'en', found {_shown(n['lang'])}"
                )
            yield from self.check_citations(where, f"names[{j}].citations", n.get("citations"), required=False)

    def check_geometry(self, where: str, g: Any) -> Iterator[Problem]:
        fld = "geometry"
        if g is None:
            return  # the site is unknown: listed as "not located", not drawn
        if not isinstance(g, dict):
            yield self.p(where, fld, f"expected a GeoJSON geometry object, found {_kind(g)}")
            return
        gtype = g.get("type")
        if gtype not in S.GEOMETRY_TYPES:
            yield self.p(where, f"{fld}.type", f"expected one of {', '.join(S.GEOMETRY_TYPES)}, found {_shown(gtype)}")
            return
        coords = g.get("coordinates")
        positions = list(_positions(coords, _DEPTH[gtype]))
        if not positions or any(p is None for p in positions):
            yield self.p(
                where,
                f"{fld}.coordinates",
                f"malformed coordinates for a {gtype}: expected nested lists of [lon, lat] numbers",
            )
            return
        for lon, lat in positions:  # type: ignore[misc]
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
        wrap = _wraps(coords, _DEPTH[gtype], gtype)
        if wrap:
            yield self.p(where, f"{fld}.coordinates", wrap)
            return
        if gtype != "Point":  # a Point with [lon, lat] in range is valid: shapely is not needed
            yield from self._check_shape(where, g)
        cert = g.get("certainty", "certain")
        if cert not in S.CERTAINTIES:
            yield self.p(where, f"{fld}.certainty", f"expected one of {', '.join(S.CERTAINTIES)}, found {_shown(cert)}")
        if "citations" in g:
            yield from self.check_citations(where, f"{fld}.citations", g["citations"], required=False)

    def _check_shape(self, where: str, g: Mapping[str, Any]) -> Iterator[Problem]:
        import shapely
        from shapely.geometry import shape

        fld, gtype = "geometry", g["type"]
        try:
            geom = shape(g)
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
            yield self.p(where, f"{fld}.label", f"expected text or null, found {_shown(when['label'])}")
        for j, ts in enumerate(when["timespans"]):
            tf = f"{fld}.timespans[{j}]"
            if not isinstance(ts, dict):
                yield self.p(where, tf, f"expected an object with start and end, found {_kind(ts)}")
                continue
            bounds: dict[str, PartialDate] = {}
            for part in ("start", "end"):
                val = ts.get(part)
                if val is None and part == "end":
                    continue
                if not isinstance(val, dict) or not any(k in val for k in _TIME_KEYS):
                    yield self.p(
                        where,
                        f"{tf}.{part}",
                        f"expected {{'in': 'YYYY-MM-DD'}} (or earliest/latest), found {_shown(val)}",
                    )
                    continue
                for k in _TIME_KEYS:
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
                where, "events", f"expected a list of {{date, label, description, citations}}, found {_kind(events)}"
            )
            return
        for j, e in enumerate(events):
            ef = f"events[{j}]"
            if not isinstance(e, dict):
                yield self.p(where, ef, f"expected an object, found {_kind(e)}")
                continue
            try:
                parse_partial_date(e.get("date"))
            except ValueError as exc:
                yield self.p(where, f"{ef}.date", f"date does not parse: {exc}")
            if not isinstance(e.get("label"), str) or not e["label"].strip():
                yield self.p(where, f"{ef}.label", f"expected a short label, found {_shown(e.get('label'))}")
            if e.get("description") is not None and not isinstance(e["description"], str):
                yield self.p(where, f"{ef}.description", f"expected text or null, found {_shown(e['description'])}")
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
            yield self.p(where, fld, f"expected a list of {{source, pages}} objects, found {_kind(cits)}")
            return
        for j, c in enumerate(cits):
            src = c.get("source") if isinstance(c, dict) else None
            if not isinstance(src, str):
                yield self.p(
                    where, f"{fld}[{j}].source", f"expected the id of a bibliography entry, found {_shown(src)}"
                )
            elif src not in self.source_ids:
                known = ", ".join(sorted(self.source_ids)) or "none"
                yield self.w(
                    where,
                    f"{fld}[{j}].source",
                    f"points at no source: {_shown(src)} is not in the bibliography (known: {known})",
                )
            if isinstance(c, dict) and c.get("pages") is not None and not _is_text_or_int(c["pages"]):
                yield self.p(
                    where, f"{fld}[{j}].pages", f"expected text such as '22-25' or null, found {_shown(c['pages'])}"
                )

    def check_uncertainty(self, where: str, unc: Any, point: Any = None) -> Iterator[Problem]:
        if unc is None:
            return
        from .geo import MAX_RING_KM, MIN_RING_KM, ring_problem  # lazy: pyproj, for gazetteers with uncertainty only

        r = unc.get("radius_km") if isinstance(unc, dict) else None
        if not _finite(r) or r <= 0:
            yield self.p(where, "uncertainty.radius_km", f"expected a positive number of km, found {_shown(r)}")
        elif not MIN_RING_KM <= r < MAX_RING_KM:
            yield self.p(
                where,
                "uncertainty.radius_km",
                f"a circle of {_shown(r)} km cannot be drawn on this map; expected {MIN_RING_KM:g} to {MAX_RING_KM:g} km",
            )
        elif isinstance(point, tuple):
            problem = ring_problem(*point, float(r))
            if problem:
                yield self.p(where, "uncertainty.radius_km", problem)
        reason = unc.get("reason") if isinstance(unc, dict) else None
        if not isinstance(reason, str) or not reason.strip():
            yield self.p(
                where, "uncertainty.reason", f"expected a short reason for the uncertainty, found {_shown(reason)}"
            )

    def check_descriptions(self, where: str, descs: Any) -> Iterator[Problem]:
        if descs is None:
            return
        if not isinstance(descs, list) or any(
            not isinstance(d, dict) or not isinstance(d.get("value"), str) for d in descs
        ):
            yield self.p(where, "descriptions", "expected a list of {'value': text, 'lang': 'en'} objects")


_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _positions(coords: Any, depth: int) -> Iterator[tuple[float, float] | None]:
    """Yield each [lon, lat] of a coordinates array, or None where it is malformed."""
    if depth == 0:
        ok = isinstance(coords, list) and len(coords) in (2, 3) and all(_finite(v) for v in coords)
        yield (float(coords[0]), float(coords[1])) if ok else None
        return
    if not isinstance(coords, list) or not coords:
        yield None
        return
    for c in coords:
        yield from _positions(c, depth - 1)


def _kind(value: Any) -> str:
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


def _scan(data: Any) -> Iterator[tuple[tuple[str, str], str]]:
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
                    yield _located(path), f"a key holds a lone surrogate escape ({_shown(k)}), which no file can encode"
                    continue
                stack.append((v, f"{path}.{k}" if path else str(k), depth + 1))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]", depth + 1))
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                yield (
                    _located(path),
                    f"holds a lone surrogate escape ({_shown(value)}), which no file can encode; fix the text",
                )
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_EXACT_INT:
                yield (
                    _located(path),
                    f"the number {_shown(value)} is too large (beyond 2**53, where numbers lose digits as floats)",
                )
        elif isinstance(value, float):
            if not math.isfinite(value):
                yield _located(path), f"{value!r} is not a JSON number; expected a finite number"
        else:
            yield _located(path), f"expected a JSON value, found {type(value).__name__}"


def _scanned(data: Any, file: str) -> list[Problem]:
    return [Problem(file, where, fld, message) for (where, fld), message in _scan(data)]


def _located(path: str) -> tuple[str, str]:
    """('feature 3', 'properties.title') from 'features[3].properties.title'."""
    m = re.match(r"^features\[(\d+)\]\.?(.*)$", path)
    if m:
        return f"feature {m.group(1)}", m.group(2)
    m = re.match(r"^sources\[(\d+)\]\.?(.*)$", path)
    if m:
        return f"source {m.group(1)}", m.group(2)
    return "", path


def _shown(value: Any, limit: int = 80) -> str:
    """A found value for a message: short, never a crash (huge ints, surrogates), never a Python repr of an object."""
    if isinstance(value, (dict, list)):
        return _kind(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**limit:
        return f"a number of {len(str(abs(value))) if abs(value).bit_length() < 10_000 else 'thousands of'} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _finite(v: Any) -> bool:
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
        if len(c) >= 2 and _finite(c[0]) and _finite(c[1]):
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
