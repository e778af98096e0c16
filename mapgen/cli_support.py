"""The click plumbing every `mapgen` command shares: verbosity, error mapping, streams, options.

The commands themselves (mapgen.cli) only parse options and print what the
library returns. Here: how a :class:`~mapgen.errors.MapgenError` becomes a
message and exit 1 (an :class:`~mapgen.errors.OptionError` a usage error,
exit 2), how a closed stdout is reported, -v/-q on the group and every
subcommand, and the options several commands take in the same words.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import MapgenError, OptionError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES = """\b
Exit codes:
  0  success
  1  bad input or output (the message names the file, place and field)
  2  usage error (unknown option, missing argument)"""


def user_errors(func: F) -> F:
    """Print a MapgenError as a clean message and exit 1; bugs keep their traceback.

    An :class:`~mapgen.errors.OptionError` (a value the library refused, such as
    an unknown layer key or a zoom out of range) is a usage error of its option.

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
        except OptionError as exc:  # the library checked an option's value: a usage error (exit 2)
            raise click.BadParameter(str(exc), param_hint=f"'--{exc.option.replace('_', '-')}'") from None
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


def input_limit_option(func: F) -> F:
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


# -- options several commands share -------------------------------------------------------

_PATH = click.Path(readable=False, path_type=Path)


def gazetteer_option(
    help: str = "Gazetteer: mapgen GeoJSON, LPF (JSON or JSON Lines) or plain GeoJSON (default: the shipped one).",
) -> Callable[[F], F]:
    """--gazetteer PATH."""
    return click.option("--gazetteer", "gazetteer", type=_PATH, help=help)


def profile_option(
    help: str = "Map profile (TOML): title, view, layers... (default: NAME.profile.toml beside the gazetteer, else derived from its data).",
) -> Callable[[F], F]:
    """--profile PATH."""
    return click.option("--profile", "profile", type=_PATH, help=help)


def texts_option(help: str) -> Callable[[F], F]:
    """--texts PATH, repeatable."""
    return click.option("--texts", "texts", multiple=True, type=_PATH, metavar="PATH", help=help)


def overrides_option(help: str) -> Callable[[F], F]:
    """--overrides PATH (the curated CSV of mentions)."""
    return click.option("--overrides", "overrides", type=_PATH, help=help)


def strict_option(help: str = "Gazetteer warnings (detail lost) are errors: nothing is written.") -> Callable[[F], F]:
    """--strict."""
    return click.option("--strict", is_flag=True, help=help)


def comma_list(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    """'a, b,c' as ['a', 'b', 'c'] (an option callback); the library says whether the keys exist."""
    return None if value is None else [k.strip() for k in value.split(",") if k.strip()]


def exit_if_skipped(skipped: Any, what: str) -> None:
    """After the results: name how many inputs were skipped (each was reported) and exit 1."""
    if skipped:
        click.echo(f"mapgen: {len(skipped)} {what}", err=True)
        sys.exit(1)
