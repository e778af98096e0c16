"""The whole build as one call: gazetteer -> layers -> render -> file.

The CLI is a thin shell over these functions, so everything it does can be
done from Python too.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema as S
from .analysis import analysis_keys, analysis_layers, parse_analysis
from .errors import MapgenError, OptionError, Problem
from .gazetteer import Gazetteer, default_gazetteer_path, load_gazetteer
from .inputs import package_text
from .join import iter_mention_records, summarise_places
from .layers import MENTIONS_RULE, Layer, attach_passages, mentions_layer, place_layers
from .outputs import check_output, write_text_atomic
from .overrides import load_overrides
from .page import stable_ids
from .popups import PASSAGES_SHOWN
from .profile import Profile, profile_for, profile_path_for, read_profile
from .render import FoliumMap, MapOptions, build_map, render_html
from .texts import Document, iter_documents
from .worldlayer import WORLD_KEY, world_layer
from .worldsources import is_open_world

log = logging.getLogger(__name__)

OUTPUT_DIR = Path("output")


def _data_json(name: str) -> dict[str, Any] | None:
    """A GeoJSON file of mapgen/data, or None if this install lacks it."""
    text = package_text("data", name)
    if text is None:
        return None
    data: dict[str, Any] = json.loads(text)
    return data


THEATRE_MARGIN = 0.5  # of the data's extent on each side, and at least THEATRE_MIN_DEG
THEATRE_MIN_DEG = 3.0


def theatre_box(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The data's bounds with a margin: where the detailed land is drawn."""
    w, s, e, n = bounds
    dx = max((e - w) * THEATRE_MARGIN, THEATRE_MIN_DEG)
    dy = max((n - s) * THEATRE_MARGIN, THEATRE_MIN_DEG)
    return (max(-180.0, w - dx), max(-90.0, s - dy), min(180.0, e + dx), min(90.0, n + dy))


def basemap_for(profile: Profile, gaz: Gazetteer) -> dict[str, Any] | None:
    """The offline land of a map: coarse Natural Earth everywhere, detailed where the subject lies.

    The profile's ``[basemap]`` may name its own ``theatre`` file (in mapgen/data) and turn the
    coarse ``world`` off (the first subject does both, so its map stays as it was).
    """
    import shapely
    from shapely.geometry import box, mapping, shape

    conf = profile.raw.get("basemap") or {}
    theatre_file = conf.get("theatre")
    if conf.get("world", True) is False:
        return _data_json(theatre_file) if theatre_file else None
    coarse = _data_json("world-coarse.geojson")
    if coarse is None:
        return load_basemap()
    detail = _data_json(theatre_file) if theatre_file else _data_json("world-detail.geojson")
    located = gaz.places[gaz.places.geometry.notna()]
    bounds = tuple(float(v) for v in located.total_bounds) if len(located) else None
    if detail is None or bounds is None or not all(map(math.isfinite, bounds)):
        return coarse
    w, s, e, n = theatre_box(bounds)  # type: ignore[arg-type]
    frame = box(w, s, e, n)
    feats = []
    for f in coarse["features"]:
        if "bbox" in f and not frame.intersects(box(*f["bbox"])):
            feats.append({k: v for k, v in f.items() if k != "bbox"})  # wholly outside the theatre: as it is
            continue
        g = shapely.make_valid(shape(f["geometry"])).difference(frame)
        if not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon"):
            feats.append({**{k: v for k, v in f.items() if k != "bbox"}, "geometry": _rounded(mapping(g), 2)})
    for f in detail["features"]:
        if "bbox" in f and not frame.intersects(box(*f["bbox"])):
            continue
        g = shape(f["geometry"])
        f = {k: v for k, v in f.items() if k != "bbox"}
        g = g.intersection(frame)  # not clip_by_rect: GEOS 3.13's can build a 3-point ring and throw
        if not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon"):
            feats.append({**f, "geometry": _rounded(mapping(g), 3)})
    return {**coarse, "features": feats, "theatre": [round(v, 3) for v in (w, s, e, n)]}


def _rounded(geom: Any, nd: int) -> dict[str, Any]:
    def r(c: Any) -> Any:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(c[0]), nd), round(float(c[1]), nd)]
        return [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


def load_basemap() -> dict[str, Any] | None:
    """The offline land-and-borders layer shipped with mapgen (Natural Earth), if present."""
    return _data_json("basemap.geojson")


def layer_keys(profile: Profile) -> dict[str, tuple[str, ...]]:
    """The layer keys a map of this profile can have, by kind: places, analysis, articles."""
    analysis = analysis_keys(parse_analysis(profile.raw, profile.path or "<profile>"))
    return {"places": profile.layer_keys, "analysis": analysis, "articles": (MENTIONS_RULE.key, WORLD_KEY)}


def all_layer_keys(profile: Profile) -> tuple[str, ...]:
    return tuple(k for keys in layer_keys(profile).values() for k in keys)


MIN_ZOOM, MAX_ZOOM = 1, 18  # the world, a street


def chosen_layers(profile: Profile, layers: Iterable[str] | None) -> list[str] | None:
    """The layer keys asked for (None: every layer), each one a key of this profile's map.

    Raises
    ------
    OptionError
        For an empty choice or an unknown key (the message lists the keys there are).
    """
    if layers is None:
        return None
    only = list(layers)
    keys = all_layer_keys(profile)
    if not only:
        raise OptionError("layers", f"no layers chosen (the list names none); choose from {', '.join(keys)}")
    unknown = [k for k in only if k not in keys]
    if unknown:
        raise OptionError("layers", f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(keys)}")
    return only


def default_profile_keys() -> dict[str, tuple[str, ...]]:
    """The layer keys of the shipped gazetteer's profile (for --help), read from its file alone."""
    pp = profile_path_for(default_gazetteer_path())
    prof = read_profile(pp) if pp else Profile()
    analysis = analysis_keys(parse_analysis(prof.raw, str(pp)))
    return {"places": prof.layer_keys, "analysis": analysis, "articles": (MENTIONS_RULE.key, WORLD_KEY)}


def default_out(profile: Profile) -> Path:
    """output/<the profile's output name>."""
    return OUTPUT_DIR / (profile.output or "map.html")


def default_map_path() -> Path:
    """The file a plain ``mapgen build`` writes: the shipped gazetteer's profile names it."""
    pp = profile_path_for(default_gazetteer_path())
    return default_out(read_profile(pp) if pp else Profile())


def focus_center(gaz: Gazetteer, place_id: str) -> tuple[float, float]:
    """(lon, lat) of a place to centre a lesson map on; a clear error if the id is unknown."""
    point = gaz.points.get(place_id)
    if point is None:
        import difflib

        close = difflib.get_close_matches(place_id, list(gaz.points), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "use the 'id' of a feature in the gazetteer"
        raise MapgenError(f"{gaz.path}: no place with id {place_id!r} for --focus; {hint}")
    return point


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, for the CLI to report."""

    path: Path
    places: int
    layers: int
    bytes: int
    mentions: int = 0
    documents: int = 0
    skipped: tuple[Problem, ...] = ()  # texts that could not be read (reported, the rest used)
    joined: bool = False  # texts were given (their mentions are counted in the summary)

    def summary(self) -> str:
        """'output/map.html: 560 places in 13 layers, 567 kB', with the mentions when texts were joined."""
        joined = f", {self.mentions} mentions from {self.documents} documents" if self.joined else ""
        return f"{self.path}: {self.places} places in {self.layers} layers{joined}, {self.bytes / 1000:.0f} kB"


@dataclass(frozen=True)
class Prepared:
    """Everything a page is made from: the gazetteer (with passages), its layers and the map options."""

    gazetteer: Gazetteer
    layers: list[Layer]
    options: MapOptions
    profile: Profile
    mentions: int = 0
    documents: int = 0
    skipped: tuple[Problem, ...] = ()


def prepare(
    gazetteer: str | Path | None = None,
    *,
    title: str | None = None,
    layers: Iterable[str] | None = None,
    self_contained: bool = True,
    focus: str | None = None,
    zoom: int | None = None,
    texts: Iterable[str | Path] = (),
    overrides: str | Path | None = None,
    profile: str | Path | None = None,
    strict: bool = False,
    on_profile: Callable[[Profile], None] | None = None,
    curated_only: bool = False,
) -> Prepared:
    """Load the gazetteer, join the texts, sort it all into layers: everything but the rendering.

    ``on_profile`` is called with the profile before the (possibly long) join:
    :func:`build` checks its output path there, so a refused ``--out`` costs nothing.

    ``focus`` (a place id) centres the map on that place and opens its popup;
    ``zoom`` sets the starting zoom (1-18). ``self_contained`` (the default)
    inlines Leaflet so the file opens offline; ``False`` loads it from a CDN. ``texts`` (files or folders of
    articles) adds their passages to the popups and a "Mentioned in the
    articles" layer; files that cannot be read are listed in ``skipped``.
    ``profile`` names the map profile (default: the one beside the gazetteer,
    else one derived from its data); ``strict`` makes gazetteer warnings errors.
    """
    text_paths = list(texts)
    if overrides and not text_paths:
        raise OptionError("overrides", "needs --texts (it settles mentions found in the texts)")
    gaz: Gazetteer = load_gazetteer(gazetteer, strict=strict, profile=profile)
    log.info("loaded %d places from %s", len(gaz.places), gaz.path)
    prof = profile_for(gaz, profile)
    if on_profile is not None:
        on_profile(prof)
    only = chosen_layers(prof, layers)
    # the view options are checked before the (possibly long) join of the texts
    extra: dict[str, Any] = {}
    if focus is not None:
        extra.update(center=focus_center(gaz, focus), focus=focus)
    if zoom is not None:
        if isinstance(zoom, bool) or not isinstance(zoom, int) or not MIN_ZOOM <= zoom <= MAX_ZOOM:
            raise OptionError(
                "zoom",
                f"zoom {zoom!r} out of range; choose {MIN_ZOOM} (the world) to {MAX_ZOOM} (a street); 6 shows a country",
            )
        extra["zoom"] = zoom
    elif focus is not None:
        extra["zoom"] = 8

    problems: list[Problem] = []
    mentions = 0
    seen_docs: list[str] = []
    world_rows: list[dict[str, Any]] = []  # the open-world records (few): their own layer
    if text_paths:
        over = load_overrides(overrides, gaz) if overrides else None

        def counted() -> Iterator[Document]:
            """Streamed: only the passages are kept, never the whole texts."""
            for doc in iter_documents(text_paths, problems):
                seen_docs.append(doc.doc)
                yield doc

        # Only what the map shows is kept: the first passages of each place whole, the rest as counts
        # (join_texts would also keep a table of every mention: 921 MB against 159 MB on 100 x 1 MB).
        counter = _Count()
        records = iter_mention_records(gaz, counted(), overrides=over, curated_only=curated_only)
        mentioned = summarise_places(counter.of(_keep_open_world(records, world_rows)), shown=PASSAGES_SHOWN)
        mentions = counter.n
        log.info("%d mentions of %d places in %d documents", mentions, len(mentioned), len(seen_docs))
        gaz = attach_passages(gaz, mentioned)
    analysis = parse_analysis(prof.raw, prof.path or "<profile>")
    lyrs = place_layers(gaz, rules=prof.layers, only=only) + analysis_layers(gaz, analysis, only=only)
    passages_layer = mentions_layer(gaz) if only is None or MENTIONS_RULE.key in only else None
    if passages_layer is not None:
        lyrs.append(passages_layer)
    if text_paths and not curated_only and (only is None or WORLD_KEY in only):
        world = world_layer(world_rows)  # places the articles name that the gazetteer lacks
        if world is not None:
            lyrs.append(world)
    if focus is not None and not any(focus in set(lyr.places[S.PLACE_ID]) for lyr in lyrs):
        log.warning("--focus %s: its layer is not among --layers; the map centres on it but shows no popup", focus)
    opts = MapOptions(
        title=title or None,
        basemap=basemap_for(prof, gaz),
        self_contained=self_contained,
        profile=prof,
        **extra,
    )
    return Prepared(
        gazetteer=gaz,
        layers=lyrs,
        options=opts,
        profile=prof,
        mentions=mentions,
        documents=len(seen_docs),
        skipped=tuple(problems),
    )


def _named_inputs(
    gazetteer: str | Path | None, texts: list[str | Path], overrides: str | Path | None
) -> list[tuple[str | Path, str]]:
    """The run's inputs with the role each plays, for the output check's refusals."""
    named: list[tuple[str | Path, str]] = [(gazetteer or default_gazetteer_path(), "the gazetteer")]
    named += [(t, "a --texts input") for t in texts]
    if overrides:
        named.append((overrides, "the overrides file"))
    return named


def _keep_open_world(records: Iterable[dict[str, Any]], into: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Pass the records on, keeping a copy of the open-world (GeoNames) ones for their layer."""
    for r in records:
        if is_open_world(r.get(S.SOURCE)):
            into.append(r)
        yield r


class _Count:
    """Counts the records streaming through it."""

    def __init__(self) -> None:
        self.n = 0

    def of(self, rows: Iterable[Any]) -> Iterator[Any]:
        for r in rows:
            self.n += 1
            yield r


def make_map(gazetteer: str | Path | None = None, *, m: FoliumMap | None = None, **options: Any) -> FoliumMap:
    """The map as a ``folium.Map``, as ``GeoDataFrame.explore()`` gives one.

    It renders (``m.save()``, or in Jupyter) to exactly the page ``mapgen build``
    writes. ``options`` are those of :func:`build` (``texts``, ``layers``,
    ``title``, ``focus``, ...); with ``m`` the layers and controls are drawn
    onto that map instead.
    """
    p = prepare(gazetteer, **options)
    with stable_ids():
        return build_map(p.gazetteer, p.layers, p.options, m=m)


def save_map(m: FoliumMap, out: str | Path) -> Path:
    """Write a map from :func:`make_map` atomically (the previous file survives a failure)."""
    return write_text_atomic(m.get_root().render(), out)


def build(
    gazetteer: str | Path | None = None,
    out: str | Path | None = None,
    **options: Any,
) -> BuildResult:
    """Load the gazetteer, sort it into layers, add the analysis, render and save atomically.

    ``options`` are those of :func:`prepare`; ``out`` defaults to
    ``output/<the profile's output name>``.
    """
    target: dict[str, Any] = {}

    def check(prof: Profile) -> None:
        """Refused before any work: an output that would destroy an input, a device, a folder..."""
        dest = os.fspath(out) if out is not None else default_out(prof)  # as given: a trailing "/" counts
        named = _named_inputs(gazetteer, list(options.get("texts") or ()), options.get("overrides"))
        if prof.path:
            named.append((prof.path, "the map profile"))
        check_output(dest, named)
        target.update(out=dest, inputs=named)

    p = prepare(gazetteer, on_profile=check, **options)
    gaz, lyrs, opts = p.gazetteer, p.layers, p.options
    text = render_html(gaz, lyrs, opts)
    path = write_text_atomic(text, target["out"], target["inputs"])
    log.debug("wrote %s atomically (%d bytes)", path, len(text.encode("utf-8")))
    return BuildResult(
        path=path,
        places=len(gaz.places),
        layers=len(lyrs),
        bytes=len(text.encode("utf-8")),
        mentions=p.mentions,
        documents=p.documents,
        skipped=p.skipped,
        joined=bool(options.get("texts")),
    )
