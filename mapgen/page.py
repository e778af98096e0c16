"""The page: a branca Figure whose data never passes through Jinja, and deterministic ids.

folium renders a map through Jinja templates; everything that comes from an
input goes into a :class:`DataPage` slot instead (:class:`MapgenCall` hands
data to the page's JavaScript that way), and is put into the page only after Jinja is
done. The finished page gets its language, title and zoomable viewport here,
so ``save()``, Jupyter's ``_repr_html_()`` and the CLI give the same bytes.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import branca.element
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from .assets import inline_leaflet
from .outputs import GENERATOR_META
from .popups import esc

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
    def adopt(cls, m: Element, title: str, self_contained: bool = False) -> DataPage:
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
    """``mapgen.<function>(parent, args...)``: how a folium element hands its data to the page's JavaScript.

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
            raise ValueError(f"a function name of mapgen/static/js/ expected, found {function!r}")
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
    """The layer control, time slider, search and other controls of mapgen/static/js/ for this map."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__("setup", config)


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
