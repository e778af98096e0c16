"""Reading an input file: only regular files (or an explicit ``-``), never more than a limit.

Every input mapgen reads (gazetteer, profile, texts, sidecars, overrides, the
map that ``embed`` and ``handout`` read) comes through :func:`read_input` (UTF-8
ones through :func:`read_text_input`, which also decodes them), so none of them can make
mapgen read without end: ``/dev/zero``, a FIFO nobody closes, ``/dev/stdin``
fed forever or a 20 GB file are refused with a message that says why and how
to raise the limit, before memory grows.

- A device, FIFO, socket or folder is refused (it is checked on the open
  descriptor, so a name swapped after the check is caught too). ``-`` reads
  standard input, which is then the only exception to "regular files only".
- The limit is :data:`DEFAULT_LIMIT_MB` MB per file, raised (or lowered) by
  ``--max-input-mb`` on the command line, ``$MAPGEN_MAX_INPUT_MB``, or
  :func:`input_limit` from Python. At most ``limit + 1`` bytes are ever read.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from importlib import resources

from .errors import MapgenError, Problem
from .outputs import file_kind

#: Per-file input limit in MB (10^6 bytes) unless raised.
DEFAULT_LIMIT_MB = 256
#: Environment variable that sets the limit (in MB) for every command.
LIMIT_ENV = "MAPGEN_MAX_INPUT_MB"
#: Sidecar metadata files are small by nature: a larger one is refused whatever the limit.
SIDECAR_LIMIT_BYTES = 1_000_000
STDIN = "-"

_limit: ContextVar[int | None] = ContextVar("mapgen_input_limit", default=None)
_CHUNK = 1 << 20


class InputError(MapgenError):
    """An input file that cannot be read as asked; callers re-raise it as their own error kind."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(Problem(path, "", "", reason))


def max_input_bytes() -> int:
    """The limit in force: :func:`input_limit`, else ``$MAPGEN_MAX_INPUT_MB``, else the default."""
    set_here = _limit.get()
    if set_here is not None:
        return set_here
    env = os.environ.get(LIMIT_ENV, "").strip()
    if env:
        try:
            return _mb(float(env))
        except ValueError:
            raise MapgenError(f"${LIMIT_ENV}={env!r}: expected a number of MB such as 1024") from None
    return _mb(DEFAULT_LIMIT_MB)


@contextlib.contextmanager
def input_limit(mb: float | None, *, limit_bytes: int | None = None) -> Iterator[None]:
    """Read inputs of up to ``mb`` MB (or exactly ``limit_bytes``) inside the block (``None``: leave the limit as it is)."""
    token = _limit.set(limit_bytes if limit_bytes is not None else _mb(mb) if mb is not None else _limit.get())
    try:
        yield
    finally:
        _limit.reset(token)


def read_input(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The bytes of one input file, refusing non-regular files and anything over the limit.

    Parameters
    ----------
    path
        A file, or ``"-"`` for standard input.
    limit
        Maximum size in bytes; default :func:`max_input_bytes`.

    Raises
    ------
    InputError
        Missing, not a regular file, unreadable or too large (the message says which).
    """
    cap = max_input_bytes() if limit is None else limit
    name = os.fspath(path)
    if name == STDIN:
        return _read_capped(sys.stdin.buffer.read, "standard input", cap)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({_reason(exc)})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, "is a directory; expected a file")
        if not stat.S_ISREG(mode):
            raise InputError(
                name, f"is {file_kind(mode)}, not a regular file; pass a file, or '-' to read standard input"
            )
        fh = os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise
    with fh:
        try:
            return _read_capped(fh.read, name, cap)
        except OSError as exc:
            raise InputError(name, f"cannot be read ({_reason(exc)})") from None


def read_text_input(path: str | os.PathLike[str], *, limit: int | None = None, kind: str = "text") -> str:
    """An input file as UTF-8 text (a byte-order mark dropped): :func:`read_input`, then one decoding.

    Every UTF-8 input (gazetteer, profile, overrides, sidecars, a built map) is
    read here, so they fail the same way: an :class:`InputError` whose reason
    says what was wrong, e.g. "is not UTF-8 text (bad byte at offset 12); a
    profile must be UTF-8" (``kind`` names what the file should be).
    """
    raw = read_input(path, limit=limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            os.fspath(path), f"is not UTF-8 text (bad byte at offset {exc.start}); {_a(kind)} must be UTF-8"
        ) from None


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def package_text(*parts: str) -> str | None:
    """One of mapgen's own files (package data such as ``"data", "labels.toml"``), or None if not installed.

    Package data is ours, small and trusted: read whole, as UTF-8, with no limit.
    """
    f = resources.files("mapgen").joinpath(*parts)
    return f.read_text(encoding="utf-8") if f.is_file() else None


def package_lines(*parts: str) -> list[str]:
    """A word list of mapgen's own data: its lines, stripped, blank and ``#`` comment lines left out."""
    text = package_text(*parts)
    if text is None:
        raise MapgenError(f"mapgen/{'/'.join(parts)}: missing from this install of mapgen; reinstall it")
    return [x.strip() for x in text.splitlines() if x.strip() and not x.lstrip().startswith("#")]


def read_input_prefix(path: str | os.PathLike[str], size: int) -> bytes:
    """The first ``size`` bytes of a regular file (b"" for anything else)."""
    with contextlib.suppress(OSError), open(path, "rb") as fh:
        if stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return fh.read(size)
    return b""


def describe_limit(limit: int) -> str:
    """'256 MB' for messages."""
    mb = limit / 1e6
    return f"{mb:.0f} MB" if mb >= 1 else f"{limit} bytes"


def _read_capped(read: object, name: str, cap: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, cap + 1 - total))  # type: ignore[operator]
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > cap:
            raise InputError(
                name,
                f"larger than the input limit of {describe_limit(cap)}; raise it with --max-input-mb "
                f"(or ${LIMIT_ENV}) if this file is meant to be that large",
            )
    return b"".join(parts)


def _mb(mb: float) -> int:
    if not mb > 0:
        raise MapgenError(f"input limit {mb!r} MB: expected a positive number of MB")
    return int(mb * 1_000_000)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
