"""The map profile: everything subject-specific about a map, as data.

A gazetteer says where places are; its profile says how a map of them is
dressed: title, About text, start view, the time slider's span, layer groups
and the rules that sort places into layers, category labels, side
vocabularies, analysis rings and the default output name. It is a TOML file
beside the gazetteer (``places.geojson`` -> ``places.profile.toml``) or named
with ``--profile``. Whatever it leaves out is derived from the gazetteer's own
data (:func:`complete_profile`), so a gazetteer from another project maps
sensibly with no profile at all.

Imports only the leaf modules: every later stage may read a profile.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import schema as S
from .errors import MapgenError, Problem
from .inputs import InputError, read_text_input
from .isodates import parse_partial_date
from .lpf import slug

# Okabe & Ito (2008) colour-blind-safe palette; shapes differ too, so colour is
# never the only cue.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
POINT_SYMBOLS = ("circle", "square", "diamond", "triangle", "star")
SYMBOLS = (*POINT_SYMBOLS, "line", "area")
# The layers a derived profile makes cycle through these (yellow is too pale on land).
DERIVED_COLORS = ("blue", "vermillion", "green", "orange", "purple", "sky", "black", "grey")
MAX_DERIVED_LAYERS = 10  # more kinds than this share an "Other places" layer

# GeoNames feature classes, the vocabulary of LPF's properties.fclasses.
FCLASS_LABELS = {
    "A": "Administrative areas",
    "H": "Water",
    "L": "Regions and landscapes",
    "P": "Settlements",
    "R": "Roads and routes",
    "S": "Sites and buildings",
    "T": "Terrain",
    "U": "Undersea",
    "V": "Vegetation",
    "X": "Unclassified",
}

GROUP_PLACES = "Places"
GROUP_LINES = "Lines and areas"
GROUP_ANALYSIS = "Analysis"
GROUP_ARTICLES = "Articles"
DEFAULT_GROUPS = (GROUP_PLACES, GROUP_LINES, GROUP_ANALYSIS, GROUP_ARTICLES)
ANALYSIS_LABEL = "Analysis"  # the popup label of analysis shapes (rings, overlaps)


@dataclass(frozen=True)
class LayerRule:
    """Which places a layer takes, and how it is drawn."""

    key: str
    name: str
    group: str
    color: str
    symbol: str  # circle, square, diamond, triangle, star (points); line, area
    categories: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    side: str | None = None  # a group of the profile's sides: the place must have one of its sides
    dash: str | None = None
    show: bool = True
    canvas: bool = False  # draw points as circles on one <canvas>: for thousands of markers
    timed: bool = True  # the time slider hides features outside their dates (not lasting geography)
    size_by: str | None = None  # numeric column of the places frame that scales point symbols (e.g. mention counts)
    dates_from_passages: bool = False  # the time slider follows the article passages' dates, not the place's period
    fclasses: tuple[str, ...] = ()  # LPF feature classes (any of them)
    types: tuple[str, ...] = ()  # LPF types: labels or identifiers (any of them)
    side_values: tuple[str, ...] = ()  # the sides of the group named by ``side`` (filled from the profile)
    mentioned_only: bool = False  # draw only the places the articles mention (large reference sets: towns, countries)

    def matches(
        self,
        place_id: str,
        category: str,
        sides: Sequence[str],
        fclasses: Sequence[str] = (),
        types: Sequence[str] = (),
    ) -> bool:
        """True when the place belongs here: by id, else by every filter the rule sets."""
        if self.place_ids:
            return place_id in self.place_ids
        if self.categories and category not in self.categories:
            return False
        if self.fclasses and not set(self.fclasses) & set(fclasses):
            return False
        if self.types and not set(self.types) & set(types):
            return False
        return not self.side or bool(set(self.side_values or (self.side,)) & set(sides))


@dataclass(frozen=True)
class Profile:
    """A map's framing. ``None`` fields are derived from the data by :func:`complete_profile`."""

    title: str | None = None
    about: tuple[str, ...] | None = None  # paragraphs of plain text
    output: str | None = None  # default file name of `mapgen build`
    center: tuple[float, float] | None = None  # lon, lat
    zoom: int | None = None
    bounds: tuple[float, float, float, float] | None = None  # west, south, east, north: fit the view to them
    years: tuple[int, int] | None = None  # the time slider's span; None after completion: no slider
    groups: tuple[str, ...] | None = None
    layers: tuple[LayerRule, ...] | None = None
    categories: Mapping[str, str] | None = None  # category -> label; also the vocabulary validate checks
    sides: tuple[str, ...] | None = None  # the side vocabulary validate checks (None: any)
    side_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)  # the whole TOML ([[ring]], [[source]], ...)
    path: str | None = None

    @property
    def layer_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.layers or ())

    def category_label(self, category: str) -> str:
        labels = dict(self.categories or {})
        labels.setdefault(S.ANALYSIS_CATEGORY, ANALYSIS_LABEL)
        return labels.get(category, category)


def profile_path_for(gazetteer_path: str | Path | None) -> Path | None:
    """``NAME.profile.toml`` beside ``NAME.geojson`` (or ``.json``, ``.jsonl``, ``.lpf.json``...), if it exists."""
    if gazetteer_path is None:
        return None
    p = Path(gazetteer_path)
    name = p.name
    for suffixes in ((".geojson", ".jsonld", ".jsonl", ".ndjson", ".json"), (".lpf", ".lp")):
        for suffix in suffixes:
            if name.lower().endswith(suffix):
                name = name[: -len(suffix)]
                break
    cand = p.with_name(name + ".profile.toml")
    return cand if cand.is_file() else None


def read_profile(path: str | Path) -> Profile:
    """Read and check a profile file; report every problem at once (MapgenError).

    ``extends = "other.profile.toml"`` (relative to this file) starts from
    another profile: each top-level key given here replaces that one's.
    """
    return profile_from_data(read_profile_toml(Path(path)), str(path))


def read_profile_toml(p: Path, depth: int = 0) -> dict[str, Any]:
    try:
        data = tomllib.loads(read_text_input(p, kind="profile"))
    except InputError as exc:
        if exc.reason == "file not found":
            raise MapgenError(f"{p}: profile not found; pass an existing .profile.toml file") from None
        raise MapgenError(f"{p}: profile {exc.reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MapgenError(f"{p}: invalid TOML: {exc}") from None
    base = data.pop("extends", None)
    if base is not None:
        if not isinstance(base, str) or depth >= 4:
            raise MapgenError(f"{p}: extends: expected the path of one profile (at most 4 deep), found {base!r}")
        data = {**read_profile_toml(p.parent / base, depth + 1), **data}
    return data


def _strs(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: expected a list of strings, found {value!r}")
        return ()
    return tuple(value)


def color_value(value: Any) -> str | None:
    """An Okabe-Ito name or a #rrggbb colour; None when it is neither."""
    if isinstance(value, str) and value in OKABE_ITO:
        return OKABE_ITO[value]
    if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return value
    return None


def profile_from_data(data: Mapping[str, Any], path: str = "<profile>") -> Profile:
    """A Profile from parsed TOML, checked: every problem is reported together."""
    problems: list[str] = []
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(f"title: expected a string, found {title!r}")
    about = _strs(data.get("about"), "about", problems) if "about" in data else None
    output = data.get("output")
    if output is not None and not (isinstance(output, str) and re.fullmatch(r"[\w.-]+\.html?", output)):
        problems.append(f"output: expected a file name such as 'my_map.html', found {output!r}")
    view = data.get("view", {})
    center = zoom = None
    if "center" in view:
        c = view["center"]
        if (
            isinstance(c, list)
            and len(c) == 2
            and all(isinstance(v, (int, float)) for v in c)
            and -180 <= c[0] <= 180
            and -90 <= c[1] <= 90
        ):
            center = (float(c[0]), float(c[1]))
        else:
            problems.append(f"view.center: expected [lon, lat] in degrees, found {c!r}")
    if "zoom" in view:
        if isinstance(view["zoom"], int) and 1 <= view["zoom"] <= 18:
            zoom = view["zoom"]
        else:
            problems.append(f"view.zoom: expected a whole number from 1 to 18, found {view['zoom']!r}")
    years = None
    if "years" in data.get("time", {}):
        y = data["time"]["years"]
        if isinstance(y, list) and len(y) == 2 and all(isinstance(v, int) for v in y) and y[0] <= y[1]:
            years = (y[0], y[1])
        else:
            problems.append(f"time.years: expected [first, last] years (ISO: 0 is 1 BCE, -99 is 100 BCE), found {y!r}")
    cats = data.get("categories")
    categories = None
    if cats is not None:
        if isinstance(cats, dict) and all(isinstance(v, str) for v in cats.values()):
            categories = dict(cats)
        else:
            problems.append('categories: expected a table of category = "label"')
    sides_t = data.get("sides", {})
    sides = _strs(sides_t.get("values"), "sides.values", problems) or None
    groups_t = sides_t.get("groups", {})
    side_groups = {k: _strs(v, f"sides.groups.{k}", problems) for k, v in groups_t.items()}
    if sides:
        for k, vs in side_groups.items():
            for v in vs:
                if v not in sides:
                    problems.append(f"sides.groups.{k}: {v!r} is not in sides.values {list(sides)!r}")
    groups = _strs(data.get("layers", {}).get("groups"), "layers.groups", problems) or None
    layers = None
    if "layer" in data:
        layers = tuple(_rules(data["layer"], side_groups, problems))
        keys = [r.key for r in layers]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            problems.append(f"layer: duplicate key(s) {', '.join(dupes)}")
        if groups:
            for r in layers:
                if r.group not in groups:
                    problems.append(f"layer {r.key!r}: group {r.group!r} is not in layers.groups {list(groups)!r}")
    if problems:
        raise MapgenError(
            [Problem(str(path), "", "", s) for s in problems], f"{path}: {len(problems)} problem(s) in the profile:"
        )
    return Profile(
        title=title,
        about=about,
        output=output,
        center=center,
        zoom=zoom,
        years=years,
        groups=groups,
        layers=layers,
        categories=categories,
        sides=sides,
        side_groups=side_groups,
        raw=data,
        path=path,
    )


def _rules(items: Any, side_groups: Mapping[str, tuple[str, ...]], problems: list[str]) -> list[LayerRule]:
    out: list[LayerRule] = []
    if not isinstance(items, list):
        problems.append("layer: expected [[layer]] tables")
        return out
    for i, t in enumerate(items):
        where = f"layer {i} ({t.get('key', '?')!r})" if isinstance(t, dict) else f"layer {i}"
        if not isinstance(t, dict):
            problems.append(f"{where}: expected a table")
            continue
        missing = [k for k in ("key", "name", "group", "color", "symbol") if k not in t]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        if not (isinstance(t["key"], str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", t["key"])):
            problems.append(f"{where}: key must be a slug of a-z, 0-9 and '-' (it appears in URLs), found {t['key']!r}")
        color = color_value(t["color"])
        if color is None:
            problems.append(f"{where}: color {t['color']!r} is neither #rrggbb nor one of {', '.join(OKABE_ITO)}")
        if t["symbol"] not in SYMBOLS:
            problems.append(f"{where}: symbol {t['symbol']!r}; expected one of {', '.join(SYMBOLS)}")
        side = t.get("side")
        if side is not None and side not in side_groups:
            problems.append(
                f"{where}: side {side!r} is not a group of [sides.groups] ({', '.join(side_groups) or 'none'})"
            )
        out.append(
            LayerRule(
                key=str(t["key"]),
                name=str(t["name"]),
                group=str(t["group"]),
                color=color or "#000000",
                symbol=str(t["symbol"]),
                categories=_strs(t.get("categories"), f"{where}.categories", problems),
                place_ids=_strs(t.get("places"), f"{where}.places", problems),
                fclasses=_strs(t.get("fclasses"), f"{where}.fclasses", problems),
                types=_strs(t.get("types"), f"{where}.types", problems),
                side=side,
                side_values=tuple(side_groups.get(side, ())) if side else (),
                dash=t.get("dash"),
                show=bool(t.get("show", True)),
                canvas=bool(t.get("canvas", False)),
                timed=bool(t.get("timed", True)),
                mentioned_only=bool(t.get("mentioned_only", False)),
            )
        )
    return out


# -- defaults from the data ---------------------------------------------------------


def data_years(places: Any) -> tuple[int, int] | None:
    """The first and last year of the places' periods and events; None when nothing is dated."""
    years: list[int] = []
    for col in (S.WHEN_START, S.WHEN_END):
        for v in places[col]:
            if isinstance(v, str) and v:
                years.append(parse_partial_date(v).first.year)
    for events in places[S.EVENTS]:
        for e in events or ():
            years.append(parse_partial_date(e["date"]).first.year)
    return (min(years), max(years)) if years else None


def data_bounds(places: Any) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the located places; None when there are none."""
    if not len(places):
        return None
    w, s, e, n = (float(v) for v in places.total_bounds)
    if not all(math.isfinite(v) for v in (w, s, e, n)):
        return None
    return (round(w, 5), round(s, 5), round(e, 5), round(n, 5))


def _kind(geom_type: str) -> str:
    return "area" if "Polygon" in geom_type else "line" if "LineString" in geom_type else "point"


def derived_rules(places: Any, categories: Mapping[str, str] | None = None) -> tuple[LayerRule, ...]:
    """One layer per kind of place (its category: our own, or its LPF type or feature class), biggest first.

    Points, lines and areas of one kind share a layer drawn by the most common
    of them; kinds past :data:`MAX_DERIVED_LAYERS` share an "Other places" layer.
    """
    counts: Counter[str] = Counter(places[S.CATEGORY])
    kinds: dict[str, Counter[str]] = {}
    for cat, gt in zip(places[S.CATEGORY], places.geometry.geom_type, strict=True):
        kinds.setdefault(cat, Counter())[_kind(str(gt))] += 1
    ordered = sorted(counts, key=lambda c: (-counts[c], c))
    main, rest = ordered[:MAX_DERIVED_LAYERS], ordered[MAX_DERIVED_LAYERS:]
    if len(rest) == 1:
        main, rest = ordered, []
    labels = dict(categories or {})
    rules: list[LayerRule] = []
    used: set[str] = set()
    point_i = 0
    for i, cat in enumerate(main):
        kind = kinds[cat].most_common(1)[0][0]
        if kind == "point":
            symbol = POINT_SYMBOLS[point_i % len(POINT_SYMBOLS)]
            point_i += 1
        else:
            symbol = kind
        key = slug(cat) or f"layer-{i + 1}"
        while key in used:
            key += "-x"
        used.add(key)
        name = labels.get(cat) or (cat[:1].upper() + cat[1:])
        group = GROUP_PLACES if kind == "point" else GROUP_LINES
        color = OKABE_ITO[DERIVED_COLORS[i % len(DERIVED_COLORS)]]
        rules.append(LayerRule(key, name, group, color, symbol, categories=(cat,), canvas=counts[cat] > 500))
    if rest:
        rules.append(
            LayerRule("other", "Other places", GROUP_PLACES, OKABE_ITO["grey"], "circle", categories=tuple(rest))
        )
    return tuple(rules)


def complete_profile(profile: Profile | None, gazetteer: Any) -> Profile:
    """Fill what the profile leaves out from the gazetteer's data (title, view, years, layers...)."""
    prof = profile or Profile()
    places = gazetteer.places
    meta = gazetteer.meta or {}
    title = prof.title
    if not title:
        indexing = meta.get("indexing")
        for cand in (meta.get("title"), indexing.get("name") if isinstance(indexing, dict) else None, meta.get("name")):
            if isinstance(cand, str) and cand.strip():
                title = cand.strip()
                break
        else:
            title = Path(str(gazetteer.path)).name.split(".")[0] or "Map"
    about = prof.about
    if about is None:
        desc = meta.get("description")
        if not isinstance(desc, str) and isinstance(meta.get("indexing"), dict):
            desc = meta["indexing"].get("description")
        about = (desc.strip(),) if isinstance(desc, str) and desc.strip() else ()
    layers = prof.layers if prof.layers is not None else derived_rules(places, prof.categories)
    groups = prof.groups
    if groups is None:
        groups = tuple(dict.fromkeys([r.group for r in layers] + [GROUP_ANALYSIS, GROUP_ARTICLES]))
    bounds = None
    if prof.center is None:
        bounds = data_bounds(places)
    years = prof.years if prof.years is not None else data_years(places)
    return replace(
        prof,
        title=title,
        about=about,
        output=prof.output or f"{slug(title)[:60] or 'map'}.html",
        bounds=bounds,
        years=years,
        groups=groups,
        layers=layers,
    )


def profile_for(gazetteer: Any, path: str | Path | None = None) -> Profile:
    """The gazetteer's complete profile: ``path``, else the one beside the gazetteer, else derived."""
    p = Path(path) if path is not None else profile_path_for(gazetteer.path)
    return complete_profile(read_profile(p) if p is not None else None, gazetteer)
