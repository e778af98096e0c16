"""The `mapgen` command: a thin shell over the pipeline's functions.

Exit codes: 0 success; 1 a problem with the input or output (the message says
what to fix); 2 a usage error (unknown option, missing argument). Anything
else, with a traceback, is a bug: please report it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from .cli_support import (
    EXIT_CODES,
    comma_list,
    exit_if_skipped,
    gazetteer_option,
    input_limit_option,
    overrides_option,
    profile_option,
    strict_option,
    texts_option,
    user_errors,
    verbosity,
)
from .errors import MapgenError

# numpy's OpenBLAS starts a thread pool at import (0.07 s of every command here); mapgen does no linear
# algebra, and `mentions --jobs` already runs one process per core. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@verbosity
@click.version_option(package_name="mapgen")
def main() -> None:
    """Turn a historical gazetteer, and the articles that discuss it, into a
    layered interactive Leaflet map.

    \b
    Start with:
      mapgen build                  # the shipped gazetteer's map in output/, opens offline
      mapgen validate my.geojson    # check a gazetteer of your own (LPF or GeoJSON)
      mapgen build --gazetteer my.geojson
      mapgen mentions articles/     # the places named in your texts
      mapgen handout                # the built map as a PDF, to print for a class
      mapgen export --format lpf --out my.lpf.json

    -v and -q may also follow the subcommand (mapgen build -v).
    """


VALIDATE_EXIT_CODES = """\b
Exit codes:
  0  the file can be mapped (warnings, if any, are printed)
  1  errors (or, with --strict, warnings); each names the file, place and field
  2  usage error (unknown option, missing argument)"""


@main.command(epilog=VALIDATE_EXIT_CODES)
@verbosity
@click.argument("file", required=False, type=click.Path(dir_okay=True, readable=False, path_type=Path))
@strict_option("Warnings (detail lost, such as a malformed 'when' or a missing citation) are errors too.")
@profile_option("Map profile whose categories and sides are checked (default: NAME.profile.toml beside the file).")
@input_limit_option
@user_errors
def validate(file: Path | None, strict: bool, profile: Path | None) -> None:
    """Check a gazetteer (default: the shipped data/places.geojson).

    Reads mapgen's own GeoJSON, Linked Places Format (JSON or JSON Lines, as
    WHG and other projects publish it) and plain GeoJSON. Reports every
    problem at once, each with the file, the feature's id (or index) and
    field, what was expected and what was found. Errors stop a map being
    made; warnings only lose detail (the place is still mapped).

    \b
    Examples:
      mapgen validate data/places.geojson
      mapgen validate ../shared/lpf/whg3-github_example.jsonld --strict
    """
    from .gazetteer import default_gazetteer_path, validate_gazetteer
    from .validation import ValidationReport

    path = file or default_gazetteer_path()
    report = ValidationReport(str(path), tuple(validate_gazetteer(path, profile)), strict)
    for line in report.lines():
        click.echo(line, err=True)
    click.echo(report.summary(), err=not report.ok)
    if not report.ok:
        sys.exit(1)


class _BuildCommand(click.Command):
    """`build --help` lists the layer keys of the shipped gazetteer's profile (data, not constants)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from .pipeline import default_profile_keys

        try:
            keys = default_profile_keys()
        except MapgenError as exc:  # a broken profile must not break --help
            keys = {}
            click.echo(f"mapgen: {exc}", err=True)
        with formatter.section(
            "Layer keys for --layers (from the shipped gazetteer's profile; another profile has its own)"
        ):
            formatter.write_dl([(kind, " ".join(ks)) for kind, ks in keys.items()])
        formatter.write_paragraph()
        formatter.write_text(
            "Exit codes: 0 success; 1 bad input or output (the message names the file, place and field); 2 usage error."
        )


@main.command(cls=_BuildCommand)
@verbosity
@gazetteer_option()
@profile_option()
@click.option(
    "--out",
    "out",
    type=click.Path(readable=False, path_type=str),
    help="HTML file to write, atomically; its folder is created if missing (default: output/ and the profile's name). Never an input of the run, a folder or a device; a symbolic link is followed (the file it points to is replaced).",
)
@click.option("--title", help="Title of the map page (default: the profile's).")
@click.option("--layers", "layers", callback=comma_list, help="Comma-separated layer keys to include (listed below).")
@click.option("--focus", "focus", metavar="PLACE", help="Centre on this place id and open its popup.")
@click.option(
    "--zoom",
    "zoom",
    type=int,
    metavar="N",
    help="Starting zoom, 1 (world) to 18 (street); default the profile's (or the data's bounds), 8 with --focus.",
)
@strict_option()
@click.option(
    "--self-contained/--cdn",
    "self_contained",
    default=True,
    show_default=True,
    help="Self-contained (the default): Leaflet is inlined, so the one file opens with no network (USB stick, LMS, a school network that blocks CDNs). --cdn: a lighter page (about 170 kB less) that loads Leaflet from cdn.jsdelivr.net.",
)
@texts_option(
    "Article file or folder (.txt, .md, .html; sidecar NAME.json for the citation); repeat for more. Popups then list the passages and a 'Mentioned in the articles' layer appears."
)
@overrides_option("With --texts: CSV doc,start,end,place_id that settles mentions context cannot.")
@click.option(
    "--curated-only",
    is_flag=True,
    help="With --texts: only the gazetteer's places (no 'Other places the articles name' layer from GeoNames, no fuzzy matches).",
)
@input_limit_option
@user_errors
def build(gazetteer: Path | None, out: str | None, **options: Any) -> None:
    """Build the map as one HTML file.

    The map's framing (title, About text, start view, time slider, layers)
    comes from the gazetteer's profile; with none, from the data itself: the
    view fits its places, the slider spans its dates, and its kinds of place
    (categories, LPF types or feature classes) become layers.

    \b
    Examples:
      mapgen build                                  # the shipped gazetteer's map, opens offline
      mapgen build --cdn --out output/light.html    # lighter, needs the network
      mapgen build --gazetteer ../shared/lpf/venice-1740-parishes.geojson --out venice.html
      mapgen build --out lesson1.html --title "Lesson 1" --layers KEY,KEY
      mapgen build --out one.html --focus PLACE_ID --zoom 8
      mapgen build --texts ../shared/corpus         # passages from the articles

    A text that cannot be read is reported and skipped; the map is still
    written from the others, and the exit code is then 1.
    """
    from .pipeline import build as run_build

    result = run_build(gazetteer, out, **options)  # the options' names are the library's
    click.echo(result.summary())
    exit_if_skipped(result.skipped, "text(s) skipped or only partly read (see above); the map uses the others")


@main.command(epilog=EXIT_CODES)
@verbosity
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["lpf", "geojson", "gpkg", "kml", "csv", "annotations"]),
    help="lpf: strict Linked Places (WHG uploads); geojson, gpkg: GIS; kml: Google Earth; csv: a spreadsheet; annotations: W3C Web Annotations of the mentions (Recogito).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(readable=False, path_type=Path),
    help="File to write (written whole or not at all).",
)
@gazetteer_option("Gazetteer: mapgen GeoJSON, LPF or plain GeoJSON (default: the shipped one).")
@profile_option("Map profile (default: NAME.profile.toml beside the gazetteer, else derived).")
@texts_option(
    "Article file or folder; repeat for more. gpkg adds a 'mentions' layer, csv lists the mentions, annotations needs it."
)
@strict_option()
@input_limit_option
@user_errors
def export(fmt: str, out: Path, gazetteer: Path | None, **options: Any) -> None:
    """Write the gazetteer in a format other tools read.

    \b
    lpf          every feature passes WHG's schema (lpf_v2.0); mapgen's own
                 members are kept, so the file also builds back into the map
    geojson      RFC 7946, flat typed properties
    gpkg         GeoPackage: layer 'places' (+ 'mentions' with --texts)
    kml          Google Earth: a folder per map layer, popups as descriptions
    csv          one row per place (per mention with --texts)
    annotations  W3C Web Annotations, one per mention (needs --texts)

    \b
    Examples:
      mapgen export --format lpf --out places.lpf.json
      mapgen export --format gpkg --out places.gpkg --texts ../shared/corpus
      mapgen export --format annotations --out mentions.jsonld --texts ../shared/corpus
    """
    from .export import export_file

    result = export_file(fmt, out, gazetteer, **options)
    click.echo(result.summary())
    exit_if_skipped(result.skipped, "text(s) skipped or only partly read (see above)")


@main.command(epilog=EXIT_CODES)
@verbosity
@click.argument("file", type=click.Path(readable=False, path_type=Path))
@click.option("--title", help="The iframe's title (read by screen readers); default: the map page's <title>.")
@click.option("--url", help="Where the map will be published; default: FILE as given.")
@click.option(
    "--height", default="70vh", show_default=True, help="Height of the frame (CSS length); its width is always 100%."
)
@input_limit_option
@user_errors
def embed(file: Path, title: str | None, url: str | None, height: str) -> None:
    """Print an iframe snippet that embeds a built map in an LMS or web page.

    The frame takes the full width of its column, allows full screen, and
    carries a title so screen readers announce what it contains.

    \b
    Example:
      mapgen build --out lesson1.html
      mapgen embed lesson1.html --url https://school.example/maps/lesson1.html
    """
    from .embed import embed_snippet

    click.echo(embed_snippet(file, title=title, url=url, height=height))


@main.command(epilog=EXIT_CODES)
@verbosity
@click.argument("map_file", metavar="[MAP]", required=False, type=click.Path(readable=False, path_type=Path))
@click.option(
    "--out", "out", type=click.Path(readable=False, path_type=Path), help="PDF to write; default: MAP with .pdf."
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "--view",
    default="",
    metavar="HASH",
    help="What page 1 shows, as a share link's hash: '#map=7/40.1/124.5&layers=cities,rivers,offline-land&date=1951-11'.",
)
@user_errors
def handout(map_file: Path | None, out: Path | None, paper: str, view: str) -> None:
    """Print a built map to a PDF handout for a class.

    Page 1 is the map as the page shows it (its labels, legend and scale);
    then every place shown, with its names, dates, events, passages and
    citations; then the sources and how to cite the map. It is what Ctrl+P
    prints from the page, made by the Chromium on this machine (offline: tiles
    are left out, the offline land shows). MAP defaults to what a plain
    `mapgen build` writes, and must be self-contained (built without --cdn).

    \b
    Examples:
      mapgen build && mapgen handout                       # beside the map, as .pdf
      mapgen handout output/suiho.html --paper letter
      mapgen handout --view '#map=8/40.1/124.5&layers=cities,rivers,offline-land&date=1951-11'
    """
    from .handout import write_handout
    from .pipeline import default_map_path

    src = map_file or default_map_path()
    path = write_handout(src, out, paper=paper, view=view)
    paper_name = paper.upper() if paper == "a4" else "Letter"
    click.echo(f"{path}: handout of {src} ({paper_name}), {path.stat().st_size / 1000:.0f} kB")


MENTIONS_EXIT_CODES = """\b
Exit codes:
  0  success
  1  a document or sidecar could not be used (named on stderr; the other
     documents' records are still printed), or bad input such as the
     gazetteer or the overrides file (nothing printed)
  2  usage error (unknown option, missing argument)"""


@main.command(epilog=MENTIONS_EXIT_CODES)
@verbosity
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@gazetteer_option("Gazetteer GeoJSON (default: the shipped one).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="One JSON object per line, or CSV with a header (alternatives as JSON).",
)
@click.option(
    "--unknown",
    is_flag=True,
    help="Instead of mentions, report capitalised phrases after in/at/over/near/from/to... that match no place: candidates for the gazetteer.",
)
@overrides_option("CSV doc,start,end,place_id that settles spans context cannot (empty place_id: not a place).")
@click.option(
    "-j",
    "--jobs",
    "jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes (default: the cores available). The records are the same bytes, in the same order, for any N.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run on a Dask cluster: 'local' starts one on this machine (--jobs workers), or a scheduler address such as tcp://10.0.0.5:8786. Needs pip install \"mapgen[dask]\"; every worker must see PATHS at the same place.",
)
@click.option(
    "--curated-only",
    is_flag=True,
    help="Only the gazetteer's places: no open-world names placed from GeoNames, no fuzzy matches.",
)
@input_limit_option
@user_errors
def mentions(
    paths: tuple[Path, ...],
    gazetteer: Path | None,
    fmt: str,
    unknown: bool,
    overrides: Path | None,
    jobs: int | None,
    dask_address: str | None,
    curated_only: bool,
) -> None:
    """Find the gazetteer's places in article texts, one record per mention.

    PATHS are .txt, .md or .html files, or folders searched for them (sorted).
    A sidecar NAME.json beside NAME.txt gives title, author, date, url.
    Records go to stdout in document order with the fields doc, start, end
    (character offsets into the decoded text: text[start:end] is the name as
    written, line breaks included), text, place_id, lon, lat, sentence, date,
    date_precision, confidence and alternatives. A file that cannot be read is
    reported on stderr and skipped; the others are still processed and the
    exit code is then 1.

    \b
    Examples:
      mapgen mentions ../shared/corpus
      mapgen mentions article.txt --format csv > mentions.csv
      mapgen mentions articles/ --unknown        # names to add to the gazetteer
      mapgen mentions archive/ --jobs 8 > mentions.jsonl
      mapgen mentions /shared/archive --dask tcp://scheduler:8786 > mentions.jsonl
    """
    from .mentions_writer import write_mentions

    run = write_mentions(
        paths,
        sys.stdout,
        gazetteer=gazetteer,
        fmt=fmt,
        unknown=unknown,
        overrides=overrides,
        jobs=jobs,
        dask=dask_address,
        curated_only=curated_only,
    )
    if run.problems:
        click.echo(
            f"mapgen: {len(run.problems)} input(s) skipped or only partly read (see above); the other records were printed",
            err=True,
        )
        sys.exit(1)


@main.command(epilog=MENTIONS_EXIT_CODES)
@verbosity
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--gazetteer", "gazetteer", type=click.Path(path_type=Path), help="Gazetteer GeoJSON (default: the shipped one)."
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the drafts to this file (default: stdout).",
)
@user_errors
def suggest(paths: tuple[Path, ...], gazetteer: Path | None, out: Path | None) -> None:
    """List the places the texts name that the gazetteer lacks, as draft gazetteer features.

    Prints a GeoJSON FeatureCollection in the gazetteer's own shape: for each
    place found through GeoNames (the open-world tier) its coordinates,
    GeoNames id and link, the forms the texts use and the passages that name
    it; for feature phrases the gazetteer cannot place ("Sea of X") and for
    capitalised names after in/at/near/from... that match nothing, a draft
    with no point. Most mentioned first. Review each one, describe it in your
    own words, cite a source, delete its "mentions" member, and paste it into
    the gazetteer.

    \b
    Examples:
      mapgen suggest ../shared/corpus-dev
      mapgen suggest articles/ --out drafts.geojson
    """
    from .suggest import write_suggestions

    run = write_suggestions(paths, sys.stdout if out is None else out, gazetteer=gazetteer)
    if out is not None:
        click.echo(f"{out}: {len(run.drafts['features'])} draft features", err=True)
    if run.problems:
        click.echo(f"mapgen: {len(run.problems)} input(s) skipped or only partly read (see above)", err=True)
        sys.exit(1)
