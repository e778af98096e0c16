"""`mapgen mentions`: the output contract, formats, skipped inputs, --unknown, --overrides."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from mapgen import schema as S
from mapgen.cli import main
from mapgen.texts import iter_documents

DATA = Path(__file__).parent / "data"
TEXTS = DATA / "texts"
GAZ = str(DATA / "mention_places.geojson")


def run(*args: str):
    return CliRunner().invoke(main, ["mentions", *args, "--gazetteer", GAZ])


def test_jsonl_records_follow_the_contract():
    result = run(str(TEXTS))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(list(r) == list(S.MENTION_RECORD_FIELDS) for r in records)
    texts = {d.doc: d.text for d in iter_documents([TEXTS])}
    for r in records:
        assert texts[r["doc"]][r["start"] : r["end"]] == r["text"]
        assert isinstance(r["lon"], float) and isinstance(r["lat"], float)
        assert 0 < r["confidence"] <= 1 and isinstance(r["alternatives"], list)
    keys = [(r["doc"], r["start"]) for r in records]
    assert keys == sorted(keys)
    broken = next(r for r in records if r["text"] == "MiG\n\nAlley")
    assert broken["place_id"] == "mig-alley" and "MiG Alley" in broken["sentence"]
    andong = next(r for r in records if r["doc"] == "taegu-letter" and r["text"] == "Andong")
    assert andong["place_id"] == "andong-korea" and andong["alternatives"][0]["place_id"] == "antung"


def test_csv_format():
    result = run(str(TEXTS / "yalu-notes.txt"), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(S.MENTION_RECORD_FIELDS)
    andong = next(r for r in rows if r["text"] == "Andong")
    assert json.loads(andong["alternatives"])[0]["place_id"] == "andong-korea"
    assert any(r["text"] == "MiG\n\nAlley" for r in rows)  # CSV quoting keeps the line break


def test_crlf_and_bom_offsets(tmp_path: Path):
    p = tmp_path / "win.txt"
    raw = "\ufeffIn 1951 the\r\nYalu River\r\n\r\nand MiG\r\n\r\nAlley.\r\n"
    p.write_bytes(raw.encode("utf-8"))
    result = run(str(p))
    assert result.exit_code == 0, result.output
    text = raw[1:]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], text[r["start"] : r["end"]]) for r in records] == [
        ("Yalu River", "Yalu River"),
        ("MiG\r\n\r\nAlley", "MiG\r\n\r\nAlley"),
    ]
    assert records[0]["date"] == "1951" and records[0]["date_precision"] == "year"


def test_skipped_inputs_exit_1_but_records_still_printed(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Over the Yalu.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_text("Near Pusan.", encoding="utf-8")
    (tmp_path / "d.json").write_text("{oops", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["Yalu", "Pusan"]
    assert "b.txt" in result.stderr and "binary" in result.stderr
    assert "c.txt" in result.stderr and "empty" in result.stderr
    assert "d.json" in result.stderr and "line 1" in result.stderr
    assert "3 input(s) skipped" in result.stderr


def test_missing_gazetteer_is_a_clean_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["mentions", str(TEXTS), "--gazetteer", str(tmp_path / "none.geojson")])
    assert result.exit_code == 1
    assert "file not found" in result.stderr and "Traceback" not in result.output


def test_unknown_reports_unmatched_names(tmp_path: Path):
    p = tmp_path / "u.txt"
    p.write_text("Sabres flew from Kimpo over the Yalu toward Sinanju in May 1951.", encoding="utf-8")
    result = run(str(p), "--unknown")
    assert result.exit_code == 0, result.output
    got = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(r["text"], r["preposition"]) for r in got] == [("Kimpo", "from"), ("Sinanju", "toward")]
    assert p.read_text(encoding="utf-8")[got[0]["start"] : got[0]["end"]] == "Kimpo"


def test_overrides_option(tmp_path: Path):
    text = (TEXTS / "taegu-letter.md").read_text(encoding="utf-8")
    s = text.index("Andong")
    ov = tmp_path / "ov.csv"
    ov.write_text(f"doc,start,end,place_id\ntaegu-letter,{s},{s + 6},antung\n", encoding="utf-8")
    result = run(str(TEXTS / "taegu-letter.md"), "--overrides", str(ov))
    assert result.exit_code == 0, result.output
    rec = next(json.loads(x) for x in result.stdout.splitlines() if json.loads(x)["start"] == s)
    assert (rec["place_id"], rec["confidence"], rec["alternatives"]) == ("antung", 1.0, [])
    bad = tmp_path / "bad.csv"
    bad.write_text("doc,start,end,place_id\ntaegu-letter,1,5,atlantis\n", encoding="utf-8")
    result = run(str(TEXTS), "--overrides", str(bad))
    assert result.exit_code == 1 and "atlantis" in result.stderr


def test_help_teaches():
    result = CliRunner().invoke(main, ["mentions", "--help"])
    assert result.exit_code == 0
    assert "text[start:end]" in result.output and "Examples" in result.output


def test_mentions_imports_neither_geopandas_nor_pandas(tmp_path: Path):
    """Start-up matches the job: the mentions path needs no GIS table stack (issue 14)."""
    text = tmp_path / "a.txt"
    text.write_text("Pilots flew from Antung over the Yalu River.", encoding="utf-8")
    probe = (
        "import sys\n"
        "from mapgen.cli import main\n"
        "try:\n"
        f"    main(['mentions', {str(text)!r}, '--gazetteer', {GAZ!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('geopandas', 'pandas', 'folium') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert '"place_id": "antung' in proc.stdout, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr
