"""Names inside names (mapgen/grammar.py) and fuzzy matches (mapgen/fuzzy.py), on sentences of our own."""

from __future__ import annotations

import pytest

from mapgen import schema as S
from mapgen.fuzzy import FuzzyIndex, one_edit
from mapgen.mentions import Recognizer
from mapgen.records import document_records
from mapgen.texts import Document, DocumentMeta
from mapgen.tiers import Tiers

VARIANTS = [
    ("japan", "Japan"),
    ("korea", "Korea"),
    ("taegu", "Taegu"),
    ("k-2", "Taegu Air Base"),
    ("k-2", "K-2"),
    ("naktong", "Naktong"),
    ("naktong", "Naktong River"),
    ("hebei", "Hebei"),
    ("hebei", "Hopeh"),
    ("hebei", "Hebei Province"),
    ("wonsan", "Wonsan"),
    ("suwon", "Suwon"),
    ("pyongyang", "Pyongyang"),
]
POINTS = {pid: (127.0 + i * 0.1, 37.0) for i, pid in enumerate(dict.fromkeys(p for p, _ in VARIANTS))}


def records(text: str, curated_only: bool = True) -> list[tuple[str, str | None, str, str]]:
    rec = Recognizer(VARIANTS)
    tiers = Tiers.build(VARIANTS, curated_only=True)
    if not curated_only:
        tiers = Tiers(tiers.grammar, FuzzyIndex(VARIANTS), None)
    doc = Document(doc="t", text=text, path=None, meta=DocumentMeta(title="t"))  # type: ignore[arg-type]
    out = []
    for r in document_records(doc, rec.find(text), POINTS, None, tiers=tiers):
        assert text[r[S.START] : r[S.END]] == r[S.TEXT]
        out.append((r[S.TEXT], r[S.PLACE_ID], r[S.SOURCE], r[S.MATCH]))
    return out


@pytest.mark.parametrize(
    "text, surface, group",
    [
        ("The convoy crossed the Sea of Japan at night.", "Sea of Japan", "sea"),
        ("Ice closed the Gulf of Korea early that year.", "Gulf of Korea", "gulf"),
        ("Boats waited in the Bay of Korea.", "Bay of Korea", "bay"),
        ("A destroyer patrolled the Korea Strait all winter.", "Korea Strait", "strait"),
        ("Fishermen sailed across Japan Bay.", "Japan Bay", "bay"),
    ],
)
def test_a_sea_or_strait_is_never_the_country_inside_its_name(text: str, surface: str, group: str):
    (got,) = records(text)
    assert got[0] == surface and got[1] is None and got[2] == "unresolved" and got[3] == "grammar"


def test_an_air_base_named_after_its_town_is_the_air_base():
    assert records("Fighters landed at Taegu airfield before dusk.") == [
        ("Taegu airfield", "k-2", "gazetteer", "grammar")
    ]
    # a gloss or "City" between the name and the feature word
    assert records("Fighters landed at Taegu (Daegu) Air Base.")[0][:2] == ("Taegu (Daegu) Air Base", "k-2")
    assert records("The Taegu City Airport shares the runway.")[0][:2] == ("Taegu City Airport", "k-2")


def test_an_unknown_airfield_is_said_to_be_one_and_drawn_at_its_town():
    rec = Recognizer(VARIANTS)
    tiers = Tiers.build(VARIANTS, curated_only=True)
    text = "Bombers struck the Pyongyang airfield twice."
    doc = Document(doc="t", text=text, path=None, meta=DocumentMeta(title="t"))  # type: ignore[arg-type]
    (r,) = document_records(doc, rec.find(text), POINTS, None, tiers=tiers)
    assert r[S.TEXT] == "Pyongyang airfield" and r[S.PLACE_ID] is None and "airfield" in r[S.PLACE_NAME]
    assert (r[S.LON], r[S.LAT]) == POINTS["pyongyang"]  # at the town, but not the town


def test_a_feature_the_place_itself_is_keeps_the_place():
    assert records("The line held on the Naktong River for weeks.") == [
        ("Naktong River", "naktong", "gazetteer", "exact")
    ]
    # "province of" says what Hopeh is without being part of its name: the span is the name
    assert records("Refugees crossed the province of Hopeh.") == [("Hopeh", "hebei", "gazetteer", "grammar")]
    assert records("Refugees crossed the Province of Hopeh.") == [("Hopeh", "hebei", "gazetteer", "grammar")]
    assert records("The town lies on the Naktong river, near Taegu.")[0][:2] == ("Naktong river", "naktong")


def test_no_feature_word_no_change():
    assert records("Wonsan and Suwon were bombed.") == [
        ("Wonsan", "wonsan", "gazetteer", "exact"),
        ("Suwon", "suwon", "gazetteer", "exact"),
    ]


# -- fuzzy ------------------------------------------------------------------------


def test_one_edit():
    assert one_edit("suwan", "suwon") and one_edit("pyongyng", "pyongyang") and one_edit("pyonygang", "pyongyang")
    assert not one_edit("suwon", "suwon") and not one_edit("seoul", "suwon")


def test_fuzzy_match_is_marked_and_less_confident():
    got = records("Scouts reached Pyongyng at dawn.", curated_only=False)
    assert got == [("Pyongyng", "pyongyang", "gazetteer", "fuzzy")]


@pytest.mark.parametrize(
    "text",
    [
        "Scouts reached Suwan at dawn.",  # five letters: too short to guess
        "Scouts reached pyongyng at dawn.",  # lower case
        "Koreans reached the coast.",  # a demonym
    ],
)
def test_fuzzy_guards(text: str):
    assert [g for g in records(text, curated_only=False) if g[3] == "fuzzy"] == []
