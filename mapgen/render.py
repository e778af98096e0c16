"""Turn layers into a Leaflet map (folium) and write it as one HTML file.

Only this module touches folium and branca. Every piece of text from the
gazetteer or an article is escaped here before it enters HTML, and element ids
are made deterministic so the same inputs give byte-identical files.
"""

from __future__ import annotations

import contextlib
import functools
import html
import itertools
import json
import math
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import branca.element
import folium
import pandas as pd
import xyzservices.providers as xyz
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from . import schema as S
from . import urls
from .assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, inline_leaflet, page_script, static_text
from .gazetteer import Gazetteer, Source
from .isodates import parse_partial_date, year_label
from .layers import Layer
from .outputs import GENERATOR_META, NamedInputs, write_text_atomic
from .profile import Profile, profile_for

WORLD_CENTER = (0.0, 20.0)  # lon, lat: the view of a map with nothing located
WORLD_ZOOM = 2
COORD_DIGITS = 5  # ~1 m; far finer than any site in the gazetteer is known
MONTHLY_SLIDER_YEARS = 40  # a longer span moves the time slider by years, not months
FoliumMap = folium.Map  # what the API returns; the other modules name it without importing folium
NATURAL_EARTH_ATTRIBUTION = 'Made with <a href="https://www.naturalearthdata.com/">Natural Earth</a>'


@dataclass(frozen=True)
class MapOptions:
    """What a map shows beyond its layers."""

    title: str | None = None  # default: the profile's
    center: tuple[float, float] | None = None  # lon, lat; default: the profile's view, else the data's bounds
    zoom: int | None = None
    basemap: Mapping[str, Any] | None = None  # offline land/borders GeoJSON
    self_contained: bool = True  # inline Leaflet so the file opens with no network (False: from a CDN)
    focus: str | None = None  # place id whose popup opens on load (a lesson's subject)
    years: tuple[int, int] | None = None  # the time slider's span, first and last year; default: the profile's
    extra: Mapping[str, Any] = field(default_factory=dict)
    profile: Profile | None = None  # a completed profile (mapgen.profile.profile_for); default: the gazetteer's


# -- deterministic element ids ---------------------------------------------------


@contextlib.contextmanager
def stable_ids() -> Iterator[None]:
    """Give branca elements ids from a counter instead of os.urandom.

    Hold it while building AND rendering a map: ids follow creation order.
    """
    counter = itertools.count()
    original = branca.element.Element.__dict__["_generate_id"]
    branca.element.Element._generate_id = classmethod(lambda cls: f"{next(counter):032x}")  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        branca.element.Element._generate_id = original  # type: ignore[method-assign]


# -- safe embedding ---------------------------------------------------------------


_SCRIPT_BREAKERS = re.compile(r"<(?=[/!?]|script)", re.IGNORECASE)


def js_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script>.

    Only a '<' that starts '</', '<!', '<?' or '<script' can end or derail a
    script element (HTML's script data states); those become \\u003c. Every
    other '<' (the pre-escaped popup markup has thousands) stays one byte:
    escaping them all cost ~25 kB on the real map.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    text = _SCRIPT_BREAKERS.sub(r"\\u003c", text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def esc(value: Any) -> str:
    """Escape text for HTML content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """The URL as a browser reads it if it is http(s); anything else must not become a link (see :mod:`mapgen.urls`)."""
    return urls.safe_url(url)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


# -- popups and tooltips -----------------------------------------------------------


def tooltip_html(row: Mapping[str, Any]) -> str:
    """'Constantinople, today Istanbul': the period name first, then today's."""
    title = esc(row[S.TITLE])
    modern = row.get(S.MODERN_NAME)
    if not _missing(modern) and modern and modern != row[S.TITLE]:
        return f"{title}, today {esc(modern)}"
    return title


def label_text(row: Mapping[str, Any]) -> str:
    """The tooltip as plain text, for JS to set with textContent (never innerHTML)."""
    modern = row.get(S.MODERN_NAME)
    if not _missing(modern) and modern and modern != row[S.TITLE]:
        return f"{row[S.TITLE]}, today {modern}"
    return str(row[S.TITLE])


def format_date(iso: str) -> str:
    """Human form of an ISO partial date: '23 Oct 1951', 'Nov 1950', '1953'."""
    return parse_partial_date(iso).label()


def citation_html(source: Source, cite: Mapping[str, Any]) -> str:
    """One bibliography line with pages, and a link only for an http(s) URL."""
    if source.label_only:  # an LPF citation: its label is the whole reference
        parts = [esc(source.title)]
        if source.year and str(source.year) not in source.title:
            parts.append(f" ({source.year})")
        if cite.get("pages"):
            parts.append(f", p. {esc(cite['pages'])}")
        url = safe_url(source.url)
        if url:
            parts.append(f'. <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">link</a>')
        elif source.uri:
            parts.append(f" ({esc(source.uri)})")
        return "".join(parts)
    parts = [esc(source.author or "Anon.")]
    if source.year:
        parts.append(f" ({source.year})")
    parts.append(f". <cite>{esc(source.title)}</cite>")
    if source.publication:
        parts.append(f". {esc(source.publication)}")
    pages = cite.get("pages") or ""
    if pages:
        parts.append(f", p. {esc(pages)}")
    if cite.get("note"):
        parts.append(f" ({esc(cite['note'])})")
    url = safe_url(source.url)
    if url:
        parts.append(f'. <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">link</a>')
    return "".join(parts)


def popup_html(row: Mapping[str, Any], sources: Mapping[str, Source], labels: Mapping[str, str] | None = None) -> str:
    """The popup of one place: names, period, description, events, sources (``labels``: the profile's category labels)."""
    out = [f'<div class="mg-popup"><h2 class="mg-title">{tooltip_html(row)}</h2>']
    category = row[S.CATEGORY]
    label = (labels or {}).get(category) or ("Analysis" if category == S.ANALYSIS_CATEGORY else category)
    meta = [label[:1].upper() + label[1:] if label else ""]
    if row[S.SIDE]:
        meta.append(", ".join(row[S.SIDE]))
    start, end = row.get(S.WHEN_START), row.get(S.WHEN_END)
    if not _missing(start) or not _missing(end):
        span = (
            f"{format_date(start) if not _missing(start) else '?'} – {format_date(end) if not _missing(end) else '?'}"
        )
        label = row.get(S.WHEN_LABEL)
        meta.append(span + (f" ({label})" if not _missing(label) and label else ""))
    out.append(f'<p class="mg-meta">{esc(" · ".join(meta))}</p>')
    variants = _other_names(row)
    if variants:
        # each name in its own language, so the browser picks a font for its script (CJK glyphs differ)
        langs = {n["toponym"]: n.get("lang") for n in row[S.NAMES] if isinstance(n.get("lang"), str)}
        names = ", ".join(
            f'<span lang="{esc(langs[v])}">{esc(v)}</span>' if langs.get(v) and langs[v] != "en" else esc(v)
            for v in variants
        )
        out.append(f'<p class="mg-names">Also written: {names}</p>')
    if row.get(S.DESCRIPTION):
        out.append(f'<p class="mg-desc">{esc(row[S.DESCRIPTION])}</p>')
    if not _missing(row.get(S.UNCERTAINTY_KM)):
        reason = row.get(S.UNCERTAINTY_REASON) or ""
        out.append(
            f'<p class="mg-uncertain"><strong>Location uncertain</strong> (within about {row[S.UNCERTAINTY_KM]:g} km): {esc(reason)}</p>'
        )
    if row[S.EVENTS]:
        out.append('<h3>Events</h3><ul class="mg-events">')
        for ev in row[S.EVENTS]:
            cites = "; ".join(
                citation_html(sources[c["source"]], c) for c in ev.get("citations", []) if c.get("source") in sources
            )
            desc = f" {esc(ev['description'])}" if ev.get("description") else ""
            out.append(
                f'<li><time datetime="{esc(ev["date"])}">{esc(format_date(ev["date"]))}</time> '
                f'<strong>{esc(ev["label"])}</strong>.{desc} <span class="mg-cite">{cites}</span></li>'
            )
        out.append("</ul>")
    passages = row.get(S.PASSAGES)
    if isinstance(passages, (list, tuple)) and passages:
        out.append(passages_html(passages))
    cites = [citation_html(sources[c["source"]], c) for c in row[S.CITATIONS] if c.get("source") in sources]
    if cites:
        out.append('<h3>Sources</h3><ol class="mg-sources">' + "".join(f"<li>{c}</li>" for c in cites) + "</ol>")
    out.append("</div>")
    return "".join(out)


PASSAGES_SHOWN = 5  # per popup; the rest are counted by article
PASSAGE_CONTEXT_CHARS = 160  # of the sentence on each side of the name


def passage_html(p: Mapping[str, Any]) -> str:
    """One passage from an article: the sentence around the name (marked), its date and citation."""
    sentence = str(p.get("sentence") or "")
    a, b = int(p.get("passage_start") or 0), int(p.get("passage_end") or 0)
    if not 0 <= a <= b <= len(sentence):
        a = b = 0
    lo, hi = max(0, a - PASSAGE_CONTEXT_CHARS), min(len(sentence), b + PASSAGE_CONTEXT_CHARS)
    before = ("…" if lo > 0 else "") + sentence[lo:a]
    after = sentence[b:hi] + ("…" if hi < len(sentence) else "")
    quote = f"{esc(before)}<mark>{esc(sentence[a:b])}</mark>{esc(after)}" if b > a else esc(sentence[lo:hi])
    who = esc(p.get("author") or "Anon.") + (f" ({esc(p['year'])})" if p.get("year") else "")
    cite = f"{who}. <cite>{esc(p.get('doc_title') or p.get('doc') or '')}</cite>"
    url = safe_url(p.get("url"))
    if url:
        cite += f'. <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">link</a>'
    when = ""
    if p.get("date_first"):
        when = f' <time datetime="{esc(p.get("date") or p["date_first"])}">{esc(_passage_date(p))}</time> ·'
    return f'<li><blockquote class="mg-quote">{quote}</blockquote><span class="mg-cite">{when} {cite}</span></li>'


def _passage_date(p: Mapping[str, Any]) -> str:
    """'Apr 1951' for a plain ISO date at its precision; 'first - last' for intervals and seasons."""
    with contextlib.suppress(ValueError, TypeError):
        return format_date(p["date"])
    first, last = p["date_first"], p.get("date_last")
    if p.get("date_precision") == "century" and last:  # "801–900", not "1 Jan 801 – 31 Dec 900"
        return f"{year_label(parse_partial_date(first).first.year)}–{year_label(parse_partial_date(last).first.year)}"
    return format_date(first) if not last or last == first else f"{format_date(first)} – {format_date(last)}"


def passages_html(passages: Sequence[Mapping[str, Any]]) -> str:
    """The 'In the articles' section of a popup (from the join's ``passages``)."""
    shown = list(passages[:PASSAGES_SHOWN])
    out = [f'<h3>In the articles ({len(passages)})</h3><ul class="mg-passages">']
    out += [passage_html(p) for p in shown]
    out.append("</ul>")
    rest = passages[PASSAGES_SHOWN:]
    if rest:
        docs: dict[str, int] = {}
        for p in rest:
            key = str(p.get("doc_title") or p.get("doc") or "")
            docs[key] = docs.get(key, 0) + 1
        listing = "; ".join(f"{esc(d)} ({n})" for d, n in docs.items())
        out.append(f'<p class="mg-more">And {len(rest)} more: {listing}.</p>')
    return "".join(out)


def _other_names(row: Mapping[str, Any]) -> list[str]:
    seen = {row[S.TITLE]}
    modern = row.get(S.MODERN_NAME)
    if not _missing(modern):
        seen.add(modern)
    out = []
    for n in row[S.NAMES]:
        t = n["toponym"]
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


# -- GeoJSON for the browser -------------------------------------------------------


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, (float, int)):
        return round(float(coords), COORD_DIGITS)
    return [_round_coords(c) for c in coords]


def layer_geojson(
    layer: Layer, sources: Mapping[str, Source], labels: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A FeatureCollection for one layer with ready-escaped popup and tooltip HTML."""
    sources = {**sources, **layer.sources}
    radius = _radii(layer)
    features = []
    for row in layer.places.to_dict("records"):
        geom = row[S.GEOMETRY].__geo_interface__
        events = [parse_partial_date(e["date"]) for e in row[S.EVENTS]]
        start = row[S.WHEN_START] if not _missing(row[S.WHEN_START]) else None
        end = row[S.WHEN_END] if not _missing(row[S.WHEN_END]) else None
        if layer.rule.dates_from_passages and not _missing(row.get(S.FIRST_DATE)):
            # a layer of article mentions: the time slider follows the passages' dates
            start, end = row[S.FIRST_DATE], row.get(S.LAST_DATE) if not _missing(row.get(S.LAST_DATE)) else None
        features.append(
            {
                "type": "Feature",
                "id": row[S.PLACE_ID],
                "geometry": {"type": geom["type"], "coordinates": _round_coords(geom["coordinates"])},
                "properties": {
                    "name": row[S.TITLE],
                    "label": label_text(row),
                    "names": [n["toponym"] for n in row[S.NAMES]]
                    + ([row[S.MODERN_NAME]] if not _missing(row[S.MODERN_NAME]) else []),
                    "tip": tooltip_html(row),
                    "popup": popup_html(row, sources, labels),
                    "category": row[S.CATEGORY],
                    "start": parse_partial_date(start).first.isoformat() if start else None,
                    "end": parse_partial_date(end).last.isoformat() if end else None,
                    "events": [d.first.isoformat() for d in events],
                    "uncertainty_km": None if _missing(row[S.UNCERTAINTY_KM]) else row[S.UNCERTAINTY_KM],
                    "lon": row[S.LON],
                    "lat": row[S.LAT],
                    "rank": label_rank(row),
                    **({"radius": radius[row[S.PLACE_ID]]} if radius else {}),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


MIN_RADIUS_PX, MAX_RADIUS_PX = 4.0, 14.0


# -- label ranks (issue 12): which names the map writes first -------------------------


@functools.cache
def label_weights() -> tuple[float, dict[str, float]]:
    """(default, {category: weight}) from mapgen/data/labels.toml: an editorial choice kept as data."""
    data = tomllib.loads((resources.files("mapgen") / "data" / "labels.toml").read_text(encoding="utf-8"))
    return float(data.get("default", 2.0)), {str(k): float(v) for k, v in data.get("category", {}).items()}


def label_rank(row: Mapping[str, Any]) -> float:
    """A place's claim to a label on the map: category, events, citations, mentions, its own importance."""
    default, weights = label_weights()
    rank = weights.get(str(row.get(S.CATEGORY)), default)
    rank += len(row.get(S.EVENTS) or ())
    rank += min(2.0, 0.25 * len(row.get(S.CITATIONS) or ()))
    mentions = row.get(S.MENTION_COUNT)
    if not _missing(mentions) and mentions:
        rank += 1.5 * math.log2(1 + float(mentions))
    importance = row.get("importance")
    if isinstance(importance, (int, float)) and not isinstance(importance, bool) and math.isfinite(importance):
        rank += float(importance)
    return round(rank, 3)


def _radii(layer: Layer) -> dict[str, float]:
    """Point radii in pixels by ``rule.size_by``: area grows with the value (radius with its square root)."""
    col = layer.rule.size_by
    if not col:
        return {}
    if col not in layer.places.columns:
        msg = f"layer {layer.key!r}: size_by column {col!r} not in its places frame (columns: {', '.join(map(str, layer.places.columns))})"
        raise ValueError(msg)
    values = pd.to_numeric(layer.places[col], errors="coerce").fillna(0).clip(lower=0)
    top = float(values.max()) or 1.0
    return {
        pid: round(MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * math.sqrt(float(v) / top), 1)
        for pid, v in zip(layer.places[S.PLACE_ID], values, strict=True)
    }


class DataPage(Figure):
    """A branca Figure whose data never passes through Jinja.

    branca renders each element's script and then compiles that output again as
    a Jinja template (``MacroElement.render`` wraps it in ``Element(str)``), so
    any text inside it is template source: ``{{ 7*7 }}`` in a popup became 49,
    and worse could run commands. Here every input-derived value is stored
    with :meth:`slot`, which returns an inert token; the templates see only the
    tokens, and :meth:`render` puts the values in after Jinja is done, in one
    pass that never rescans what it inserted. The page's language, title and
    viewport are set here too, so ``save()``, ``_repr_html_()`` (Jupyter) and
    the CLI give the same HTML.
    """

    _TOKEN = re.compile(r"\ue000mapgen-slot-(\d+)\ue001")

    _slots: list[str]
    _page: str | None
    page_title: str
    self_contained: bool

    @classmethod
    def adopt(cls, m: folium.Map, title: str, self_contained: bool = False) -> DataPage:
        """Make the Figure that folium.Map created for ``m`` a DataPage.

        Adopting folium's own Figure (rather than re-parenting the map into a
        new one) keeps every element id, so the page stays byte-identical.
        """
        page = m.get_root()
        if not isinstance(page, Figure):
            raise TypeError(f"folium.Map expected to sit in a branca Figure, found {type(page).__name__}")
        page.__class__ = cls
        assert isinstance(page, cls)
        page._slots, page.page_title, page.self_contained, page._page = [], title, self_contained, None
        return page

    def slot(self, text: str) -> str:
        """Keep ``text`` out of the templates; return the token that stands for it."""
        self._slots.append(text)
        return f"\ue000mapgen-slot-{len(self._slots) - 1}\ue001"

    def render(self, **kwargs: Any) -> str:
        """The page, rendered once: branca appends every element's script again on a second render,
        so ``save()`` after a notebook display (or the reverse) returns the first page."""
        if self._page is not None:
            return self._page
        self._page = self._render(**kwargs)
        return self._page

    def _render(self, **kwargs: Any) -> str:
        page = super().render(**kwargs)
        page = _finish_page(page, self.page_title)
        if self.self_contained:
            page = inline_leaflet(page)
        slots = self._slots
        return self._TOKEN.sub(lambda m: slots[int(m.group(1))], page)


class MapgenCall(MacroElement):
    """``mapgen.<function>(parent, args...)``: how a folium element hands its data to mapgen.js.

    Each argument is embedded with :func:`js_json` into a :class:`DataPage`
    slot when the element renders, so no byte of it is ever template source;
    with ``with_map`` the map (the parent's parent) is passed last.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
mapgen.{{ this.function }}({{ this._parent.get_name() }}{% for a in this.slotted_args() %}, {{ a }}{% endfor %}{% if this.with_map %}, {{ this._parent._parent.get_name() }}{% endif %});
{% endmacro %}"""
    )

    def __init__(self, function: str, *args: Any, with_map: bool = False) -> None:
        super().__init__()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", function):
            raise ValueError(f"mapgen.js function name expected, found {function!r}")
        self._name = "MapgenCall"
        self.function = function
        self.args = [js_json(a) for a in args]
        self.with_map = with_map

    def slotted_args(self) -> list[str]:
        """The arguments as tokens of the page they render into."""
        page = self.get_root()
        if not isinstance(page, DataPage):
            raise TypeError("MapgenCall renders only inside a DataPage (use build_map, which sets one)")
        return [page.slot(a) for a in self.args]


class MapgenSetup(MapgenCall):
    """The layer control, time slider, search and other controls of mapgen.js for this map."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__("setup", config)


def _basemaps() -> list[Any]:
    """Tile basemaps named by xyzservices provider, with their attributions.

    A light default (Esri's grey canvas: CartoDB now needs a key), OpenStreetMap,
    and a relief map.
    """
    return [xyz.Esri.WorldGrayCanvas, xyz.OpenStreetMap.Mapnik, xyz.OpenTopoMap]


BASEMAP_LABELS = {
    "Esri.WorldGrayCanvas": "Light grey (Esri)",
    "OpenStreetMap.Mapnik": "OpenStreetMap",
    "OpenTopoMap": "Relief (OpenTopoMap)",
}


# -- the guided tour (issue 12): the story in date order, from the data ---------------------

TOUR_MAX_PASSAGES = 40  # dated passages in the tour, after every gazetteer event


def tour_steps(gazetteer: Gazetteer, layers: Sequence[Layer]) -> list[dict[str, Any]]:
    """The tour: every dated event of a place on the map, then the articles' dated passages
    (one per sentence, at the first place it names), all in date order, as escaped HTML.

    A step is ``{"place", "date", "when", "title", "html"}``: ``place`` is a feature id on the
    map, ``date`` the first ISO day (for sorting and the slider), ``when`` the date as read.
    """
    sources: dict[str, Source] = dict(gazetteer.sources)
    shown: dict[str, Mapping[str, Any]] = {}
    for layer in layers:
        sources.update(layer.sources)
        for row in layer.places.to_dict("records"):
            shown.setdefault(row[S.PLACE_ID], row)
    steps: list[tuple[str, int, str, dict[str, Any]]] = []
    told: set[tuple[str, str]] = set()  # an event copied onto a derived feature (a possible-site circle) is told once
    for pid, row in shown.items():
        for ev in row[S.EVENTS]:
            if (ev["date"], ev["label"]) in told:
                continue
            told.add((ev["date"], ev["label"]))
            cites = "; ".join(
                citation_html(sources[c["source"]], c) for c in ev.get("citations", []) if c.get("source") in sources
            )
            desc = f" {esc(ev['description'])}" if ev.get("description") else ""
            body = f'<p>{desc.strip()}</p><p class="mg-cite">{cites}</p>' if desc else f'<p class="mg-cite">{cites}</p>'
            first = parse_partial_date(ev["date"]).first.isoformat()
            steps.append(
                (
                    first,
                    0,
                    pid,
                    {
                        "place": pid,
                        "date": first,
                        "when": format_date(ev["date"]),
                        "title": f"{ev['label']} ({row[S.TITLE]})",
                        "html": body,
                    },
                )
            )
    seen: set[str] = set()
    passages = []
    for pid, row in shown.items():
        ps = row.get(S.PASSAGES)
        if not isinstance(ps, (list, tuple)):
            continue
        for p in ps:
            if not p.get("date_first"):
                continue
            passages.append((str(p["date_first"]), str(p.get("doc") or ""), int(p.get("start") or 0), pid, p))
    passages.sort(key=lambda t: (t[0], t[1], t[2], t[3]))
    for first, _doc, _start, pid, p in passages:
        key = f"{p.get('doc')}\u0000{p.get('sentence')}"
        if key in seen:
            continue
        seen.add(key)
        title = f"In the articles: {shown[pid][S.TITLE]}"
        steps.append(
            (
                first,
                1,
                pid,
                {
                    "place": pid,
                    "date": first,
                    "when": _passage_date(p),
                    "title": title,
                    "html": f'<ul class="mg-passages">{passage_html(p)}</ul>',
                },
            )
        )
        if len(seen) >= TOUR_MAX_PASSAGES:
            break
    steps.sort(key=lambda t: (t[0], t[1], t[2], t[3]["title"]))
    return [s for *_, s in steps]


def _cited_sources(layers: Sequence[Layer]) -> set[str]:
    """Ids of the sources cited by the places (and their events) of ``layers``."""
    out: set[str] = set()
    for layer in layers:
        cols = [c for c in (S.CITATIONS, S.EVENTS) if c in layer.places.columns]
        for col in cols:
            for value in layer.places[col]:
                for item in value if isinstance(value, (list, tuple)) else ():
                    if not isinstance(item, Mapping):
                        continue
                    if col == S.CITATIONS:
                        out.add(str(item.get("source")))
                    else:
                        out.update(str(c.get("source")) for c in item.get("citations", []) if isinstance(c, Mapping))
    return out


def about_html(
    gazetteer: Gazetteer,
    layers: Sequence[Layer],
    title: str,
    about: Sequence[str] = (),
    groups: Sequence[str] | None = None,
) -> str:
    """The About panel: what the map shows (the profile's ``about``), its bibliography, how to cite it, the licences.

    The bibliography lists the sources that the drawn places cite (a gazetteer
    of hundreds of places cites many that a given map does not show).
    """
    cited = _cited_sources(layers)
    sources: dict[str, Source] = {k: v for k, v in gazetteer.sources.items() if k in cited}
    for layer in layers:
        sources.update(layer.sources)
    bib = sorted(sources.values(), key=lambda src: ((src.author or "~").lower(), src.year or 0, src.title.lower()))
    by_group: dict[str, list[str]] = {}
    for layer in layers:
        by_group.setdefault(layer.rule.group, []).append(layer.rule.name)
    gaz_title = gazetteer.meta.get("title") or "the mapgen gazetteer"
    licence = gazetteer.meta.get("license") or gazetteer.meta.get("licence")
    out = [
        f'<h2 id="mg-about-title">About this map</h2><p><strong>{esc(title)}</strong></p>'
        + "".join(f"<p>{html.escape(par, quote=False)}</p>" for par in about),
        "<h3>Layers</h3><ul>",
    ]
    for group in groups if groups is not None else list(by_group):
        if group in by_group:
            out.append(f"<li><strong>{esc(group)}</strong>: {esc(', '.join(by_group[group]))}</li>")
    out.append('</ul><h3>Sources</h3><ol class="mg-bib">')
    for src in bib:
        out.append(f"<li>{citation_html(src, {'pages': src.pages, 'note': src.note})}</li>")
    out.append(
        "</ol><h3>How to cite this map</h3>"
        f'<p class="mg-cite-map">{esc(title)} [interactive map]. Made with mapgen from {esc(gaz_title)}. '
        '<span class="mg-url"></span></p>'
        "<h3>Licences</h3><ul>"
        f"<li>Gazetteer and analysis data: {esc(licence) if licence else 'see the project repository'}; "
        "descriptions are written in our own words and cite their sources.</li>"
        "<li>Offline land and borders: Natural Earth, public domain.</li>"
        "<li>Map tiles: &copy; their providers, as credited in the map's corner.</li>"
        "<li>Map software: Leaflet (BSD-2-Clause); mapgen (MIT).</li></ul>"
    )
    return "".join(out)


def build_map(
    gazetteer: Gazetteer, layers: Sequence[Layer], options: MapOptions | None = None, m: folium.Map | None = None
) -> folium.Map:
    """Make the folium Map: basemaps, the offline base layer, one FeatureGroup per layer.

    Our own mapgen.js draws the controls (grouped layers with the legend, time
    slider, search, fullscreen, About, list of places), so no folium plugin or
    CDN asset beyond Leaflet is needed. Call inside :func:`stable_ids`
    (``render_html`` does) for deterministic ids. With ``m`` (as in
    ``GeoDataFrame.explore(m=...)``) the layers and controls are drawn onto
    that map, which keeps its own view and tiles.
    """
    opts = options or MapOptions()
    prof = opts.profile or profile_for(gazetteer)
    title = opts.title or prof.title or "Map"
    own = m is None
    if m is None:
        center, zoom, fit = view_of(opts, prof)
        lon, lat = center
        m = folium.Map(location=[lat, lon], zoom_start=zoom, tiles=None, control_scale=True, max_zoom=18)
        if fit is not None:
            w, s_, e, n = fit
            m.fit_bounds([[s_, w], [n, e]], padding=(20, 20), max_zoom=12)
    page = DataPage.adopt(m, title, opts.self_contained)
    # Leaflet alone: our controls need no jQuery, Bootstrap or icon fonts.
    m.default_js = [("leaflet", LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
    for i, provider in enumerate(_basemaps() if own else ()):
        tl = folium.TileLayer(provider, name=BASEMAP_LABELS.get(provider.name, provider.name), show=(i == 0))
        MapgenCall("addBase", {"key": provider.name, "name": BASEMAP_LABELS.get(provider.name, provider.name)}).add_to(
            tl
        )
        tl.add_to(m)
    if opts.basemap:
        land = folium.FeatureGroup(name="Offline land and borders (Natural Earth)", control=False)
        MapgenCall("addBaseLand", opts.basemap, with_map=True).add_to(land)
        land.add_to(m)
    for layer in layers:
        r = layer.rule
        fg = folium.FeatureGroup(name=r.name, show=r.show)
        style = {
            "key": r.key,
            "name": r.name,
            "color": r.color,
            "symbol": r.symbol,
            "dash": r.dash,
            "group": r.group,
            "canvas": r.canvas,
            "timed": r.timed,
        }
        MapgenCall("addPlaces", layer_geojson(layer, gazetteer.sources, prof.categories), style).add_to(fg)
        fg.add_to(m)
    groups = list(prof.groups or dict.fromkeys(lyr.rule.group for lyr in layers))
    config: dict[str, Any] = {
        "title": title,
        "groups": groups,
        "about": about_html(gazetteer, layers, title, prof.about or (), groups),
        "focus": opts.focus,
        "naturalEarth": NATURAL_EARTH_ATTRIBUTION,
        "tour": tour_steps(gazetteer, layers),
    }
    years = opts.years or prof.years
    if years:
        config["time"] = {"from": years[0], "to": years[1]}
        if years[1] - years[0] + 1 > MONTHLY_SLIDER_YEARS:
            config["time"]["step"] = "year"
    if gazetteer.unlocated:
        config["unlocated"] = unlocated_entries(gazetteer, prof)
    config.update(opts.extra)
    MapgenSetup(config).add_to(m)
    page.header.add_child(
        Element('<meta name="viewport" content="width=device-width, initial-scale=1">'), name="mapgen_viewport"
    )
    page.header.add_child(Element(page.slot(f"<style>{static_text('mapgen.css')}</style>")), name="mapgen_css")
    page.html.add_child(Element(page.slot(f"<script>{page_script()}</script>")), name="mapgen_js")
    page.html.add_child(
        Element(
            '<noscript><p class="mg-noscript">This map needs JavaScript: turn it on, or open the file in '
            "another browser, to see the places, their sources and the list of places.</p></noscript>"
        ),
        name="mapgen_noscript",
    )
    return m


def view_of(
    opts: MapOptions, prof: Profile
) -> tuple[tuple[float, float], int, tuple[float, float, float, float] | None]:
    """(centre, zoom, bounds to fit or None): the options', else the profile's view, else the data's bounds."""
    if opts.center is not None:
        return opts.center, opts.zoom or prof.zoom or 8, None
    if prof.center is not None:
        return prof.center, opts.zoom or prof.zoom or 6, None
    if prof.bounds is not None:
        w, s, e, n = prof.bounds
        return ((w + e) / 2, (s + n) / 2), opts.zoom or prof.zoom or 6, None if opts.zoom else prof.bounds
    return WORLD_CENTER, opts.zoom or WORLD_ZOOM, None


def unlocated_entries(gazetteer: Gazetteer, prof: Profile) -> list[dict[str, str]]:
    """The places with no known site, for the list of places: their name and an escaped popup."""
    out = []
    for u in gazetteer.unlocated:
        row = {
            S.TITLE: u[S.TITLE],
            S.MODERN_NAME: None,
            S.CATEGORY: u.get(S.CATEGORY) or "",
            S.SIDE: (),
            S.NAMES: u.get(S.NAMES) or (),
            S.DESCRIPTION: u.get(S.DESCRIPTION) or "",
            S.WHEN_START: u.get(S.WHEN_START),
            S.WHEN_END: u.get(S.WHEN_END),
            S.WHEN_LABEL: None,
            S.EVENTS: (),
            S.CITATIONS: u.get(S.CITATIONS) or (),
            S.UNCERTAINTY_KM: None,
        }
        out.append(
            {
                "id": str(u[S.PLACE_ID]),
                "name": str(u[S.TITLE]),
                "popup": popup_html(row, gazetteer.sources, prof.categories),
            }
        )
    return out


def render_html(gazetteer: Gazetteer, layers: Sequence[Layer], options: MapOptions | None = None) -> str:
    """Build and render the map once, with deterministic ids; return the HTML text."""
    opts = options or MapOptions()
    if opts.profile is None:
        opts = replace(opts, profile=profile_for(gazetteer))
    with stable_ids():
        m = build_map(gazetteer, layers, opts)
        return m.get_root().render()


def _finish_page(page: str, title: str) -> str:
    """Give the page a language and an escaped title (folium leaves both out); let people zoom it.

    folium's viewport meta forbids pinch-zoom (user-scalable=no), which fails
    WCAG 1.4.4; ours (in build_map) allows it.
    """
    page = page.replace("<html>", '<html lang="en">', 1)
    page = re.sub(r'\s*<meta name="viewport"[^>]*user-scalable=no[^>]*/>', "", page, count=1)
    if title:
        page = page.replace("<head>\n", f"<head>\n<title>{esc(title)}</title>", 1)
    return page.replace("<head>", f"<head>\n{GENERATOR_META}", 1)  # first in <head>: texts.py skips our maps by it


def save_html(text: str, out: str | Path, inputs: NamedInputs = ()) -> Path:
    """Write atomically (see :mod:`mapgen.outputs`): the previous map stays intact on any failure.

    ``inputs`` are ``(path, role)`` pairs of the run's inputs, which are never overwritten.
    """
    return write_text_atomic(text, out, inputs)
