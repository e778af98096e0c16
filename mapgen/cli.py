"""The `mapgen` command: a thin shell over the pipeline's functions.

Exit codes: 0 success; 1 a problem with the input or output (the message says
what to fix); 2 a usage error (unknown option, missing argument). Anything
else, with a traceback, is a bug: please report it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
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
    """Print a MapgenError as a clean message and exit 1; bugs keep their traceback.

    A closed or full standard output (``mapgen mentions | head``, ``> /dev/full``)
    is a message too, never a traceback.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _utf8_streams()
        try:
            try:
                return func(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except MapgenError as exc:
            click.echo(f"mapgen: error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            _silence_stdout()
            click.echo("mapgen: error: standard output was closed before all records were written", err=True)
            sys.exit(1)
        except OSError as exc:
            if not _is_stdout_error(exc):
                raise
            _silence_stdout()
            click.echo(f"mapgen: error: cannot write to standard output ({exc.strerror or exc})", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _is_stdout_error(exc: OSError) -> bool:
    """An error from writing or flushing stdout (its traceback ends in a write of ours, not a read)."""
    import errno

    return exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT) and exc.filename is None


def _silence_stdout() -> None:
    """After a failed write to stdout, point it at /dev/null so Python's final flush stays quiet."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _utf8_streams() -> None:
    """Records are UTF-8 whatever the locale; messages never fail on a character the locale lacks."""
    import contextlib

    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _input_limit(func: F) -> F:
    """``--max-input-mb``: the per-file input limit (see mapgen.inputs) for one command."""

    @click.option(
        "--max-input-mb",
        "max_input_mb",
        type=click.FloatRange(min=0, min_open=True),
        metavar="MB",
        help="Refuse any input file larger than this (default 256 MB, or $MAPGEN_MAX_INPUT_MB). Only regular files are read, or '-' for standard input.",
    )
    @wraps(func)
    def wrapper(*args: Any, max_input_mb: float | None = None, **kwargs: Any) -> Any:
        from .inputs import input_limit

        with input_limit(max_input_mb):
            return func(*args, **kwargs)

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
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_quiet,
        help="Only problems (warnings, errors) on stderr: no progress. Results still go to stdout.",
    )(func)
    func = click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_count_verbose,
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
@click.option(
    "--strict",
    is_flag=True,
    help="Warnings (detail lost, such as a malformed 'when' or a missing citation) are errors too.",
)
@click.option(
    "--profile",
    "profile",
    type=click.Path(readable=False, path_type=Path),
    help="Map profile whose categories and sides are checked (default: NAME.profile.toml beside the file).",
)
@_input_limit
@_user_errors
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

    path = file or default_gazetteer_path()
    problems = validate_gazetteer(path, profile)
    for p in problems:
        click.echo(("warning: " if p.is_warning else "error: ") + str(p), err=True)
    errors = [p for p in problems if not p.is_warning]
    warnings = len(problems) - len(errors)
    if errors or (strict and warnings):
        n = len(errors) + (warnings if strict else 0)
        click.echo(
            f"{path}: {n} problem(s) found: {len(errors)} error(s), {warnings} warning(s){' (--strict: warnings count as errors)' if strict and warnings else ''}",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{path}: valid" + (f", with {warnings} warning(s) (detail lost; see above)" if warnings else ""))


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
@click.option(
    "--gazetteer",
    "gazetteer",
    type=click.Path(readable=False, path_type=Path),
    help="Gazetteer: mapgen GeoJSON, LPF (JSON or JSON Lines) or plain GeoJSON (default: the shipped one).",
)
@click.option(
    "--profile",
    "profile",
    type=click.Path(readable=False, path_type=Path),
    help="Map profile (TOML): title, view, layers... (default: NAME.profile.toml beside the gazetteer, else derived from its data).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(readable=False, path_type=str),
    help="HTML file to write, atomically; its folder is created if missing (default: output/ and the profile's name). Never an input of the run, a folder or a device; a symbolic link is followed (the file it points to is replaced).",
)
@click.option("--title", help="Title of the map page (default: the profile's).")
@click.option("--layers", "layers", help="Comma-separated layer keys to include (listed below).")
@click.option("--focus", "focus", metavar="PLACE", help="Centre on this place id and open its popup.")
@click.option(
    "--zoom",
    "zoom",
    type=click.IntRange(1, 18),
    metavar="N",
    help="Starting zoom, 1 (world) to 18 (street); default the profile's (or the data's bounds), 8 with --focus.",
)
@click.option("--strict", is_flag=True, help="Gazetteer warnings (detail lost) are errors: nothing is written.")
@click.option(
    "--self-contained/--cdn",
    "self_contained",
    default=True,
    show_default=True,
    help="Self-contained (the default): Leaflet is inlined, so the one file opens with no network (USB stick, LMS, a school network that blocks CDNs). --cdn: a lighter page (about 170 kB less) that loads Leaflet from cdn.jsdelivr.net.",
)
@click.option(
    "--texts",
    "texts",
    multiple=True,
    type=click.Path(readable=False, path_type=Path),
    metavar="PATH",
    help="Article file or folder (.txt, .md, .html; sidecar NAME.json for the citation); repeat for more. Popups then list the passages and a 'Mentioned in the articles' layer appears.",
)
@click.option(
    "--overrides",
    "overrides",
    type=click.Path(readable=False, path_type=Path),
    help="With --texts: CSV doc,start,end,place_id that settles mentions context cannot.",
)
@click.option(
    "--curated-only",
    is_flag=True,
    help="With --texts: only the gazetteer's places (no 'Other places the articles name' layer from GeoNames, no fuzzy matches).",
)
@_input_limit
@_user_errors
def build(
    gazetteer: Path | None,
    profile: Path | None,
    out: str | None,
    title: str | None,
    layers: str | None,
    focus: str | None,
    zoom: int | None,
    strict: bool,
    self_contained: bool,
    texts: tuple[Path, ...],
    overrides: Path | None,
    curated_only: bool,
) -> None:
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

    keys = None
    if layers is not None:
        keys = [k.strip() for k in layers.split(",") if k.strip()]
        if not keys:
            raise click.BadParameter(
                "names no layer; give layer keys separated by commas (see below)", param_hint="--layers"
            )
    if overrides and not texts:
        raise click.UsageError("--overrides needs --texts (it settles mentions found in the texts)")
    try:
        result = run_build(
            gazetteer,
            out,
            title=title,
            layers=keys,
            self_contained=self_contained,
            focus=focus,
            zoom=zoom,
            texts=texts,
            overrides=overrides,
            profile=profile,
            strict=strict,
            curated_only=curated_only,
        )
    except MapgenError as exc:
        if keys and str(exc).startswith("unknown layer(s)"):
            raise click.BadParameter(str(exc), param_hint="--layers") from None
        raise
    joined = f", {result.mentions} mentions from {result.documents} documents" if texts else ""
    click.echo(f"{result.path}: {result.places} places in {result.layers} layers{joined}, {result.bytes / 1000:.0f} kB")
    if result.skipped:
        click.echo(
            f"mapgen: {len(result.skipped)} text(s) skipped or only partly read (see above); the map uses the others",
            err=True,
        )
        sys.exit(1)


@main.command(epilog=EXIT_CODES)
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
@click.option(
    "--gazetteer",
    "gazetteer",
    type=click.Path(readable=False, path_type=Path),
    help="Gazetteer: mapgen GeoJSON, LPF or plain GeoJSON (default: the shipped one).",
)
@click.option(
    "--profile",
    "profile",
    type=click.Path(readable=False, path_type=Path),
    help="Map profile (default: NAME.profile.toml beside the gazetteer, else derived).",
)
@click.option(
    "--texts",
    "texts",
    multiple=True,
    type=click.Path(readable=False, path_type=Path),
    metavar="PATH",
    help="Article file or folder; repeat for more. gpkg adds a 'mentions' layer, csv lists the mentions, annotations needs it.",
)
@click.option("--strict", is_flag=True, help="Gazetteer warnings (detail lost) are errors: nothing is written.")
@_input_limit
@_user_errors
def export(
    fmt: str, out: Path, gazetteer: Path | None, profile: Path | None, texts: tuple[Path, ...], strict: bool
) -> None:
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
    from .export import export as run_export
    from .gazetteer import load_gazetteer
    from .outputs import check_output
    from .profile import profile_for

    gaz = load_gazetteer(gazetteer, strict=strict, profile=profile)
    named = [(gaz.path, "the gazetteer"), *((t, "a --texts input") for t in texts)]
    check_output(out, [*named, *([(profile, "the map profile")] if profile else [])], example=f"places.{fmt}")
    path, problems = run_export(fmt, out, gaz, texts=texts, profile=profile_for(gaz, profile))
    click.echo(
        f"{path}: {fmt}, {len(gaz.places)} places{f' ({len(gaz.unlocated)} not located)' if gaz.unlocated else ''}, {path.stat().st_size / 1000:.0f} kB"
    )
    if problems:
        click.echo(f"mapgen: {len(problems)} text(s) skipped or only partly read (see above)", err=True)
        sys.exit(1)


@main.command(epilog=EXIT_CODES)
@verbosity
@click.argument("file", type=click.Path(readable=False, path_type=Path))
@click.option("--title", help="The iframe's title (read by screen readers); default: the map page's <title>.")
@click.option("--url", help="Where the map will be published; default: FILE as given.")
@click.option(
    "--height", default="70vh", show_default=True, help="Height of the frame (CSS length); its width is always 100%."
)
@_input_limit
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
@_user_errors
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

    if map_file is None:
        from .gazetteer import default_gazetteer_path
        from .pipeline import default_out
        from .profile import Profile, profile_path_for, read_profile

        pp = profile_path_for(default_gazetteer_path())
        map_file = default_out(read_profile(pp) if pp else Profile())
    src = map_file
    if out is not None:
        from .outputs import check_output

        check_output(out, [(src, "the map")], example="handout.pdf")
    path = write_handout(src, out, paper=paper, view=view)
    click.echo(
        f"{path}: handout of {src} ({paper.upper() if paper == 'a4' else 'Letter'}), {path.stat().st_size / 1000:.0f} kB"
    )


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
@click.option(
    "--gazetteer",
    "gazetteer",
    type=click.Path(readable=False, path_type=Path),
    help="Gazetteer GeoJSON (default: the shipped one).",
)
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
@click.option(
    "--overrides",
    "overrides",
    type=click.Path(readable=False, path_type=Path),
    help="CSV doc,start,end,place_id that settles spans context cannot (empty place_id: not a place).",
)
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
@_input_limit
@_user_errors
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
    from .suggest import write_suggestions

    run = write_suggestions(paths, sys.stdout if out is None else out, gazetteer=gazetteer)
    if out is not None:
        click.echo(f"{out}: {len(run.drafts['features'])} draft features", err=True)
    if run.problems:
        click.echo(f"mapgen: {len(run.problems)} input(s) skipped or only partly read (see above)", err=True)
        sys.exit(1)
