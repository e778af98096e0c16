"""The gazetteer: its model (places table, bibliography) and loading it from a file.

mapgen's own format (data/README.md) keeps a bibliography in ``sources`` and
is checked by :mod:`mapgen.validation`; any other file is read by
:mod:`mapgen.lpf` as other projects publish it (JSON Lines too). Problems are
errors where a place cannot be mapped and warnings where only detail is lost;
``strict`` makes warnings errors. Loading refuses a file with errors, listing
every one of them.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema as S
from .caches import entry_key, read_entry, write_entry
from .errors import GazetteerError, Problem
from .inputs import InputError, read_input, read_text_input
from .isodates import PartialDate, parse_partial_date
from .lpf import is_native, normalise
from .profile import profile_path_for, read_profile
from .validation import TIME_KEYS, Vocabulary, check_native, fatal, scanned

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # imported where used: `mapgen mentions` needs neither geopandas nor (for points) shapely
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry


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

    @functools.cached_property
    def points(self) -> Mapping[str, tuple[float, float]]:
        """``place_id -> (lon, lat)``: each place's representative point (as :attr:`PlaceNames.points`)."""
        g = self.places
        return {pid: (float(lon), float(lat)) for pid, lon, lat in zip(g[S.PLACE_ID], g[S.LON], g[S.LAT], strict=True)}

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
    return parse_gazetteer_text(read_gazetteer_text(path), path)


def read_gazetteer_text(path: str | Path) -> str:
    """The gazetteer file as text, turning I/O errors into GazetteerError."""
    try:
        return read_text_input(Path(path), kind="GeoJSON file")
    except InputError as exc:
        reason = exc.reason
        if reason == "file not found":
            reason = "file not found; pass an existing GeoJSON file"
        elif reason.startswith("is a directory"):
            reason = "is a directory; expected a GeoJSON file such as data/places.geojson"
        raise GazetteerError([Problem(str(path), "", "", reason)]) from None


def parse_gazetteer_text(text: str, path: str | Path) -> Any:
    """The text of the gazetteer file ``path`` as JSON (or JSON Lines), turning syntax errors into GazetteerError."""
    p = Path(path)
    name = str(path)
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
        return check_native(data, file, vocabulary)
    found = scanned(data, file)  # values no stage could carry, in LPF too
    return found or normalise(data, file).problems


def validate_gazetteer(path: str | Path, profile: str | Path | None = None) -> list[Problem]:
    """Read and check a gazetteer file; return every problem found (empty when clean), warnings included."""
    try:
        data = read_gazetteer_json(path)
    except GazetteerError as exc:
        return list(exc.problems)
    return validate_gazetteer_data(data, str(path), vocabulary_for(path, profile))


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
    data, unlocated, _ = _read_checked(p, strict, profile)
    gaz = gazetteer_from_data(data, str(p))
    if unlocated:
        log.info(
            "%d place(s) not located (geometry null): listed in the map's list of places, not drawn", len(unlocated)
        )
    return Gazetteer(gaz.places, gaz.sources, gaz.path, gaz.meta, tuple(_unlocated(f) for f in unlocated))


def _read_checked(
    p: Path, strict: bool, profile: str | Path | None, text: str | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]], list[Problem]]:
    """The file in mapgen's own shape, its located features only, the unlocated ones apart, and its warnings.

    ``text``: the file's text when the caller has read it already. Raises GazetteerError on errors
    (and on warnings when ``strict``); logs the warnings.
    """
    data = parse_gazetteer_text(read_gazetteer_text(p) if text is None else text, p)
    unlocated: list[dict[str, Any]] = []
    if is_native(data):
        problems = validate_gazetteer_data(data, str(p), vocabulary_for(p, profile))
        unlocated = (
            [f for f in data["features"] if isinstance(f, dict) and f.get("geometry") is None]
            if isinstance(data.get("features"), list)
            else []
        )
    elif found := scanned(data, str(p)):
        problems = found
    else:
        norm = normalise(data, str(p))
        problems, data, unlocated = norm.problems, norm.data, norm.unlocated
    _report(p, problems, strict)
    located = [f for f in data["features"] if f.get("geometry") is not None]
    return {**data, "features": located}, unlocated, [x for x in problems if x.is_warning]


def _report(p: Path, problems: list[Problem], strict: bool) -> None:
    """Raise GazetteerError on errors (and on warnings when ``strict``); log the warnings."""
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
    text = read_gazetteer_text(p)  # read once: the entry's key and, on a miss, what is validated
    key = _names_entry(p, text, profile)
    cached = _cached_names(p, key) if key else None
    if cached is not None:
        _report(p, cached[1], strict)
        return cached[0]
    data, _, warnings = _read_checked(p, strict, profile, text)  # places with no site have no point: not searched for
    ids: list[str] = []
    variants: list[tuple[str, str]] = []
    points: dict[str, tuple[float, float]] = {}
    for f in data["features"]:
        pid = f["id"]
        ids.append(pid)
        variants.append((pid, f["properties"]["title"]))
        variants.extend((pid, n["toponym"]) for n in f.get("names") or ())
        points[pid] = _point(f["geometry"])
    names = PlaceNames(path=str(p), ids=tuple(ids), variants=tuple(variants), points=points)
    if key:
        write_entry(key, _names_json(names, warnings))
    return names


#: Bump when the shape of a names entry changes.
_NAMES_ENTRY_VERSION = "1"


def _names_entry(p: Path, text: str, profile: str | Path | None) -> str | None:
    """The cache entry of the names of ``p`` (whose ``text`` was read): keyed by its path and text and its
    profile's path and bytes (None if the profile is unreadable).

    ``mapgen mentions`` validates the gazetteer on every run; a tenth of a second
    of its start-up, saved while neither file nor mapgen changes.
    """
    pp = Path(profile) if profile is not None else profile_path_for(p)
    try:
        parts: list[bytes | str] = [_NAMES_ENTRY_VERSION, str(p), text]
        parts += ["", b""] if pp is None else [str(pp), read_input(pp)]
    except InputError:
        return None  # the normal path reports it
    return entry_key("names", *parts)


def _names_json(names: PlaceNames, warnings: list[Problem]) -> dict[str, Any]:
    return {
        "ids": list(names.ids),
        "variants": [list(v) for v in names.variants],
        "points": [list(names.points[i]) for i in names.ids],
        "warnings": [[w.file, w.where, w.field, w.message] for w in warnings],
    }


def _cached_names(p: Path, key: str) -> tuple[PlaceNames, list[Problem]] | None:
    """The names and warnings a run stored under ``key``, or None when there is no well-formed entry."""
    entry = read_entry(key)
    if not isinstance(entry, dict):
        return None
    try:
        ids = tuple(entry["ids"])
        points = {pid: (float(lon), float(lat)) for pid, (lon, lat) in zip(ids, entry["points"], strict=True)}
        variants = tuple((str(pid), str(name)) for pid, name in entry["variants"])
        warnings = [Problem(str(f), str(w), str(fld), str(m), "warning") for f, w, fld, m in entry["warnings"]]
    except (TypeError, KeyError, ValueError):
        return None
    return PlaceNames(path=str(p), ids=ids, variants=variants, points=points), warnings


POINT_DIGITS = 6  # of a place's representative lon/lat in the places table: ~0.1 m, finer than any site is known


def _point(g: Mapping[str, Any]) -> tuple[float, float]:
    """The representative (lon, lat) of a validated geometry, rounded as the places frame rounds it."""
    if g["type"] == "Point":  # no shapely needed
        return round(float(g["coordinates"][0]), POINT_DIGITS), round(float(g["coordinates"][1]), POINT_DIGITS)
    from shapely.geometry import shape

    return representative_lonlat(shape(dict(g)))


def representative_lonlat(geom: BaseGeometry) -> tuple[float, float]:
    """A point inside (or on) ``geom`` as (lon, lat), to :data:`POINT_DIGITS`: where a list or search centres."""
    point = geom.representative_point()
    return round(point.x, POINT_DIGITS), round(point.y, POINT_DIGITS)


#: The value of every column a place row leaves out (see :func:`place_row`).
_ROW_DEFAULTS: dict[str, Any] = {
    S.MODERN_NAME: None,
    S.SIDE: (),
    S.CCODES: (),
    S.NAMES: (),
    S.DESCRIPTION: "",
    S.WHEN_START: None,
    S.WHEN_END: None,
    S.WHEN_LABEL: None,
    S.EVENTS: (),
    S.CITATIONS: (),
    S.LINKS: (),
    S.CERTAINTY: None,
    S.UNCERTAINTY_KM: math.nan,
    S.UNCERTAINTY_REASON: None,
    S.FCLASSES: (),
    S.TYPES: (),
}


def place_row(
    place_id: str,
    title: str,
    category: str,
    geometry: BaseGeometry,
    *,
    lonlat: tuple[float, float] | None = None,
    **columns: Any,
) -> dict[str, Any]:
    """One row of the places table (:data:`mapgen.schema.PLACE_COLUMNS`), for a gazetteer place or a derived one.

    Columns not given take their empty value; ``lon``/``lat`` are the
    geometry's representative point (:func:`representative_lonlat`) unless
    ``lonlat`` gives it already, so every row rounds them the same way.
    """
    unknown = set(columns) - set(_ROW_DEFAULTS)
    if unknown:
        raise TypeError(f"not columns of the places table: {', '.join(sorted(unknown))}")
    lon, lat = lonlat if lonlat is not None else representative_lonlat(geometry)
    return {
        S.PLACE_ID: place_id,
        S.TITLE: title,
        S.CATEGORY: category,
        **_ROW_DEFAULTS,
        **columns,
        S.LON: lon,
        S.LAT: lat,
        S.GEOMETRY: geometry,
    }


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
    span = _timespan(f.get("when"))
    unc = f.get("uncertainty") or {}
    descriptions = f.get("descriptions") or []
    return place_row(
        f["id"],
        props["title"],
        props["category"],
        shape(f["geometry"]),
        lonlat=_point(f["geometry"]),  # a Point's own coordinates: no shapely call
        **{
            S.MODERN_NAME: props.get("modern_name") or None,
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
        },
    )


def _timespan(when: Any) -> tuple[PartialDate | None, PartialDate | None]:
    """The overall start and end of a validated LPF ``when``."""
    if not when:
        return None, None
    starts: list[PartialDate] = []
    ends: list[PartialDate] = []
    for ts in when.get("timespans", []):
        starts += [d for k, v in (ts.get("start") or {}).items() if k in TIME_KEYS and (d := _date_or_none(v))]
        ends += [d for k, v in (ts.get("end") or {}).items() if k in TIME_KEYS and (d := _date_or_none(v))]
    start = min(starts, key=lambda d: d.first) if starts else None
    end = max(ends, key=lambda d: d.last) if ends else None
    return start, end


def _date_or_none(value: Any) -> PartialDate | None:
    """A date that validation only warned about is left out, not fatal."""
    try:
        return parse_partial_date(value)
    except ValueError:
        return None
