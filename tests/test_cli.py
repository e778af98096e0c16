"""The CLI through click's runner: exit codes and messages a user can act on."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main


def test_validate_clean_file(mini_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(mini_path)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_reports_every_problem_and_exits_1(write_gazetteer) -> None:
    def edit(d):
        d["features"][0]["properties"]["category"] = "castle"
        d["features"][3]["geometry"]["coordinates"] = [37.56, 126.79]

    result = CliRunner().invoke(main, ["validate", str(write_gazetteer(edit))])
    assert result.exit_code == 1
    assert "unknown category 'castle'" in result.output
    assert "look swapped" in result.output
    assert "2 problem(s) found" in result.output
    assert "Traceback" not in result.output


def test_validate_invalid_json_is_a_clean_error(write_gazetteer) -> None:
    result = CliRunner().invoke(main, ["validate", str(write_gazetteer(text="{oops"))])
    assert result.exit_code == 1
    assert "line 1, column 2: invalid JSON" in result.output


def test_build_writes_the_map(mini_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "map.html"
    result = CliRunner().invoke(main, ["-q", "build", "--gazetteer", str(mini_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "6 places in 9 layers" in result.output


def test_build_fails_cleanly_and_keeps_the_old_map(write_gazetteer, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    out.write_text("previous map")
    bad = write_gazetteer(lambda d: d["features"][0]["properties"].update(category="castle"))
    result = CliRunner().invoke(main, ["build", "--gazetteer", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "mapgen: error:" in result.output and "unknown category 'castle'" in result.output
    assert out.read_text() == "previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.geojson", "bad.profile.toml", "map.html"]


def test_build_refuses_a_directory_as_output(mini_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--gazetteer", str(mini_path), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a directory" in result.output


def test_unknown_layer_is_a_usage_error(mini_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--gazetteer", str(mini_path), "--layers", "castles", "--out", str(tmp_path / "m.html")]
    )
    assert result.exit_code == 2
    assert "unknown layer(s) castles" in result.output


def test_help_teaches_with_examples() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    assert "mapgen build --cdn" in result.output and "Exit codes" in result.output


def test_build_focus_and_zoom_make_a_lesson_map(mini_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "lesson.html"
    args = [
        "-q",
        "build",
        "--gazetteer",
        str(mini_path),
        "--out",
        str(out),
        "--title",
        "Lesson 1",
        "--layers",
        "communist-airbases,mig15-reach",
        "--focus",
        "tungfeng",
        "--zoom",
        "9",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '"focus":"tungfeng"' in page and "[40.6, 124.6]" in page and '"zoom": 9' in page
    assert "6 places in 2 layers" in result.output


def test_build_unknown_focus_or_bad_zoom_is_a_clear_error(mini_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["build", "--gazetteer", str(mini_path), "--out", str(out), "--focus", "antungg"])
    assert result.exit_code == 1
    assert "no place with id 'antungg' for --focus; did you mean antung" in result.output
    result = CliRunner().invoke(main, ["build", "--gazetteer", str(mini_path), "--out", str(out), "--zoom", "30"])
    assert result.exit_code == 2 and "--zoom" in result.output
    result = CliRunner().invoke(
        main, ["build", "--gazetteer", str(mini_path), "--out", str(out), "--layers", "cities,nope"]
    )
    assert result.exit_code == 2 and "unknown layer(s) nope" in result.output
    assert not out.exists()


def test_embed_prints_a_responsive_titled_iframe(mini_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    CliRunner().invoke(
        main, ["-q", "build", "--gazetteer", str(mini_path), "--out", str(out), "--title", 'War & "peace"']
    )
    result = CliRunner().invoke(main, ["embed", str(out), "--url", "https://school.example/m.html"])
    assert result.exit_code == 0, result.output
    snippet = result.output.strip()
    assert snippet.startswith('<iframe src="https://school.example/m.html"')
    assert 'title="War &amp; &quot;peace&quot;"' in snippet
    assert "width:100%" in snippet and "allowfullscreen" in snippet
    bad = CliRunner().invoke(main, ["embed", str(tmp_path / "missing.html")])
    assert bad.exit_code == 1 and "file not found" in bad.output
    bad = CliRunner().invoke(main, ["embed", str(out), "--url", "javascript:alert(1)"])
    assert bad.exit_code == 1 and "http(s)" in bad.output


def test_build_help_lists_every_layer_key() -> None:
    """The keys come from the shipped profile's file, not from constants in the code."""
    from mapgen.gazetteer import load_gazetteer
    from mapgen.pipeline import all_layer_keys
    from mapgen.profile import profile_for

    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    words = set(result.output.split())
    keys = set(all_layer_keys(profile_for(load_gazetteer())))
    assert len(keys) > 10 and keys <= words


def test_focus_outside_the_chosen_layers_warns(mini_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    args = ["build", "--gazetteer", str(mini_path), "--out", str(out), "--layers", "rivers", "--focus", "kimpo"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "--focus kimpo: its layer is not among --layers" in result.output


def test_build_with_texts_adds_passages_and_a_mentions_layer(tmp_path: Path) -> None:
    import json
    import re

    data = Path(__file__).parent / "data"
    out = tmp_path / "texts.html"
    result = CliRunner().invoke(
        main,
        [
            "-q",
            "build",
            "--gazetteer",
            str(data / "mention_places.geojson"),
            "--texts",
            str(data / "texts"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ mentions from 3 documents", result.output)
    html = out.read_text(encoding="utf-8")
    layers = {}
    for m in re.finditer(r"mapgen\.addPlaces\([^,]+, (\{.*?\}), (\{[^}]*\})\);", html):
        layers[json.loads(m.group(2))["key"]] = json.loads(m.group(1))
    assert "mentions" in layers
    feats = layers["mentions"]["features"]
    assert feats and all(f["geometry"]["type"] == "Point" for f in feats)
    assert any("<mark>" in f["properties"]["popup"] and "In the articles" in f["properties"]["popup"] for f in feats)
    # the report's sidecar gives its citation
    assert any("A. Tester (1999)" in f["properties"]["popup"] for fc in layers.values() for f in fc["features"])


def test_build_with_an_unreadable_text_still_writes_the_map_and_exits_1(tmp_path: Path, mini_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "good.txt").write_text("The pilots flew from Antung toward the Yalu.", encoding="utf-8")
    (texts / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    out = tmp_path / "m.html"
    result = CliRunner().invoke(
        main, ["-q", "build", "--gazetteer", str(mini_path), "--texts", str(texts), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "1 text(s) skipped" in result.output
    assert out.exists() and "2 mentions from 1 documents" in result.output


def test_overrides_without_texts_is_a_usage_error(mini_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--gazetteer", str(mini_path), "--overrides", "x.csv", "--out", str(tmp_path / "m.html")]
    )
    assert result.exit_code == 2 and "'--overrides': needs --texts" in result.output


def test_plain_build_is_self_contained_and_cdn_is_lighter(mini_path: Path, tmp_path: Path) -> None:
    from mapgen.assets import LEAFLET_JS_URL

    plain, light = tmp_path / "plain.html", tmp_path / "light.html"
    assert CliRunner().invoke(main, ["build", "--gazetteer", str(mini_path), "--out", str(plain)]).exit_code == 0
    assert (
        CliRunner().invoke(main, ["build", "--cdn", "--gazetteer", str(mini_path), "--out", str(light)]).exit_code == 0
    )
    page, cdn = plain.read_text(encoding="utf-8"), light.read_text(encoding="utf-8")
    assert "<script src=" not in page and LEAFLET_JS_URL not in page  # nothing to fetch: opens offline
    assert LEAFLET_JS_URL in cdn and len(cdn) < len(page) - 100_000


def test_build_says_its_result_once_and_verbosity_works_after_the_subcommand(mini_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    args = ["build", "--gazetteer", str(mini_path), "--out", str(out)]
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 0, plain.output
    assert plain.output.count(str(out)) == 1 and "places in" in plain.output  # one line, not a log and an echo
    for verbose in (["-v", *args], [*args, "-v"], [*args, "--verbose"]):
        loud = CliRunner().invoke(main, verbose)
        assert loud.exit_code == 0, loud.output
        assert "loaded 6 places" in loud.output and loud.output.count(str(out)) == 1, verbose
    debug = CliRunner().invoke(main, [*args, "-vv"])
    assert len(debug.output.splitlines()) > len(CliRunner().invoke(main, [*args, "-v"]).output.splitlines())
    for quiet in (["-q", *args], [*args, "-q"]):
        q = CliRunner().invoke(main, quiet)
        assert q.exit_code == 0 and q.output.strip().splitlines() == [q.output.strip()]  # only the result line


def test_mentions_and_validate_take_verbosity_after_the_subcommand(mini_path: Path) -> None:
    texts = Path(__file__).parent / "data" / "texts"
    r = CliRunner().invoke(main, ["mentions", str(texts), "--gazetteer", str(mini_path), "-q"])
    assert r.exit_code == 0, r.output
    assert CliRunner().invoke(main, ["validate", str(mini_path), "-v"]).exit_code == 0


def test_a_corpus_folder_readme_is_not_an_article(mini_path: Path, tmp_path: Path) -> None:
    texts = Path(__file__).parent / "data" / "texts"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in texts.iterdir():
        (corpus / f.name).write_bytes(f.read_bytes())
    (corpus / "README.md").write_text(
        "# About this folder\nThe texts come from Antung and Kimpo archives.\n", encoding="utf-8"
    )
    (corpus / "LICENSE.txt").write_text("Kimpo licence text, not an article.\n", encoding="utf-8")
    out = tmp_path / "m.html"
    r = CliRunner().invoke(
        main, ["build", "--gazetteer", str(mini_path), "--texts", str(corpus), "--out", str(out), "-v"]
    )
    assert r.exit_code == 0, r.output
    assert "from 3 documents" in r.output and "README.md: the folder's own documentation" in r.output
    named = CliRunner().invoke(main, ["mentions", str(corpus / "README.md"), "--gazetteer", str(mini_path)])
    assert named.exit_code == 0 and '"doc":"README"' in named.output.replace(" ", "")  # named explicitly: read


@pytest.mark.parametrize("command", ["build", "validate", "export", "embed", "handout", "mentions", "suggest"])
def test_every_command_takes_v_and_q_after_its_name(command: str) -> None:
    """The group's help promises it: -v and -q may also follow the subcommand."""
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "-q, --quiet" in result.output and "-v, --verbose" in result.output
