"""The `mapgen` command: a thin shell over the pipeline's functions.

Exit codes: 0 success; 1 a problem with the input or output (the message says
what to fix); 2 a usage error (unknown option, missing argument). Anything
else, with a traceback, is a bug: please report it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import MapgenError

# numpy's OpenBLAS starts a thread pool at import (0.07 s of every command here); mapgen does no linear
# algebra, and `mentions --jobs` already runs one process per core. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES = """\b
Exit codes:
  0  success
  1  bad input or output (the message names the file, place and field)
  2  usage error (unknown option, missing argument)"""


def _user_errors(func: F) -> F:
    """Print a MapgenError as a clean message and exit 1; bugs keep their traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MapgenError as exc:
            click.echo(f"mapgen: error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


#: Default: warnings, errors and progress on long work (documents read, speed); -q drops the
#: progress (only problems); -v adds what each step did, -vv debug detail.
PROGRESS_LOGGER = "mapgen.progress"


def _apply_verbosity(ctx: click.Context) -> None:
    """Set the log level from every -v/-q given, before or after the subcommand."""
    meta = ctx.find_root().meta
    verbose, quiet = meta.get("mapgen.verbose", 0), meta.get("mapgen.quiet", False)
    level = logging.WARNING if quiet or verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="mapgen: %(message)s", stream=sys.stderr, force=True)
    logging.getLogger(PROGRESS_LOGGER).setLevel(logging.WARNING if quiet else min(level, logging.INFO))


def _count_verbose(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    meta = ctx.find_root().meta
    meta["mapgen.verbose"] = meta.get("mapgen.verbose", 0) + (value or 0)
    _apply_verbosity(ctx)


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    meta = ctx.find_root().meta
    meta["mapgen.quiet"] = meta.get("mapgen.quiet", False) or bool(value)
    _apply_verbosity(ctx)


def verbosity(func: F) -> F:
    """-v/--verbose and -q/--quiet, accepted on the group and on every subcommand."""
    func = click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=_set_quiet,
        help="Only problems (warnings, errors) on stderr: no progress. Results still go to stdout.",
    )(func)
    func = click.option(
        "-v", "--verbose", count=True, expose_value=False, callback=_count_verbose,
        help="Say what each step did on stderr (-vv for debug detail).",
    )(func)
    return func


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@verbosity
@click.version_option(package_name="mapgen")
def main() -> None:
    """Turn a historical gazetteer, and the articles that discuss it, into a
    layered interactive Leaflet map.

    \b
    Start with:
      mapgen build                  # output/mig_alley.html, opens offline
      mapgen validate my.geojson    # check a gazetteer of your own
      mapgen mentions articles/     # the places named in your texts

    -v and -q may also follow the subcommand (mapgen build -v).
    """


@main.command(epilog=EXIT_CODES)
@verbosity
@click.argument("file", required=False, type=click.Path(dir_okay=True, path_type=Path))
@_user_errors
def validate(file: Path | None) -> None:
    """Check a gazetteer (default: the shipped data/places.geojson).

    Reports every problem at once, each with the file, the feature's id (or
    index) and field, what was expected and what was found.

    \b
    Example:
      mapgen validate data/places.geojson
    """
    from .gazetteer import default_gazetteer_path, validate_gazetteer

    path = file or default_gazetteer_path()
    problems = validate_gazetteer(path)
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        click.echo(f"{path}: {len(problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo(f"{path}: valid")


@main.command(epilog=EXIT_CODES)
@verbosity
@click.option("--gazetteer", "gazetteer", type=click.Path(path_type=Path), help="Gazetteer GeoJSON (default: the shipped one).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("output/mig_alley.html"), show_default=True, help="HTML file to write; its folder is created if missing.")
@click.option("--title", help="Title of the map page.")
@click.option("--layers", "layers", help="Comma-separated layer keys to include, e.g. 'mig-alley,communist-airbases'.")
@click.option("--focus", "focus", metavar="PLACE", help="Centre on this place id (e.g. 'suiho-dam') and open its popup.")
@click.option("--zoom", "zoom", type=click.IntRange(1, 18), metavar="N", help="Starting zoom, 1 (world) to 18 (street); default 6, or 8 with --focus.")
@click.option("--self-contained/--cdn", "self_contained", default=True, show_default=True, help="Self-contained (the default): Leaflet is inlined, so the one file opens with no network (USB stick, LMS, a school network that blocks CDNs). --cdn: a lighter page (about 170 kB less) that loads Leaflet from cdn.jsdelivr.net.")
@click.option("--texts", "texts", multiple=True, type=click.Path(path_type=Path), metavar="PATH", help="Article file or folder (.txt, .md, .html; sidecar NAME.json for the citation); repeat for more. Popups then list the passages and a 'Mentioned in the articles' layer appears.")
@click.option("--overrides", "overrides", type=click.Path(path_type=Path), help="With --texts: CSV doc,start,end,place_id that settles mentions context cannot.")
@click.option("--curated-only", is_flag=True, help="With --texts: only the gazetteer's places (no 'Other places the articles name' layer from GeoNames).")
@_user_errors
def build(gazetteer: Path | None, out: Path, title: str | None, layers: str | None, focus: str | None, zoom: int | None, self_contained: bool, texts: tuple[Path, ...], overrides: Path | None, curated_only: bool) -> None:
    """Build the map as one HTML file.

    \b
    Examples:
      mapgen build                                  # output/mig_alley.html, opens offline
      mapgen build --cdn --out output/light.html    # lighter, needs the network
      mapgen build --out lesson1.html --title "MiG Alley" --layers mig-alley,communist-airbases,un-airbases
      mapgen build --out suiho.html --title "The Suiho raid" --focus suiho-dam --zoom 8
      mapgen build --texts ../shared/corpus   # passages from the articles

    \b
    Layer keys for --layers:
      places   mig-alley communist-airbases un-airbases cities dams cemeteries
               battles rivers lines regions
               reference-places (towns, provinces, countries: only those the --texts name)
      analysis mig15-reach f86-reach contested uncertainty
      articles mentions open-world (with --texts)

    A text that cannot be read is reported and skipped; the map is still
    written from the others, and the exit code is then 1.
    """
    from .pipeline import ALL_LAYER_KEYS
    from .pipeline import build as run_build

    keys = None
    if layers:
        keys = [k.strip() for k in layers.split(",") if k.strip()]
        unknown = [k for k in keys if k not in ALL_LAYER_KEYS]
        if unknown:
            raise click.BadParameter(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(ALL_LAYER_KEYS)}", param_hint="--layers")
    if overrides and not texts:
        raise click.UsageError("--overrides needs --texts (it settles mentions found in the texts)")
    result = run_build(
        gazetteer, out, title=title, layers=keys, self_contained=self_contained, focus=focus, zoom=zoom,
        texts=texts, overrides=overrides, curated_only=curated_only,
    )
    joined = f", {result.mentions} mentions from {result.documents} documents" if texts else ""
    click.echo(f"{result.path}: {result.places} places in {result.layers} layers{joined}, {result.bytes / 1000:.0f} kB")
    if result.skipped:
        click.echo(f"mapgen: {len(result.skipped)} text(s) skipped or only partly read (see above); the map uses the others", err=True)
        sys.exit(1)


@main.command(epilog=EXIT_CODES)
@verbosity
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--title", help="The iframe's title (read by screen readers); default: the map page's <title>.")
@click.option("--url", help="Where the map will be published; default: FILE as given.")
@click.option("--height", default="70vh", show_default=True, help="Height of the frame (CSS length); its width is always 100%.")
@_user_errors
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


MENTIONS_EXIT_CODES = """\b
Exit codes:
  0  success
  1  a document or sidecar could not be used (named on stderr; the other
     documents' records are still printed), or bad input such as the
     gazetteer or the overrides file (nothing printed)
  2  usage error (unknown option, missing argument)"""


@main.command(epilog=MENTIONS_EXIT_CODES)
@verbosity
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--gazetteer", "gazetteer", type=click.Path(path_type=Path), help="Gazetteer GeoJSON (default: the shipped one).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True, help="One JSON object per line, or CSV with a header (alternatives as JSON).")
@click.option("--unknown", is_flag=True, help="Instead of mentions, report capitalised phrases after in/at/over/near/from/to... that match no place: candidates for the gazetteer.")
@click.option("--overrides", "overrides", type=click.Path(path_type=Path), help="CSV doc,start,end,place_id that settles spans context cannot (empty place_id: not a place).")
@click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: the cores available). The records are the same bytes, in the same order, for any N.")
@click.option("--curated-only", is_flag=True, help="Only the gazetteer's places: no open-world names placed from GeoNames.")
@_user_errors
def mentions(paths: tuple[Path, ...], gazetteer: Path | None, fmt: str, unknown: bool, overrides: Path | None, jobs: int | None, curated_only: bool) -> None:
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
    """
    import csv
    import time

    from . import schema as S
    from .errors import Problem
    from .gazetteer import load_place_names
    from .join import load_overrides
    from .parallel import UNKNOWN_FIELDS, MentionsJob, default_jobs, iter_outputs
    from .texts import iter_documents

    log = logging.getLogger("mapgen")
    names = load_place_names(gazetteer)  # names and points only: no geopandas, no pandas
    over = load_overrides(overrides, names) if overrides else None
    job = MentionsJob(names, over, fmt, unknown, curated_only)
    problems: list[Problem] = []
    out = sys.stdout
    if fmt == "csv":
        fields = UNKNOWN_FIELDS if unknown else S.MENTION_RECORD_FIELDS
        csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n").writeheader()
    t0 = last_report = time.monotonic()
    seen = {"docs": 0, "chars": 0}

    def documents() -> Iterator[Any]:
        for doc in iter_documents(paths, problems):
            seen["docs"] += 1
            seen["chars"] += len(doc.text)
            yield doc

    count = 0
    for text, n in iter_outputs(job, documents(), jobs or default_jobs()):
        out.write(text)
        count += n
        now = time.monotonic()
        if now - last_report >= 2.0 and now - t0 >= 3.0:  # progress only for runs over a few seconds
            last_report = now
            logging.getLogger(PROGRESS_LOGGER).info("%d documents, %.1f M characters, %d records (%.1f M chars/s)", seen["docs"], seen["chars"] / 1e6, count, seen["chars"] / 1e6 / (now - t0))
    log.debug("%d documents, %d records in %.1f s", seen["docs"], count, time.monotonic() - t0)
    if problems:
        click.echo(f"mapgen: {len(problems)} input(s) skipped or only partly read (see above); the other records were printed", err=True)
        sys.exit(1)


@main.command(epilog=MENTIONS_EXIT_CODES)
@verbosity
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--gazetteer", "gazetteer", type=click.Path(path_type=Path), help="Gazetteer GeoJSON (default: the shipped one).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="Write the drafts to this file (default: stdout).")
@_user_errors
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
    import json

    from .gazetteer import load_place_names
    from .suggest import suggest as run_suggest
    from .texts import iter_documents

    problems: list[Any] = []
    drafts = run_suggest(load_place_names(gazetteer), iter_documents(paths, problems))
    text = json.dumps(drafts, ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        from .render import save_html  # atomic write: nothing half-written on failure

        save_html(text, out)
        click.echo(f"{out}: {len(drafts['features'])} draft features", err=True)
    if problems:
        click.echo(f"mapgen: {len(problems)} input(s) skipped or only partly read (see above)", err=True)
        sys.exit(1)
