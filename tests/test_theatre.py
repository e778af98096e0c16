"""The theatre gazetteer names what histories of the ground and air war name (sentences of our own).

These check the shipped data (data/places.geojson, built by scripts/build_theatre.py from
scripts/theatre.toml): villages and passes of the Chosin Reservoir campaign, the airfields of
the 1951 MiG battles and the K-sites, period names of the provinces; and that a name GeoNames
gives to a place elsewhere (Taechon is also an old name of Boryeong, in the south) is resolved
by the document's other places.
"""

from __future__ import annotations

from functools import cache

import pytest

from mapgen import schema as S
from mapgen.gazetteer import Gazetteer, load_gazetteer
from mapgen.join import iter_mention_records
from mapgen.texts import Document, DocumentMeta


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def records(text: str) -> list[dict]:
    doc = Document(doc="t", text=text, path=None, meta=DocumentMeta(title="t"))  # type: ignore[arg-type]
    return list(iter_mention_records(gazetteer(), [doc], curated_only=True))


def placed(text: str) -> dict[str, str | None]:
    return {r[S.TEXT]: r[S.PLACE_ID] for r in records(text)}


def test_the_chosin_campaign_villages_and_passes():
    got = placed(
        "The regiments pulled back from Yudam-ni over the Toktong Pass to Hagaru-ri, "
        "then down through Koto-ri and the Funchilin Pass to Chinhung-ni and the coast."
    )
    assert got == {
        "Yudam-ni": "yudam-ni",
        "Toktong Pass": "toktong-pass",
        "Hagaru-ri": "hagaru-ri",
        "Koto-ri": "koto-ri",
        "Funchilin Pass": "funchilin-pass",
        "Chinhung-ni": "chinhung-ni",
    }
    # the spellings without hyphen that memoirs use
    assert placed("We flew into Hagaru and on to Yudamni.") == {"Hagaru": "hagaru-ri", "Yudamni": "yudam-ni"}


def test_the_airstrips_of_the_north_east_by_name_and_k_number():
    got = placed("Corsairs flew from Yonpo (K-27) while transports used Sondok.")
    assert got == {"Yonpo": "k-27-yonpo", "K-27": "k-27-yonpo", "Sondok": "k-26-sondok"}


def test_taechon_is_the_northern_airfield_when_the_text_is_about_the_north():
    (t,) = [
        r
        for r in records("The new fields at Taechon and Namsi, north of Sinanju, were bombed.")
        if r[S.TEXT] == "Taechon"
    ]
    assert t[S.PLACE_ID] == "taechon-airfield"
    assert {a["place_id"] for a in t[S.ALTERNATIVES]} >= {"boryeong"}  # the southern town stays a rival, ranked below


@pytest.mark.parametrize("name", ["Shengjing", "Sheng-ching"])
def test_the_qing_name_of_the_province(name: str):
    assert placed(f"Under the Qing the area was called {name}.") == {name: "liaoning"}


def test_the_province_of_a_name_is_named_by_the_name():
    """ "province of Kirin": the span is the name, the place is the province (not the city of Kirin)."""
    (r,) = records("It borders the province of Kirin to the east.")
    assert (r[S.TEXT], r[S.PLACE_ID]) == ("Kirin", "jilin-province")


def test_a_k_number_in_brackets_is_a_second_mention_of_the_base():
    """A title is also a name: K-site titles carry the number after a comma, so the text's gloss stays its own mention."""
    got = [(r[S.TEXT], r[S.PLACE_ID]) for r in records("The wing moved to Kunsan Air Base (K-8) in 1951.")]
    assert got == [("Kunsan Air Base", "k-8-kunsan"), ("K-8", "k-8-kunsan")]
