"""Recognition: every name variant, robust to what real texts do, offsets exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapgen.gazetteer import load_gazetteer
from mapgen.mentions import Recognizer, find_mentions, find_unknown, fold_text

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def rec() -> Recognizer:
    return Recognizer.from_gazetteer(load_gazetteer(DATA / "mention_places.geojson"))


def found(rec: Recognizer, text: str) -> list[tuple[str, tuple[str, ...]]]:
    spans = find_mentions(text, rec)
    for s in spans:
        assert text[s.start : s.end] == s.surface
    return [(s.surface, s.place_ids) for s in spans]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("over MiG\n\nAlley today", "MiG\n\nAlley"),
        ("over MiG   Alley today", "MiG   Alley"),
        ("over MiG\r\n\r\nAlley today", "MiG\r\n\r\nAlley"),
        ("over MiG \t\u00a0Alley", "MiG \t\u00a0Alley"),
        ("the Straits of \n\nFormosa.", "Straits of \n\nFormosa"),
    ],
)
def test_whitespace_inside_a_name(rec: Recognizer, text: str, surface: str):
    assert [s for s, _ in found(rec, text)] == [surface]


def test_offsets_exact_with_crlf_and_bom_decoded(rec: Recognizer, tmp_path: Path):
    from mapgen.texts import load_document

    p = tmp_path / "x.txt"
    p.write_bytes("\ufeffLine one\r\n\r\nThe Yalu River\r\nand MiG\r\n\r\nAlley.\r\n".encode())
    doc = load_document(p)
    spans = find_mentions(doc.text, rec)
    assert [(doc.text[s.start : s.end], s.start) for s in spans] == [("Yalu River", 16), ("MiG\r\n\r\nAlley", 32)]


@pytest.mark.parametrize("name", ["Sŭp’ung", "Sup'ung", "Supung", "Sŭp'ung", "Sup`ung", "SUPUNG", "Su\u0306p\u2019ung"])
def test_diacritics_and_apostrophes(rec: Recognizer, name: str):
    assert found(rec, f"The dam at {name} was hit.") == [(name, ("suiho-dam",))]


@pytest.mark.parametrize("name", ["An-tung", "An\u2011tung", "An\u2010tung", "An tung", "Antung"])
def test_hyphen_variants(rec: Recognizer, name: str):
    assert found(rec, f"From {name} north.") == [(name, ("antung",))]


@pytest.mark.parametrize(
    "text, surface", [("Antung's field", "Antung"), ("Antung\u2019s field", "Antung"), ("Busan's harbour", "Busan")]
)
def test_possessive(rec: Recognizer, text: str, surface: str):
    assert [s for s, _ in found(rec, text)] == [surface]


def test_longest_match_first(rec: Recognizer):
    assert found(rec, "the Yalu River and the Yalu") == [("Yalu River", ("yalu",)), ("Yalu", ("yalu",))]
    assert found(rec, "in North Korea.") == [("North Korea", ("north-korea",))]
    assert found(rec, "the Andong airbase") == [("Andong airbase", ("antung-airfield",))]


def test_word_boundaries_and_demonyms(rec: Recognizer):
    # "Korean" is a demonym in the gazetteer's names: never a place; "Korea" not inside it.
    assert found(rec, "Korean pilots, North Korean army, Koreans") == []
    assert found(rec, "Yalus Andongs Suihodam") == []
    # a capital after a lower-case letter is a boundary lost by scraping ("SuihoDam", "AntungSinuiju")
    assert [s for s, _ in found(rec, "SuihoDam")] == ["Suiho"]
    assert found(rec, "Korea's south") == [("Korea", ("korea",))]


def test_ordinary_words_only_where_capitalised(rec: Recognizer):
    assert found(rec, "fine china plates") == []
    assert found(rec, "trade with China") == [("China", ("china",))]
    assert found(rec, "in northeast China") == [("northeast China", ("manchuria",))]
    assert found(rec, "in northeast china") == []
    assert found(rec, "PYONGYANG and pyongyang") == [("PYONGYANG", ("pyongyang",)), ("pyongyang", ("pyongyang",))]


def test_shared_name_keeps_every_candidate(rec: Recognizer):
    assert found(rec, "near Andong.") == [("Andong", ("antung", "andong-korea"))]


def test_no_names_no_spans():
    assert find_mentions("Yalu", Recognizer([])) == []


def test_unknown_place_names(rec: Recognizer):
    text = "Flights from Kimpo landed at Sinanju over the Yalu, in April, to Mao and near Taegu."
    unknown = [u.surface for u in find_unknown(text, find_mentions(text, rec))]
    assert unknown == ["Kimpo", "Sinanju", "Mao"]


@given(
    st.lists(st.sampled_from([" ", "\n", "\r\n", "\t", "  ", "\n\n", "\u00a0"]), min_size=1, max_size=4),
    st.text(alphabet="abc .,\n", max_size=20),
    st.text(alphabet="xyz .,\n", max_size=20),
)
def test_any_whitespace_between_words_is_found_exactly(gaps: list[str], before: str, after: str):
    rec = Recognizer([("mig-alley", "MiG Alley")])
    surface = "MiG" + "".join(gaps) + "Alley"
    text = f"{before} {surface} {after}"
    spans = rec.find(text)
    assert [(text[s.start : s.end]) for s in spans] == [surface]


@given(st.text(alphabet=st.sampled_from("aBŭ\u0306’' \n\r\t\u00a0-\u2011İ"), max_size=60))
def test_folding_maps_back_to_the_original(text: str):
    folded = fold_text(text)
    origin = [folded.original(i) for i in range(len(folded.text) + 1)]
    assert origin[-1] == len(text)
    assert origin == sorted(set(origin))  # strictly increasing
    for i, ch in enumerate(folded.text):  # each folded character comes from its original one
        assert fold_text(text[origin[i]]).text in (ch, "")


def test_unknown_skips_demonym_compounds(rec: Recognizer):
    text = "Papers from Soviet-era files, kept in Russia, and in Korean's records."
    assert [u.surface for u in find_unknown(text, find_mentions(text, rec))] == ["Russia"]


def test_names_in_other_scripts():
    rec = Recognizer([("antung", "丹东"), ("moscow", "Москва"), ("yalu", "Yalu"), ("suiho-dam", "수풍댐")])
    text = "From 丹东市 to МОСКВА, over the Yalu and 수풍댐."
    assert [(s.surface, s.place_ids) for s in rec.find(text)] == [
        ("丹东", ("antung",)),  # CJK needs no word boundary
        ("МОСКВА", ("moscow",)),
        ("Yalu", ("yalu",)),
        ("수풍댐", ("suiho-dam",)),
    ]
    assert [s.surface for s in rec.find("The Yalu, “quoted”.")] == ["Yalu"]


@given(st.text(alphabet=st.sampled_from([*"aZq '`-.\t\n\r\x00\x0b\x1c\x85", "\u2019", "\u00e9"]), max_size=16))
def test_the_fast_name_fold_is_the_fold(name: str) -> None:
    """fold_name's plain-ASCII path and the numpy fold agree, spaces beside deletions included."""
    from mapgen.mentions import fold_name, fold_text

    assert fold_name(name) == fold_text(name).text.strip()


def test_a_first_word_every_variant_capitalises_must_be_capitalised():
    rec = Recognizer([("china", "China"), ("china", "Communist China"), ("nk", "north Korea-land")])
    text = "Trade with communist China grew; Communist China said so; North Korea-land and north korea-land."
    assert [s.surface for s in rec.find(text)] == ["China", "Communist China", "North Korea-land", "north korea-land"]
