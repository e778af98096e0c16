"""Resolution and the join: shared names from context, overrides, passages, dates, gold."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from mapgen import schema as S
from mapgen.dates import find_dates, governing_date
from mapgen.errors import TextError
from mapgen.gazetteer import load_gazetteer
from mapgen.join import join_texts
from mapgen.overrides import load_overrides
from mapgen.sentences import sentence_bounds
from mapgen.texts import iter_documents, load_document

DATA = Path(__file__).parent / "data"
TEXTS = DATA / "texts"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(DATA / "mention_places.geojson")


@pytest.fixture(scope="module")
def joined(gaz):
    return join_texts(gaz, iter_documents([TEXTS]))


def rows(join, doc: str, text: str):
    m = join.mentions
    return m[(m[S.DOC] == doc) & (m[S.TEXT] == text)]


def test_andong_on_the_yalu_from_context(joined):
    r = rows(joined, "yalu-notes", "Andong").iloc[0]
    assert r[S.PLACE_ID] == "antung" and r[S.RESOLVED_BY] == "context"
    assert r[S.CONFIDENCE] > 0.8
    assert [a["place_id"] for a in r[S.ALTERNATIVES]] == ["andong-korea"]


def test_andong_in_south_korea_from_context(joined):
    got = rows(joined, "taegu-letter", "Andong")
    assert list(got[S.PLACE_ID]) == ["andong-korea", "andong-korea"]
    assert (got[S.CONFIDENCE] > 0.8).all()
    assert got.iloc[0][S.ALTERNATIVES][0]["place_id"] == "antung"


def test_without_context_the_first_candidate_wins_at_even_confidence(gaz, tmp_path):
    p = tmp_path / "bare.txt"
    p.write_text("Andong.", encoding="utf-8")
    r = join_texts(gaz, [load_document(p)]).mentions.iloc[0]
    assert (r[S.PLACE_ID], r[S.CONFIDENCE]) == ("antung", 0.5)


def test_unique_names_are_certain(joined):
    assert (joined.mentions[joined.mentions[S.RESOLVED_BY] == "unique"][S.CONFIDENCE] == 1.0).all()


def test_columns_offsets_and_passages(joined):
    m = joined.mentions
    assert list(m.columns) == list(S.MENTION_COLUMNS)
    docs = {d.doc: d.text for d in iter_documents([TEXTS])}
    for r in m.itertuples(index=False):
        r = r._asdict()
        assert docs[r[S.DOC]][r[S.START] : r[S.END]] == r[S.TEXT]
        assert r[S.SENTENCE][r[S.PASSAGE_START] : r[S.PASSAGE_END]] == " ".join(r[S.TEXT].split())
        assert "\n" not in r[S.SENTENCE] and "  " not in r[S.SENTENCE]
    # document order: docs sorted, offsets increasing inside each
    assert list(m[S.DOC]) == sorted(m[S.DOC])
    for _, g in m.groupby(S.DOC):
        assert list(g[S.START]) == sorted(g[S.START])


def test_passage_of_a_broken_name_is_normalised(joined):
    r = rows(joined, "yalu-notes", "MiG\n\nAlley").iloc[0]
    assert r[S.SENTENCE].startswith("Pilots soon called the area south of the river MiG Alley,")
    assert r[S.SENTENCE][r[S.PASSAGE_START] : r[S.PASSAGE_END]] == "MiG Alley"


def test_dates_attached(joined):
    assert rows(joined, "airfield-report", "Andong airbase").iloc[0][S.DATE] == "1950-11-01"
    r = rows(joined, "yalu-notes", "Straits of\nFormosa").iloc[0]
    assert (r[S.DATE], r[S.DATE_PRECISION]) == ("1950-11-01", "day")
    r = rows(joined, "yalu-notes", "Yalu River").iloc[0]
    assert (r[S.DATE], r[S.DATE_PRECISION], r[S.DATE_FIRST], r[S.DATE_LAST]) == (
        "1950-10",
        "month",
        "1950-10-21",
        "1950-10-31",
    )


def test_citation_fields(joined):
    r = rows(joined, "airfield-report", "Andong airbase").iloc[0]
    assert (r[S.CITE_AUTHOR], r[S.CITE_YEAR], r[S.CITE_TITLE], r[S.CITE_URL]) == (
        "A. Tester",
        1999,
        "Airfield report",
        "https://example.org/report",
    )


def test_place_summary(joined):
    p = joined.places.set_index(S.PLACE_ID)
    assert list(joined.places.columns) == list(S.PLACE_MENTION_COLUMNS)
    assert p.loc["antung", S.MENTION_COUNT] == 3
    assert p.loc["antung", S.DOC_COUNTS] == {"airfield-report": 1, "yalu-notes": 2}
    passages = p.loc["antung", S.PASSAGES]
    assert [x[S.DOC] for x in passages] == ["airfield-report", "yalu-notes", "yalu-notes"]
    assert p.loc["suiho-dam", S.MENTION_COUNT] == 4
    assert p.loc["yalu", S.FIRST_DATE] == "1950-10-21" and p.loc["yalu", S.LAST_DATE] == "1950-11-01"
    counts = list(joined.places[S.MENTION_COUNT])
    assert counts == sorted(counts, reverse=True)


def test_sentence_bounds_skip_initials_and_abbreviations():
    text = "First one. Then Harry S. Truman and the U.S. Navy went to Inchon. Last."
    s = text.index("Inchon")
    first, last = sentence_bounds(text, s, s + 6)
    assert text[first:last] == "Then Harry S. Truman and the U.S. Navy went to Inchon."


def test_date_carries_from_a_previous_sentence_but_not_far():
    text = "On 1 November 1950 it began. The Yalu froze." + " Filler words." * 200 + " Then Andong."
    dates = find_dates(text)
    s = text.index("Yalu")
    assert governing_date(dates, *sentence_bounds(text, s, s + 4), s).iso == "1950-11-01"
    s = text.index("Andong")
    assert governing_date(dates, *sentence_bounds(text, s, s + 6), s) is None


# -- overrides ------------------------------------------------------------------


def test_overrides_settle_add_and_drop(gaz, tmp_path):
    doc = load_document(TEXTS / "taegu-letter.md")
    first = doc.text.index("Andong")
    pusan = doc.text.index("Pusan")
    north = doc.text.index("north")
    town = doc.text.index("town of Andong")
    ov = tmp_path / "overrides.csv"
    ov.write_text(
        "doc,start,end,place_id\n"
        f"taegu-letter,{first},{first + 6},antung\n"
        f"taegu-letter,{pusan},{pusan + 5},\n"
        f"taegu-letter,{north},{north + 5},north-korea\n"
        f"taegu-letter,{town},{town + 14},andong-korea\n"
        "taegu-letter,99999,100005,antung\n",
        encoding="utf-8",
    )
    j = join_texts(gaz, [doc], overrides=load_overrides(ov, gaz))
    m = j.mentions.set_index(S.START)
    assert m.loc[town, S.TEXT] == "town of Andong" and town + 8 not in m.index  # the curator's span wins
    assert m.loc[first, S.PLACE_ID] == "antung" and m.loc[first, S.RESOLVED_BY] == "override"
    assert m.loc[first, S.CONFIDENCE] == 1.0
    assert pusan not in m.index  # dropped: not a place
    assert m.loc[north, S.PLACE_ID] == "north-korea" and m.loc[north, S.TEXT] == "north"


@pytest.mark.parametrize(
    "content, message",
    [
        ("doc,start,place_id\nx,1,y\n", r"line 1: missing column\(s\) end"),
        ("doc,start,end,place_id\nx,1,two,antung\n", r"line 2: start and end must be whole numbers"),
        ("doc,start,end,place_id\nx,1,5,antung\nx,5,1,antung\n", r"line 3: expected 0 <= start < end"),
        ("doc,start,end,place_id\nx,1,5,atlantis\n", r"line 2: place_id 'atlantis' is not in the gazetteer"),
    ],
)
def test_bad_overrides(gaz, tmp_path, content: str, message: str):
    p = tmp_path / "o.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(TextError, match=message):
        load_overrides(p, gaz)


# -- gold: the O'Neill article against the real gazetteer --------------------------


def theatre_ids(places: Path) -> set[str]:
    """Ids of the features scripts/build_theatre.py made (generated or from scripts/theatre.toml)."""
    data = json.loads(places.read_text(encoding="utf-8"))
    curated = set(re.findall(r'^id = "([^"]+)"', (REPO / "scripts" / "theatre.toml").read_text(encoding="utf-8"), re.M))
    notes = ("generated by scripts/build_theatre.py",)
    return curated | {
        f["id"] for f in data["features"] if any(n in c.get("note", "") for c in f.get("citations", []) for n in notes)
    }


def test_oneill_gold_precision_and_recall(shared_corpus: Path):
    corpus = shared_corpus
    assert (corpus / "oneill-2000.txt").is_file(), "the gold's article is not in the corpus"
    places = REPO / "data" / "places.geojson"
    with (Path(__file__).parent / "gold" / "oneill-2000.csv").open(encoding="utf-8") as f:
        gold = {(int(r["start"]), int(r["end"]), r["place_id"]) for r in csv.DictReader(f)}
    gaz = load_gazetteer(places)
    j = join_texts(gaz, iter_documents([corpus / "oneill-2000.txt"]))
    got = {(int(r[S.START]), int(r[S.END]), r[S.PLACE_ID]) for _, r in j.mentions.iterrows()}
    # The gold annotates the places of the gazetteer it was made with (the hand-written
    # features); the theatre places added later (scripts/build_theatre.py) and open-world
    # (GeoNames) places are out of its scope, and none may take a span the gold gives a place.
    scope = set(gaz.places[S.PLACE_ID]) - theatre_ids(places)
    outside = {g for g in got if g[2] not in scope}
    assert not [g for g in outside if any(a < g[1] and g[0] < b for a, b, _ in gold)], sorted(outside)
    got -= outside
    tp = len(gold & got)
    precision, recall = tp / len(got), tp / len(gold)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, sorted(gold - got), sorted(got - gold))


def test_first_and_last_dates_in_time_order_before_the_common_era():
    """ISO strings sort -0100 after -0043; the place's first date must still be 101 BCE."""
    from mapgen.gazetteer import load_place_names
    from mapgen.join import iter_mention_records, summarise_places
    from mapgen.texts import Document, DocumentMeta

    text = "In 44 BC a garrison held Antung. Later in 300 BC, so the chronicle says, Antung fell. In 101 BC Antung was rebuilt."
    doc = Document(doc="bce", path=Path("bce.txt"), text=text, meta=DocumentMeta(title="bce"))
    rows = list(iter_mention_records(load_place_names(DATA / "mention_places.geojson"), [doc], curated_only=True))
    assert sorted(r[S.DATE] for r in rows) == ["-0043", "-0100", "-0299"]
    place = summarise_places(rows).iloc[0]
    assert (place[S.FIRST_DATE], place[S.LAST_DATE]) == ("-0299-01-01", "-0043-12-31")
