"""Names inside names (mapgen/grammar.py) and fuzzy matches (mapgen/fuzzy.py), on sentences of our own."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


@given(
    st.lists(
        st.sampled_from(
            [" ", "\t", "\n", "of", "OF", "the", "The", "Sea", "Gulf", "province", "Lake", "straits", "x", "é"]
        ),
        max_size=12,
    )
)
@example(["Sea", " ", "of", " ", "the", " "])
@example(["x", "province", " ", "OF", "\t", "\t"])
@example(["Gulf", " ", "of", " ", "The", " "])
def test_the_prefix_pre_check_never_hides_a_phrase(pieces: list[str]) -> None:
    """_prefix_before skips the regex only where it could not match."""
    from mapgen.grammar import _prefix_before, _prefix_re

    before = "".join(pieces)
    text = before + "Korea"
    got = _prefix_before(_prefix_re(), text, len(before))
    want = _prefix_re().search(text[max(0, len(before) - 30) : len(before)])
    assert (got and got.group(0)) == (want and want.group(0))


def test_unresolved_phrases_keep_their_own_names_in_json_lines_and_csv(tmp_path):
    """Two phrases the gazetteer cannot place, in one document: each record names its own
    phrase (the JSON lines once reused the first one's), and CSV leaves the missing point empty."""
    import csv
    import io
    import json
    from pathlib import Path

    from mapgen.mentions_writer import write_mentions

    (tmp_path / "a.txt").write_text(
        "The squadron left Antung and flew over the Gulf of Korea and the Sea of Yalu.", "utf-8"
    )
    gaz = Path(__file__).parent / "data" / "mention_places.geojson"
    out = {}
    for fmt in ("jsonl", "csv"):
        buf = io.StringIO(newline="")
        write_mentions([tmp_path], buf, gazetteer=gaz, fmt=fmt, jobs=1)
        out[fmt] = buf.getvalue()
    lines = [json.loads(x) for x in out["jsonl"].splitlines()]
    rows = list(csv.DictReader(io.StringIO(out["csv"], newline="")))
    unresolved = [r["place_name"] for r in lines if r["source"] == "unresolved"]
    assert (
        len(unresolved) == 2 and unresolved[0].startswith("Gulf of Korea") and unresolved[1].startswith("Sea of Yalu")
    )
    assert [r["place_name"] for r in rows] == [r["place_name"] for r in lines]
    assert [(r["lon"], r["lat"]) for r in rows if r["source"] == "unresolved"] == [("", ""), ("", "")]


@given(
    st.lists(
        st.sampled_from(
            [
                " ",
                "\t",
                "\n",
                "(",
                ")",
                "Daegu",
                "City",
                "CITY",
                "Air",
                "Base",
                "airfield",
                "AB",
                "ai",
                "x",
                "\u212a",
                "Ri",
                "ver",
            ]
        ),
        max_size=10,
    )
)
@example([" ", "(", "Daegu", ")", " ", "Air", " ", "Base"])
@example([" ", "City", " ", "airfield"])
def test_the_suffix_pre_check_never_hides_a_phrase(pieces: list[str]) -> None:
    """_suffix_after skips the regex only where it could not match."""
    from mapgen.grammar import _suffix_after, _suffix_re

    text = "Korea" + "".join(pieces)
    got = _suffix_after(_suffix_re(), text, 5)
    want = _suffix_re().match(text, 5)
    assert (got and got.group(0)) == (want and want.group(0))
