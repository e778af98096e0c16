"""Template syntax in any input reaches the page as text: nothing is evaluated, nothing runs.

branca renders each element's script and compiles that output again as a
Jinja template, so data placed inside it used to be template source
(``{{ 7*7 }}`` showed 49; ``lipsum.__globals__.os.popen`` ran shell commands).
These tests put template forms into every input field that reaches the page
and check that each one is in the page literally and that a command meant to
create a marker file never ran.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.gazetteer import gazetteer_from_data
from mapgen.layers import place_layers
from mapgen.page import js_json
from mapgen.pipeline import build
from mapgen.render import MapOptions, render_html


def _forms(marker: Path) -> list[str]:
    """Template forms: expressions, statements, comments, unbalanced, and one that would run a command."""
    return [
        "{{ 7*7 }}",
        "{% if 1 %}IF{% endif %}",
        "{# hidden #}",
        "{{ unbalanced",
        "{% for",
        "{#",
        "}} %} #}",
        "{{ self.__init__.__globals__ }}",
        f"{{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}}",
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
    ]


def _payload(field: str, marker: Path) -> str:
    """One distinct string per field, so each field is checked on its own."""
    return f"[{field}] " + " ".join(_forms(marker))


FEATURE_FIELDS = [
    "title",
    "modern_name",
    "name",
    "description",
    "cite_pages",
    "cite_note",
    "event_label",
    "event_desc",
    "event_pages",
    "reason",
    "when_label",
]
SOURCE_FIELDS = ["src_author", "src_title", "src_publication", "src_note", "src_pages", "gaz_title"]


def _templated_gazetteer(mini: dict[str, Any], marker: Path) -> dict[str, Any]:
    d = copy.deepcopy(mini)
    p = lambda f: _payload(f, marker)  # noqa: E731
    d["title"] = p("gaz_title")
    d["sources"][0].update(
        author=p("src_author"),
        title=p("src_title"),
        publication=p("src_publication"),
        note=p("src_note"),
        pages=p("src_pages"),
    )
    for f in d["features"]:
        f["properties"]["title"] = f"{f['properties']['title']} {p('title')}"
        f["properties"]["modern_name"] = p("modern_name")
        f.setdefault("names", []).append({"toponym": p("name"), "lang": "en"})
        f["descriptions"] = [{"value": p("description"), "lang": "en"}]
        f["citations"] = [{"source": "test-atlas", "pages": p("cite_pages"), "note": p("cite_note")}]
        f["events"] = [
            {
                "date": "1951-01-01",
                "label": p("event_label"),
                "description": p("event_desc"),
                "citations": [{"source": "test-atlas", "pages": p("event_pages")}],
            }
        ]
    d["features"][2]["uncertainty"]["reason"] = p("reason")
    d["features"][1]["when"]["label"] = p("when_label")
    return d


def _write_texts(base: Path, marker: Path) -> Path:
    texts = base / "texts"
    texts.mkdir()
    stem = "{{ 7*7 }} {% if 1 %}x{% endif %} {#"
    forms = _forms(marker)
    # two sentences, each passage short enough to be shown whole around its place name
    (texts / f"{stem}.txt").write_text(
        f"In April 1951 the MiGs left Antung [article] {' '.join(forms[:8])}. "
        f"Over the Yalu River [article2] {forms[8]}. From Antung [article3] {forms[9]}.\n",
        encoding="utf-8",
    )
    (texts / f"{stem}.json").write_text(
        json.dumps(
            {
                "title": _payload("doc_title", marker),
                "author": _payload("doc_author", marker),
                "publication": _payload("doc_publication", marker),
                "date": "1999",
                "url": "https://example.org/{{7*7}}/{%25%20if%25}",
            }
        ),
        encoding="utf-8",
    )
    # no sidecar: the file name is the article's title in its citations
    (texts / "{{ 6*7 }} {% if 1 %}y{% endif %} {#.txt").write_text("Antung was bombed in 1951.\n", encoding="utf-8")
    return texts


@pytest.fixture(scope="module")
def templated_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("templated")
    marker = base / "PWNED"
    mini = json.loads((Path(__file__).parent / "data" / "mini_places.geojson").read_text(encoding="utf-8"))
    gaz = base / "templated.geojson"
    gaz.write_text(json.dumps(_templated_gazetteer(mini, marker)), encoding="utf-8")
    out = base / "templated.html"
    result = build(gaz, out, title=_payload("cli_title", marker), texts=[_write_texts(base, marker)])
    assert result.mentions >= 2 and not result.skipped
    return out, marker


def _json_text(s: str) -> str:
    """How a plain string looks inside the page's JSON data."""
    return js_json(s)[1:-1]


def test_no_template_form_runs(templated_map: tuple[Path, Path]) -> None:
    out, marker = templated_map
    page = out.read_text(encoding="utf-8")
    assert not marker.exists(), "a template expression ran a shell command"
    assert "{{ 7*7 }} {% if 1 %}IF{% endif %} {# hidden #}" in page


def test_a_command_in_a_name_does_not_run(tmp_path: Path, mini_gazetteer_data: dict[str, Any]) -> None:
    """The attack from the report, alone (balanced, so Jinja would have compiled and run it)."""
    marker = tmp_path / "PWNED"
    d = copy.deepcopy(mini_gazetteer_data)
    d["features"][0]["properties"]["title"] = (
        f"Antung {{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}} {{{{ 7*7 }}}}"
    )
    gaz = gazetteer_from_data(d)
    page = render_html(gaz, place_layers(gaz), MapOptions())
    assert not marker.exists()
    assert _json_text(d["features"][0]["properties"]["title"]) in page


@pytest.mark.parametrize(
    "field", FEATURE_FIELDS + SOURCE_FIELDS + ["article", "article2", "article3", "doc_title", "doc_author"]
)
def test_every_field_is_in_the_page_literally(templated_map: tuple[Path, Path], field: str) -> None:
    out, marker = templated_map
    page = out.read_text(encoding="utf-8")
    forms = {"article": _forms(marker)[:8], "article2": _forms(marker)[8:9], "article3": _forms(marker)[9:]}.get(
        field, _forms(marker)
    )
    # each field's text is in the data either as plain text or HTML-escaped (popups): every form survives
    tag = f"[{field}] "
    at = page.find(_json_text(tag))
    assert at >= 0, f"{field}: not in the page"
    plain, escaped = _json_text(tag + " ".join(forms)), _json_text(tag + " ".join(_html(f) for f in forms))
    assert plain in page or escaped in page, f"{field}: a template form was altered"


def test_title_and_file_name_are_literal(templated_map: tuple[Path, Path]) -> None:
    out, marker = templated_map
    page = out.read_text(encoding="utf-8")
    title = _payload("cli_title", marker)
    assert f"<title>{_html(title)}</title>" in page
    assert _json_text(title) in page  # the About panel and the page config
    assert "{{ 6*7 }} {% if 1 %}y{% endif %} {#" in page  # an article's file name, as its title


def _html(s: str) -> str:
    import html

    return html.escape(s, quote=True)


# any template-like text, in a place's title and description, comes out as itself

template_alphabet = st.sampled_from(
    [*"{}%#-+ ()'\"._|~", "{{", "}}", "{%", "%}", "{#", "#}", "7*7", "if", "endif", "for", "x", "raw", "endraw", "\n"]
)
template_like = st.lists(template_alphabet, min_size=1, max_size=25).map("".join)


@pytest.fixture(scope="module")
def mini_gazetteer_data() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "data" / "mini_places.geojson").read_text(encoding="utf-8"))


@pytest.mark.slow
@settings(
    max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], deadline=None
)
@given(title=template_like, desc=template_like)
def test_any_template_like_text_is_rendered_as_itself(
    mini_gazetteer_data: dict[str, Any], title: str, desc: str
) -> None:
    d = copy.deepcopy(mini_gazetteer_data)
    f = d["features"][0]
    f["properties"]["title"] = "T" + title  # a name must have a letter
    f["descriptions"] = [{"value": desc, "lang": "en"}]
    gaz = gazetteer_from_data(d)
    page = render_html(gaz, place_layers(gaz), MapOptions(title="M" + title))
    assert _json_text("T" + title) in page  # the plain-text label
    assert _json_text(_html(desc)) in page  # the popup's escaped description
    assert f"<title>{_html('M' + title)}</title>" in page


def test_browser_shows_templates_as_text(new_page: Callable[..., Any], templated_map: tuple[Path, Path]) -> None:
    from pages import open_map

    out, marker = templated_map
    pg = new_page()
    pg.emulate_media(reduced_motion="reduce")
    open_map(pg, out)
    n = pg.evaluate("() => mapgen.layers.reduce((n, e) => n + e.items.length, 0)")
    texts = []
    for i in range(n):
        name = pg.evaluate(
            "(k) => { const it = mapgen.layers.flatMap(e => e.items)[k]; mapgen.showFeature(it); return it.feature.properties.name; }",
            i,
        )
        # wait for this place's own popup (the previous one may still be closing on a loaded machine)
        pg.wait_for_function(
            "(n) => [...document.querySelectorAll('.leaflet-popup-content')].some(e => e.innerText.includes(n))",
            arg=name,
            timeout=10_000,
        )
        texts += pg.evaluate("() => [...document.querySelectorAll('.leaflet-popup-content')].map(e => e.innerText)")
    shown = "\n".join(texts)
    for field in ("title", "description", "event_label", "src_author", "article", "doc_title"):
        assert f"[{field}] {{{{ 7*7 }}}} {{% if 1 %}}IF{{% endif %}} {{# hidden #}}" in shown, field
    pg.get_by_role("button", name="About this map").first.click()
    about = pg.get_by_role("dialog", name="About this map").inner_text()
    assert "[cli_title] {{ 7*7 }}" in about and "[src_title] {{ 7*7 }}" in about
    assert pg.title() == _payload("cli_title", marker)
    assert pg.errors == [], pg.errors
    assert not marker.exists()


test_browser_shows_templates_as_text = pytest.mark.browser(test_browser_shows_templates_as_text)
