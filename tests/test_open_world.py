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
    files = sorted(PKG.glob("*.py")) + sorted(p for p in (PKG / "static").rglob("*") if p.is_file())
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
    text = (data / "places.profile.toml").read_text(encoding="utf-8") + (data / "places.geojson").read_text(
        encoding="utf-8"
    )
    missing = [w for w in SUBJECT_WORDS if not re.search(w, text)]
    assert missing == []


def test_another_subject_has_no_word_of_the_first(tmp_path: Path) -> None:
    """Our second example subject: built from its own profile, nothing of the air war in the page."""
    import json

    from mapgen.gazetteer import validate_gazetteer
    from mapgen.pipeline import build

    gaz = Path(__file__).resolve().parents[1] / "examples" / "hanse" / "kontore.lpf.json"
    assert validate_gazetteer(gaz) == []  # no error and no warning: every fact is cited
    page = build(gaz, tmp_path / "hanse.html").path.read_text(encoding="utf-8")
    for w in ("MiG", "Korea", "Manchuria", "Soviet", "ommunist", "38th", "air war", "Antung", "Yalu"):
        assert w not in page, w
    cfg = json.loads(page.split("mapgen.setup(", 1)[1].split(",", 1)[1].rsplit(");", 1)[0].split(");\n", 1)[0])
    assert cfg["title"] == "The Hanse's offices abroad" and cfg["time"] == {"from": 1250, "to": 1700, "step": "year"}
    assert [u["name"] for u in cfg["unlocated"]] == ["Gotenhof (Novgorod)"]
    assert '"key":"kontore"' in page and '"key":"steelyard-5km"' in page
