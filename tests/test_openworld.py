"""The open-world tier: names the gazetteer lacks, placed from GeoNames, with precision guards.

Fixture sentences are our own. The GeoNames index is built once per session in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen import schema as S
from mapgen.join import iter_mention_records
from mapgen.openworld import World, candidates, find_world
from mapgen.texts import Document, DocumentMeta

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return World(tmp_path_factory.mktemp("geonames") / "index.sqlite")


def placed(world: World, text: str, taken=(), context=None, points=None) -> list[tuple[str, str]]:
    return [(w.span.surface, w.place.name) for w in find_world(text, list(taken), context or {}, points or {}, world)]


def test_towns_and_countries_the_gazetteer_lacks(world: World):
    text = "After the war he settled near Dayton and later moved to San Diego, far from Ukraine."
    got = placed(world, text)
    assert ("Dayton", "Dayton") in got and ("San Diego", "San Diego") in got and ("Ukraine", "Ukraine") in got


def test_a_continent_beats_a_town_of_the_same_name(world: World):
    assert placed(world, "The conflict spread fear across Asia that winter.") == [("Asia", "Asia")]


@pytest.mark.parametrize(
    "text",
    [
        "they met in march and again in may",  # lower case: never
        "Kim Il-sung spoke first; No Kum-sok flew the jet south.",  # hyphenated given names
        "General Walker and Mr. Hamilton inspected the runway.",  # titles
        "March came, and the pilots waited.",  # a month at a sentence start
        "The Golden Globe Award went to the film.",  # a word glued to other capitals
        "Date: the first week of the offensive.",  # a field label
        "The jet flew at Mach 1 over the hills.",  # a unit before a number
        "Mao decided; Stalin agreed.",  # personal names
    ],
)
def test_precision_guards(world: World, text: str):
    assert placed(world, text) == []


def test_sentence_start_needs_a_large_place(world: World):
    # a big city may open a sentence; a small town of an ordinary-looking name may not
    assert placed(world, "Tokyo was the base of the command.") == [("Tokyo", "Tokyo")]


def test_small_far_town_is_not_taken_when_the_text_is_about_elsewhere(world: World):
    points = {"seoul": (126.98, 37.57)}
    context = {"seoul": [0]}
    # Sinanju (15,693 people) is near: taken; a small town half a world away is not
    assert ("Sinanju", "Sinanju") in placed(world, "Seoul, then Sinanju by rail.", [(0, 5)], context, points)


def test_context_chooses_among_places_of_one_name(world: World):
    # "Chongju" is a town in North Korea and a name of Cheongju in South Korea: context decides
    points = {"sinuiju": (124.40, 40.10)}
    got = find_world("From Sinuiju the column marched to Chongju.", [(5, 12)], {"sinuiju": [5]}, points, world)
    assert got and got[0].place.country == "KP" and 0 < got[0].confidence <= 0.8
    assert got[0].alternatives  # the other Chongju stays an alternative


def test_candidates_skip_spans_the_gazetteer_took():
    text = "Pyongyang and Dayton"
    keys = {c[2] for c in candidates(text, [(0, 9)])}
    assert "dayton" in keys and "pyongyang" not in keys


def test_records_say_where_they_come_from_and_curated_only_switches_it_off(world: World, monkeypatch):
    from mapgen import openworld
    from mapgen.gazetteer import load_gazetteer

    monkeypatch.setattr(openworld, "default_world", lambda: world)
    import mapgen.tiers as tiers

    monkeypatch.setattr(tiers, "default_world", lambda: world)
    gaz = load_gazetteer(DATA / "mention_places.geojson")
    doc = Document(
        doc="note",
        text="From Antung he flew home to Dayton in 1953.",
        path=Path("note.txt"),
        meta=DocumentMeta(title="note"),
    )
    recs = list(iter_mention_records(gaz, [doc]))
    ow = [r for r in recs if r[S.SOURCE] == "geonames"]
    assert [(r[S.TEXT], r[S.PLACE_NAME]) for r in ow] == [("Dayton", "Dayton")]
    assert ow[0][S.PLACE_ID].startswith("geonames:") and ow[0][S.RESOLVED_BY] == "open-world"
    assert all(r[S.SOURCE] == "gazetteer" for r in recs if r is not ow[0])
    assert [r for r in iter_mention_records(gaz, [doc], curated_only=True) if r[S.SOURCE] == "geonames"] == []


def test_lookups_are_remembered_across_documents_and_bounded(world: World, monkeypatch: pytest.MonkeyPatch):
    import mapgen.openworld as O

    world.lookup(["dayton"])  # the shared index exists; a World of its own remembers nothing yet
    world = World(world.path)
    first = world.lookup(["dayton", "zzqx", "ukraine"])
    assert set(first) == {"dayton", "ukraine"}
    calls: list[list[str]] = []
    query = world._query
    monkeypatch.setattr(world, "_query", lambda keys: calls.append(keys) or query(keys))
    again = world.lookup(["ukraine", "dayton", "zzqx", "san diego"])
    assert calls == [["san diego"]]  # only the key not asked before goes to the index
    assert again["dayton"] == first["dayton"] and set(again) == {"dayton", "ukraine", "san diego"}
    monkeypatch.setattr(O, "LOOKUP_MEMO_KEYS", 3)
    assert set(world.lookup(["asia", "dayton"])) == {"asia", "dayton"}  # full: forgets, answers the same
    assert len(world._known) <= 3


def test_folded_words_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch):
    import mapgen.openworld as O

    monkeypatch.setattr(O, "_FOLDED", {})
    monkeypatch.setattr(O, "_FOLDED_MAX", 2)
    assert [O.fast_fold(w) for w in ("Antung's", "Sinŭiju", "Antung's", "Mukden")] == [
        O._fold_word("Antung's"),
        O._fold_word("Sinŭiju"),
        O._fold_word("Antung's"),
        "mukden",
    ]
    assert len(O._FOLDED) <= 2
