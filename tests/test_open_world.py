"""Nothing subject-specific lives in code: the first subject's words are only in its data and profile."""

from __future__ import annotations

import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "mapgen"
# Words of the first subject (the 1950-53 air war). They belong in data/places.geojson and
# data/places.profile.toml; in mapgen/*.py or mapgen/static/ they would dress every map for it.
SUBJECT_WORDS = [
    r"\bMiG",
    r"\bmig[-_]",
    r"Korea",
    r"Manchuria",
    r"Soviet",
    r"[Cc]ommunist",
    r"38th",
    r"air war",
    r"airbase",
    r"air base",
    r"Antung",
    r"Yalu",
    r"Suiho",
    r"Seoul",
    r"Sabre",
    r"F-86",
    r"Pyongyang",
    r"Ch.?ongch.?on",
    r"\bUN\b",
    r"1945, 1955",
]


def code_files() -> list[Path]:
    files = sorted(PKG.glob("*.py")) + sorted((PKG / "static").iterdir())
    assert len(files) > 15
    return files


def test_no_subject_word_in_code() -> None:
    hits = []
    for path in code_files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            hits += [f"{path.name}:{n}: {line.strip()}" for w in SUBJECT_WORDS if re.search(w, line)]
    assert hits == [], "\n".join(hits)


def test_the_grep_would_catch_them() -> None:
    """The word list is live: each word is found in the subject's own profile or gazetteer."""
    data = Path(__file__).resolve().parents[1] / "data"
    text = (data / "places.profile.toml").read_text(encoding="utf-8") + (data / "places.geojson").read_text(encoding="utf-8")
    missing = [w for w in SUBJECT_WORDS if not re.search(w, text)]
    assert missing == []
