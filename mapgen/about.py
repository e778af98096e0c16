"""The About dialog's content and the list of places with no known site.

What the map shows (the profile's words), the sources its places cite, how to
cite the map, the licences; and the unlocated entries the list of places names.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from . import schema as S
from .gazetteer import Gazetteer, Source
from .layers import Layer
from .popups import citation_html, esc, popup_html
from .profile import Profile


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
