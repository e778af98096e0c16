"""The HTML of a place as the reader sees it: tooltip, label, popup, citations, passages.

Every piece of text from the gazetteer or an article is escaped here, for the
context it goes into, before it becomes HTML: the page's script only ever sets
these fragments as they are (and plain labels with textContent).
"""

from __future__ import annotations

import contextlib
import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from . import schema as S
from .gazetteer import Source
from .isodates import parse_partial_date, year_label
from .urls import safe_url

PASSAGES_SHOWN = 5  # per popup; the rest are counted by article
PASSAGE_CONTEXT_CHARS = 160  # of the sentence on each side of the name


def esc(value: Any) -> str:
    """Escape text for HTML content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def missing(value: Any) -> bool:
    """None, NaN or pandas' NA: a cell with no value."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _today(row: Mapping[str, Any]) -> str | None:
    """Today's name when it differs from the period name the map uses."""
    modern = row.get(S.MODERN_NAME)
    return str(modern) if not missing(modern) and modern and modern != row[S.TITLE] else None


def tooltip_html(row: Mapping[str, Any]) -> str:
    """'Constantinople, today Istanbul': the period name first, then today's."""
    today = _today(row)
    return f"{esc(row[S.TITLE])}, today {esc(today)}" if today else esc(row[S.TITLE])


def label_text(row: Mapping[str, Any]) -> str:
    """The tooltip as plain text, for JS to set with textContent (never innerHTML)."""
    today = _today(row)
    return f"{row[S.TITLE]}, today {today}" if today else str(row[S.TITLE])


def format_date(iso: object) -> str:
    """Human form of an ISO partial date: '23 Oct 1951', 'Nov 1950', '1953'."""
    return parse_partial_date(iso).label()


def link_html(url: Any) -> str:
    """'. link' to an http(s) URL, opened in a new tab; nothing for any other scheme."""
    safe = safe_url(url)
    return f'. <a href="{esc(safe)}" target="_blank" rel="noopener noreferrer">link</a>' if safe else ""


def citation_html(source: Source, cite: Mapping[str, Any]) -> str:
    """One bibliography line with pages, and a link only for an http(s) URL."""
    if source.label_only:  # an LPF citation: its label is the whole reference
        parts = [esc(source.title)]
        if source.year and str(source.year) not in source.title:
            parts.append(f" ({source.year})")
        if cite.get("pages"):
            parts.append(f", p. {esc(cite['pages'])}")
        url = link_html(source.url)
        if url:
            parts.append(url)
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
    parts.append(link_html(source.url))
    return "".join(parts)


def citations_html(cites: Sequence[Mapping[str, Any]], sources: Mapping[str, Source]) -> str:
    """An event's citations on one line, '; ' between them (a citation of an unknown source is left out)."""
    return "; ".join(citation_html(sources[c["source"]], c) for c in cites if c.get("source") in sources)


def popup_html(row: Mapping[str, Any], sources: Mapping[str, Source], labels: Mapping[str, str] | None = None) -> str:
    """The popup of one place: names, period, description, events, sources (``labels``: the profile's category labels)."""
    out = [f'<div class="mg-popup"><h2 class="mg-title">{tooltip_html(row)}</h2>']
    category = row[S.CATEGORY]
    label = (labels or {}).get(category) or ("Analysis" if category == S.ANALYSIS_CATEGORY else category)
    meta = [label[:1].upper() + label[1:] if label else ""]
    if row[S.SIDE]:
        meta.append(", ".join(row[S.SIDE]))
    start, end = row.get(S.WHEN_START), row.get(S.WHEN_END)
    if not missing(start) or not missing(end):
        span = f"{format_date(start) if not missing(start) else '?'} – {format_date(end) if not missing(end) else '?'}"
        label = row.get(S.WHEN_LABEL)
        meta.append(span + (f" ({label})" if not missing(label) and label else ""))
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
    if not missing(row.get(S.UNCERTAINTY_KM)):
        reason = row.get(S.UNCERTAINTY_REASON) or ""
        out.append(
            f'<p class="mg-uncertain"><strong>Location uncertain</strong> (within about {row[S.UNCERTAINTY_KM]:g} km): {esc(reason)}</p>'
        )
    if row[S.EVENTS]:
        out.append('<h3>Events</h3><ul class="mg-events">')
        for ev in row[S.EVENTS]:
            cites = citations_html(ev.get("citations", []), sources)
            desc = f" {esc(ev['description'])}" if ev.get("description") else ""
            out.append(
                f'<li><time datetime="{esc(ev["date"])}">{esc(format_date(ev["date"]))}</time> '
                f'<strong>{esc(ev["label"])}</strong>.{desc} <span class="mg-cite">{cites}</span></li>'
            )
        out.append("</ul>")
    passages = row.get(S.PASSAGES)
    if isinstance(passages, (list, tuple)) and passages:
        out.append(passages_html(passages))
    listed = [citation_html(sources[c["source"]], c) for c in row[S.CITATIONS] if c.get("source") in sources]
    if listed:
        out.append('<h3>Sources</h3><ol class="mg-sources">' + "".join(f"<li>{c}</li>" for c in listed) + "</ol>")
    out.append("</div>")
    return "".join(out)


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
    cite += link_html(p.get("url"))
    when = ""
    if p.get("date_first"):
        when = f' <time datetime="{esc(p.get("date") or p["date_first"])}">{esc(passage_date(p))}</time> ·'
    return f'<li><blockquote class="mg-quote">{quote}</blockquote><span class="mg-cite">{when} {cite}</span></li>'


def passage_date(p: Mapping[str, Any]) -> str:
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
    if not missing(modern):
        seen.add(modern)
    out = []
    for n in row[S.NAMES]:
        t = n["toponym"]
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out
