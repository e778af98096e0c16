"""The guided tour (issue 12): the story in date order, told from the data.

Every dated event of a place on the map, then the articles' dated passages,
as steps the page's tour walks through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import schema as S
from .gazetteer import Gazetteer, Source
from .isodates import parse_partial_date
from .layers import Layer
from .popups import citations_html, esc, format_date, passage_date, passage_html

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
        for row in S.records(layer.places):
            shown.setdefault(row[S.PLACE_ID], row)
    steps: list[tuple[str, int, str, dict[str, Any]]] = []
    told: set[tuple[str, str]] = set()  # an event copied onto a derived feature (a possible-site circle) is told once
    for pid, place in shown.items():
        for ev in place[S.EVENTS]:
            if (ev["date"], ev["label"]) in told:
                continue
            told.add((ev["date"], ev["label"]))
            cites = citations_html(ev.get("citations", []), sources)
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
                        "title": f"{ev['label']} ({place[S.TITLE]})",
                        "html": body,
                    },
                )
            )
    seen: set[str] = set()
    passages = []
    for pid, place in shown.items():
        ps = place.get(S.PASSAGES)
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
                    "when": passage_date(p),
                    "title": title,
                    "html": f'<ul class="mg-passages">{passage_html(p)}</ul>',
                },
            )
        )
        if len(seen) >= TOUR_MAX_PASSAGES:
            break
    steps.sort(key=lambda t: (t[0], t[1], t[2], t[3]["title"]))
    return [s for *_, s in steps]
