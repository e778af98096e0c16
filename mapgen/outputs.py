"""Writing an output file without ever losing data.

Every file mapgen writes goes through :func:`write_text_atomic` (or, for a
writer that needs a path of its own such as GDAL or Chromium's PDF printer,
:func:`write_file_atomic`), which first asks :func:`check_output` whether the
path may be written at all:

- the path must name a file: not a folder, not ``newdir/`` (a trailing slash
  names a folder), not a name longer than the file system allows;
- it must be missing or a *regular* file: a device node, a FIFO or a socket
  is refused, never replaced;
- it must not be one of the run's own inputs (the gazetteer, a text, the
  overrides file), compared by resolved path and by inode, so a hard link or
  a second name for the same file is caught too;
- a symbolic link is followed: the file it points at is replaced (its mode
  kept) and the link stays a link. The checks above apply to that file.

The text is written to an anonymous temporary file in the target's folder
(``O_TMPFILE`` where the system has it, so a killed build leaves nothing
behind; elsewhere a short hidden ``.mapgen-*.tmp`` name, removed on any
error), flushed to disk and renamed over the target in one step: a reader
sees the old file or the new one, never half of either. An existing file
keeps its permission bits; a new one gets the usual ``0o666 & ~umask``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError, Problem

#: Every map carries this in its <head>, so a texts folder never reads a map back as an article.
GENERATOR_META = '<meta name="generator" content="mapgen">'

#: How an input is named in a refusal ("the gazetteer", "a text"...), by path.
NamedInputs = Iterable[tuple[str | os.PathLike[str], str]]

_KINDS = {
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISFIFO: "a named pipe (FIFO)",
    stat.S_ISSOCK: "a socket",
    stat.S_ISDIR: "a directory",
}


def file_kind(mode: int) -> str:
    """'a directory', 'a named pipe (FIFO)'...: what a non-regular file is, for messages."""
    for test, name in _KINDS.items():
        if test(mode):
            return name
    return "not a regular file"


def check_output(out: str | os.PathLike[str], inputs: NamedInputs = (), *, example: str = "map.html") -> Path:
    """The file that writing ``out`` would replace, after refusing every unsafe case.

    Parameters
    ----------
    out
        The output path as the user gave it (a trailing ``/`` is significant).
    inputs
        ``(path, role)`` pairs: the files this run reads. Writing over any of
        them is refused. A folder among them (``--texts folder``) refuses an
        existing file inside it that the folder's reader would take as a text.
    example
        A file name suggested in the messages.

    Returns
    -------
    Path
        The real target (a symbolic link resolved).

    Raises
    ------
    OutputError
        With the reason and what to do instead.
    """
    raw = os.fspath(out)
    if raw in ("", ".", "..") or raw.endswith((os.sep, "/")):
        raise OutputError(f"{raw!r}: names a folder; give a file name such as {os.path.join(raw or '.', example)}")
    path = Path(raw)
    _check_name(raw, path)
    try:
        target = path.resolve() if path.is_symlink() else path.absolute()
    except (OSError, RuntimeError) as exc:  # a symlink loop, a folder that cannot be searched
        raise _refused(raw, f"cannot follow this symbolic link ({_reason(exc)})") from None
    _check_name(raw, target)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refused(raw, f"cannot be checked before writing ({_reason(exc)})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise _refused(raw, f"is a directory; give a file name such as {path / example}")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise _refused(raw, f"is {file_kind(st.st_mode)}, not a regular file; mapgen only writes regular files")
    for given, role in inputs:
        _refuse_input(raw, target, st, Path(given), role)
    return target


def write_text_atomic(
    text: str, out: str | os.PathLike[str], inputs: NamedInputs = (), *, example: str = "map.html"
) -> Path:
    """Write ``text`` as UTF-8 to ``out`` atomically (see the module docstring).

    Returns the path as given. Raises :class:`~mapgen.errors.OutputError` for an
    unsafe target or a failed write (full disk, read-only folder); the previous
    file is then unchanged and no temporary file is left.
    """
    target, mode = _prepare(out, inputs, example)
    fd, tmp = _open_temp(target.parent, out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
            if tmp is None:  # anonymous: give it a name only now, when it is complete
                tmp = _link_anonymous(fh.fileno(), target.parent)
        os.replace(tmp, target)
    except BaseException as exc:
        _abandon(tmp, out, exc)
        raise
    return Path(out)


def write_file_atomic(
    out: str | os.PathLike[str],
    write: Callable[[Path], None],
    inputs: NamedInputs = (),
    *,
    example: str = "map.html",
) -> Path:
    """Like :func:`write_text_atomic`, for a writer that needs a path of its own (GDAL, Chromium's PDF).

    ``write`` is called with a hidden temporary path beside ``out`` (missing:
    the writer creates it, with ``out``'s suffix); the finished file is then
    flushed, given ``out``'s mode and renamed over it. Whatever ``write``
    raises leaves the previous file as it was and no temporary file behind.
    """
    target, mode = _prepare(out, inputs, example)
    tmp = _temp_name(target.parent, out, target.suffix or ".tmp")
    try:
        write(Path(tmp))
        os.chmod(tmp, mode)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:
        _abandon(tmp, out, exc)
        raise
    return Path(out)


# -- helpers -----------------------------------------------------------------


def _prepare(out: str | os.PathLike[str], inputs: NamedInputs, example: str) -> tuple[Path, int]:
    """The checked target (its folder created) and the mode the new file gets: the old one's, else the umask's."""
    target = check_output(out, inputs, example=example)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refused(folder, f"cannot create the output folder ({_reason(exc)})") from None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    return target, mode


def _abandon(tmp: str | None, out: str | os.PathLike[str], exc: BaseException) -> None:
    """Remove the temporary file of a failed write; raise an OSError or encoding error as an OutputError."""
    if tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    if isinstance(exc, OSError):
        raise _refused(
            os.fspath(out), f"could not be written ({_reason(exc)}); the previous file, if any, is unchanged"
        ) from None
    if isinstance(exc, UnicodeEncodeError):
        raise _refused(
            os.fspath(out), f"the text holds a character UTF-8 cannot encode ({exc.reason}); nothing was written"
        ) from None


def _temp_name(folder: Path, out: str | os.PathLike[str], suffix: str = ".tmp") -> str:
    """A short hidden name in ``folder`` that nothing else uses (reserved, then freed for the writer)."""
    for _ in range(8):
        tmp = folder / f".mapgen-{secrets.token_hex(4)}{suffix}"  # short: a long --out name still fits
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        except OSError as exc:
            raise _refused(os.fspath(out), f"cannot write in {folder} ({_reason(exc)})") from None
        os.unlink(tmp)  # some writers (GDAL) want to create the file themselves
        return str(tmp)
    raise _refused(os.fspath(out), f"no free temporary name in {folder}")


def _refuse_input(raw: str, target: Path, st: os.stat_result | None, given: Path, role: str) -> None:
    try:
        real = given.resolve()
        ist = os.stat(given)
    except (OSError, RuntimeError):
        return  # an input that cannot be found is reported by its reader
    same = real == target.resolve() or (st is not None and (ist.st_dev, ist.st_ino) == (st.st_dev, st.st_ino))
    if same:
        raise _refused(raw, f"is {role} of this run ({given}); writing there would destroy it. Choose another --out")
    if stat.S_ISDIR(ist.st_mode) and st is not None and target.resolve().is_relative_to(real):
        from .texts import would_read  # lazy: texts is a reader, outputs a leaf for the others

        if would_read(target):
            raise _refused(
                raw,
                f"is a text inside {given}, {role} of this run; writing the map there would replace it. Choose another --out",
            )


def _open_temp(folder: Path, out: str | os.PathLike[str]) -> tuple[int, str | None]:
    """An O_TMPFILE descriptor (nothing to clean up) or a short hidden temporary name."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            return os.open(folder, flag | os.O_WRONLY, 0o600), None
    tmp = folder / f".mapgen-{secrets.token_hex(4)}.tmp"  # short: a long --out name still fits
    try:
        return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(tmp)
    except OSError as exc:
        raise _refused(os.fspath(out), f"cannot write in {folder} ({_reason(exc)})") from None


def _link_anonymous(fd: int, folder: Path) -> str:
    """Give the finished O_TMPFILE file a (hidden, temporary) name: linkat(AT_SYMLINK_FOLLOW)."""
    dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for _ in range(8):
            name = f".mapgen-{secrets.token_hex(4)}.tmp"
            try:
                # a dir_fd makes CPython call linkat, which follows the /proc link to the open file
                os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=True)
            except FileExistsError:
                continue
            return str(folder / name)
    finally:
        os.close(dfd)
    raise FileExistsError(f"no free temporary name in {folder}")


def _check_name(raw: str, path: Path) -> None:
    name_max = _name_max(path.parent)
    if len(os.fsencode(path.name)) > name_max:
        raise _refused(
            raw, f"the file name is longer than this file system allows ({name_max} bytes); choose a shorter name"
        )


def _name_max(folder: Path) -> int:
    with contextlib.suppress(OSError):
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _umask() -> int:
    old = os.umask(0o22)
    os.umask(old)
    return old


def _refused(path: str | os.PathLike[str], message: str) -> OutputError:
    """The error for an output ``path`` that cannot be written: one Problem naming the file."""
    return OutputError(Problem(os.fspath(path), "", "", message))


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
