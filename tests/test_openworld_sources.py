"""The open world beyond GeoNames' towns: first-order divisions, military air fields, "Town, ST" (sentences of our own).

Divisions come from mapgen/data/admin1.tsv (countrystatecity-countries), air fields from
mapgen/data/airfields.tsv (airportsdata), both made by scripts/build_theatre.py; each record
names its source and the map's popup cites it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen import schema as S
from mapgen.join import iter_mention_records
from mapgen.openworld import World, find_world
from mapgen.texts import Document, DocumentMeta
from mapgen.worldlayer import world_layer
from mapgen.worldsources import WORLD_SOURCES, is_open_world, split_place_id


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return World(tmp_path_factory.mktemp("world") / "index.sqlite")


def found(world: World, text: str) -> list[tuple[str, str, str]]:
    return [(w.span.surface, w.place.place_id, w.place.source) for w in find_world(text, [], {}, {}, world)]


def test_an_air_force_base_by_the_forms_texts_use(world: World):
    assert found(world, "He flew out of Elmendorf AFB for two years.") == [
        ("Elmendorf AFB", "airportsdata:PAED", "airportsdata")
    ]
    for form in ("Wright-Patterson AFB", "Wright Patterson AFB", "Wright-Patterson Air Force Base"):
        assert found(world, f"The jet now hangs at {form} in a museum.") == [
            (form, "airportsdata:KFFO", "airportsdata")
        ]


def test_a_us_postal_code_after_a_us_place_is_its_state(world: World):
    got = found(world, "Records went to the history office of Elmendorf AFB, AK for safe keeping.")
    assert got == [
        ("Elmendorf AFB", "airportsdata:PAED", "airportsdata"),
        ("AK", "countrystatecity:US-AK", "countrystatecity"),
    ]
    assert ("OH", "countrystatecity:US-OH", "countrystatecity") in found(
        world, "He retired to Dayton, OH after the war."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The convoy left Seoul, OK at dawn.",  # not a US place before the comma
        "Units of the ROK, US and UK armies met.",  # codes without a US place before them
        "Pilots said OK and took off.",
    ],
)
def test_two_capitals_are_no_state_elsewhere(world: World, text: str):
    assert [g for g in found(world, text) if g[2] == "countrystatecity"] == []


def test_states_and_provinces(world: World):
    got = found(world, "She was born in Florida and trained in California before Korea.")
    assert [(s, pid) for s, pid, _ in got] == [
        ("Florida", "countrystatecity:US-FL"),
        ("California", "countrystatecity:US-CA"),
    ]


def test_a_city_of_the_same_name_outranks_a_small_division(world: World):
    # the city (eight million people) is meant far more often than the state
    (got,) = found(world, "The squadron sailed from New York in June.")
    assert got[2] == "geonames" and got[0] == "New York"


@pytest.mark.parametrize(
    "text",
    [
        "The Victoria Cross was awarded twice.",  # glued to a capitalised word that is no place
        "Central command said nothing; Western reporters waited.",  # ordinary words are never divisions
    ],
)
def test_division_precision_guards(world: World, text: str):
    assert [g for g in found(world, text) if g[2] == "countrystatecity"] == []


def test_records_and_the_map_layer_cite_their_own_source(tmp_path: Path):
    text = "After Korea he served at Elmendorf AFB, AK and later in Florida."
    doc = Document(doc="t", text=text, path=None, meta=DocumentMeta(title="t"))  # type: ignore[arg-type]
    from mapgen.gazetteer import load_place_names

    recs = [r for r in iter_mention_records(load_place_names(), [doc]) if is_open_world(r[S.SOURCE])]
    assert {r[S.SOURCE] for r in recs} == {"airportsdata", "countrystatecity"}
    layer = world_layer(recs)
    assert layer is not None and set(layer.sources) == {"airportsdata", "countrystatecity"}
    popups = dict(zip(layer.places[S.PLACE_ID], layer.places[S.DESCRIPTION], strict=True))
    assert "airportsdata" in popups["airportsdata:PAED"] and "Nobody has checked" in popups["airportsdata:PAED"]
    assert "Countries States Cities" in popups["countrystatecity:US-FL"]
    assert not any(layer.places[S.LINKS].iloc[i] for i in range(len(layer.places)))  # no gn: link for these


def test_every_source_is_described():
    for sid, ws in WORLD_SOURCES.items():
        assert ws.id == sid and ws.url.startswith("https://") and ws.note
    assert split_place_id("geonames:2037886") == (WORLD_SOURCES["geonames"], "2037886")
    assert not is_open_world("gazetteer") and not is_open_world("unresolved") and not is_open_world(None)


def test_a_division_opens_a_sentence_only_when_no_town_shares_its_name(world: World):
    assert found(world, "Ohio sent a regiment.") == [("Ohio", "countrystatecity:US-OH", "countrystatecity")]
    # towns named Washington would compete with the state and the city: the sentence start is not enough
    assert found(world, "Washington, its policy hardening, watched the peninsula.") == []
    # inside a sentence, the capital (a city of 690,000 in GeoNames) outranks the state
    assert found(world, "The envoy flew to Washington in May.")[0][2] == "geonames"


def test_the_popup_names_the_data_set_and_how_the_place_was_chosen():
    text = "He served at Elmendorf AFB, then near Dayton."
    doc = Document(doc="t", text=text, path=None, meta=DocumentMeta(title="t"))  # type: ignore[arg-type]
    from mapgen.gazetteer import load_place_names

    layer = world_layer([r for r in iter_mention_records(load_place_names(), [doc]) if is_open_world(r[S.SOURCE])])
    assert layer is not None
    popups = dict(zip(layer.places[S.PLACE_ID], layer.places[S.DESCRIPTION], strict=True))
    assert "(airportsdata PAED), chosen by the context of the article (" in popups["airportsdata:PAED"]
    (dayton,) = [d for pid, d in popups.items() if pid.startswith("geonames:")]
    assert "(geonames.org/" in dayton and "and by population" in dayton


@pytest.mark.parametrize("word", ["Centre", "Plateau", "Lakes", "Capital", "Littoral"])
def test_generic_words_of_geography_are_no_divisions(world: World, word: str):
    assert [
        g for g in found(world, f"Reports from the {word} were late that week.") if g[2] == "countrystatecity"
    ] == []
