"""The folium map: basemaps, the offline land, one FeatureGroup per layer, our controls (mapgen/static/js/).

Only this module touches folium (:mod:`mapgen.page` holds the branca Figure the
map renders into). What goes into the map is made elsewhere: the features and
their popups (:mod:`mapgen.features`, :mod:`mapgen.popups`), the About dialog
(:mod:`mapgen.about`), the tour (:mod:`mapgen.tour`). Element ids are
deterministic (:func:`mapgen.page.stable_ids`), so the same inputs give
byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import folium
import xyzservices.providers as xyz
from branca.element import Element

from .about import about_html, unlocated_entries
from .assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, page_css, page_script
from .features import layer_geojson
from .gazetteer import Gazetteer
from .layers import Layer
from .page import DataPage, MapgenCall, MapgenSetup, stable_ids
from .profile import Profile, profile_for
from .tour import tour_steps

WORLD_CENTER = (0.0, 20.0)  # lon, lat: the view of a map with nothing located
WORLD_ZOOM = 2
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


def build_map(
    gazetteer: Gazetteer, layers: Sequence[Layer], options: MapOptions | None = None, m: folium.Map | None = None
) -> folium.Map:
    """Make the folium Map: basemaps, the offline base layer, one FeatureGroup per layer.

    Our own JavaScript (mapgen/static/js/) draws the controls (grouped layers with the legend, time
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
    page.header.add_child(Element(page.slot(f"<style>{page_css()}</style>")), name="mapgen_css")
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


def render_html(gazetteer: Gazetteer, layers: Sequence[Layer], options: MapOptions | None = None) -> str:
    """Build and render the map once, with deterministic ids; return the HTML text."""
    opts = options or MapOptions()
    if opts.profile is None:
        opts = replace(opts, profile=profile_for(gazetteer))
    with stable_ids():
        m = build_map(gazetteer, layers, opts)
        return m.get_root().render()
