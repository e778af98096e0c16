"""Precision guards: organisation names and acronyms are not places (fixture sentences of our own)."""

from __future__ import annotations

import pytest

from mapgen.mentions import Recognizer

VARIANTS = [
    ("usa", "United States"),
    ("usa", "US"),
    ("usa", "U.S."),
    ("rok", "South Korea"),
    ("rok", "ROK"),
    ("rok", "Republic of Korea"),
]


@pytest.fixture(scope="module")
def rec() -> Recognizer:
    return Recognizer(VARIANTS)


def surfaces(rec: Recognizer, text: str) -> list[str]:
    return [s.surface for s in rec.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Reinforcements of the U.S. 8th Army moved north in the spring.",
        "A company of the ROK Army held the ridge.",
        "The United States Army built the runway.",
        "She visited the US Air Force Museum with her grandson.",
        "Orders came from the Republic of Korea (ROK) I Corps headquarters.",
        "The US Navy evacuated the port.",
    ],
)
def test_a_place_name_inside_an_organisation_name_is_not_a_place(rec: Recognizer, text: str):
    assert surfaces(rec, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("All US forces withdrew south of the river.", ["US"]),
        ("Then all ROK troops crossed the bridge.", ["ROK"]),
        ("Supplies reached the United States by sea.", ["United States"]),
    ],
)
def test_attributive_and_plain_uses_stay_places(rec: Recognizer, text: str, expected: list[str]):
    assert surfaces(rec, text) == expected


def test_an_acronym_needs_capitals(rec: Recognizer):
    assert surfaces(rec, "He showed us the old hangar, and told us about the US bases.") == ["US"]
    assert surfaces(rec, "The rok of the story.") == []
