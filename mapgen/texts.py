"""Load article texts: .txt, .md and .html files or folders of them, one document at a time.

This stage never edits a text. A document's ``text`` is the decoded file (the
text extracted by an HTML parser for ``.html``) exactly as it is, CRLF line
ends, blank lines and OCR noise included, so that a character offset found by
a later stage satisfies ``document.text[start:end] == surface form``.

Offsets count characters (code points) of the decoded text. A UTF-8 byte
order mark is not part of the text: it is dropped by decoding, so offset 0 is
the first character after the BOM.

Documents are yielded lazily by :func:`iter_documents` so a corpus of any size
is held one document at a time. A file that cannot be used (binary, empty,
undecodable) and a sidecar that cannot be read are reported as
:class:`~mapgen.errors.Problem` records (and logged) while the other documents
are still processed; the CLI turns any problem into exit code 1.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import Problem, TextError
from .inputs import SIDECAR_LIMIT_BYTES, STDIN, InputError, read_input, read_text_input
from .outputs import GENERATOR_META
from .urls import safe_url
from .validation import kind

log = logging.getLogger(__name__)

#: File suffixes read as documents (case-insensitive).
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: Sidecar metadata fields copied from NAME.json (short scalars of the others are kept in ``extra``).
META_FIELDS = ("title", "author", "publication", "date", "pages", "url")
#: What reaches the map of each field: every passage carries its document's citation, so a
#: multi-megabyte title would be copied into the page once per mention. Longer text is cut (said on stderr).
META_MAX_CHARS = {"title": 1000, "author": 500, "publication": 500, "date": 100, "pages": 100, "url": 2048}
_SURROGATE = re.compile("[\ud800-\udfff]")

#: A folder's own documentation, not an article: README, LICENSE... (any text suffix, any case)
#: are skipped when a folder is searched. Named explicitly, such a file is read like any other.
FOLDER_DOC_STEMS = frozenset({"readme", "license", "licence", "changelog", "contributing", "authors", "notice"})

_BINARY_PROBE_BYTES = 8192
_MAP_PROBE_BYTES = 1024
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


class OwnMapError(TextError):
    """An .html file that is a map mapgen wrote (in a texts folder it is skipped, not an error)."""


@dataclass(frozen=True)
class DocumentMeta:
    """Bibliographic metadata of one document: from its sidecar or its file name."""

    title: str
    author: str = ""
    publication: str = ""
    date: str = ""
    pages: str = ""
    url: str = ""
    source: str = "file name"  # "sidecar" or "file name"
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        """The first plausible year in ``date`` (None when there is none)."""
        m = _YEAR.search(self.date)
        return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Document:
    """One decoded article text and its metadata.

    ``doc`` is the file stem (the id used in every output record); ``text`` is
    never altered after decoding.
    """

    doc: str
    path: Path
    text: str
    meta: DocumentMeta
    encoding: str = "utf-8"


# -- public API -------------------------------------------------------------


def iter_documents(paths: Iterable[str | Path], problems: list[Problem] | None = None) -> Iterator[Document]:
    """Yield the documents found under ``paths``, one at a time, in a stable order.

    Parameters
    ----------
    paths
        Files and folders. A folder is searched recursively for
        :data:`TEXT_SUFFIXES` files, in sorted order, following symbolic links
        but never into a folder already visited (no symlink loops), skipping
        hidden files and the folder's own documentation (``README.md``,
        ``LICENSE.txt``...: :data:`FOLDER_DOC_STEMS`). Files named
        explicitly are read whatever their suffix, except a sidecar ``NAME.json``
        beside its document (a shell glob names both).
    problems
        If given, every file that was skipped, and every sidecar that could not
        be used, is appended here as a :class:`~mapgen.errors.Problem` (and
        logged as a warning) while the other documents are still processed.
        If ``None``, the first problem raises :class:`~mapgen.errors.TextError`.

    Yields
    ------
    Document
        In the order the paths were given; inside a folder, sorted by path.
    """
    for path in _iter_files(paths, problems):
        try:
            yield load_document(path, problems)
        except OwnMapError as exc:
            log.info("%s (skipped)", exc)
        except TextError as exc:
            if problems is None:
                raise
            for problem in exc.problems:
                _report(problems, problem)


def load_document(path: str | Path, problems: list[Problem] | None = None) -> Document:
    """Read one document and its sidecar metadata.

    Parameters
    ----------
    path
        A ``.txt``/``.md`` file (decoded as UTF-8, BOM dropped, else cp1252
        with a warning) or an ``.html`` file (its text extracted with
        BeautifulSoup's ``html.parser``).
    problems
        Where a sidecar problem is recorded; the document is then still
        returned with metadata from its file name. ``None`` raises instead.

    Returns
    -------
    Document

    Raises
    ------
    TextError
        The file is missing, unreadable, binary, empty or undecodable.
    """
    p = Path(path)
    try:
        raw = read_input(p)
    except InputError as exc:
        raise TextError(exc.problems) from None
    if not raw:
        raise _text_error(p, "the file is empty; nothing to read")
    if p.suffix.lower() in (".html", ".htm") and is_mapgen_map(raw):
        raise OwnMapError(f"{p}: a map written by mapgen, not an article")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows "Unicode" text: NULs but not binary
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _text_error(p, f"starts like UTF-16 but byte {exc.start} does not decode; save it as UTF-8") from None
        return _finish(p, text, "utf-16", problems)
    if b"\x00" in raw[:_BINARY_PROBE_BYTES]:
        raise _text_error(p, "looks like a binary file (NUL bytes), not text; pass .txt, .md or .html files")
    text, encoding = _decode(p, raw)
    return _finish(p, text, encoding, problems)


def _finish(p: Path, text: str, encoding: str, problems: list[Problem] | None) -> Document:
    if p.suffix.lower() in (".html", ".htm"):
        text = html_text(text)
    if not text.strip():
        raise _text_error(p, "contains no text (only whitespace or markup)")
    if str(p) == STDIN:
        return Document(doc="stdin", path=p, text=text, meta=DocumentMeta(title="standard input"), encoding=encoding)
    meta = _meta(p, problems)
    return Document(doc=doc_id(p), path=p, text=text, meta=meta, encoding=encoding)


def doc_id(path: str | Path) -> str:
    """The document id of a file: its stem, as valid UTF-8 text.

    A file name that is not UTF-8 (``caf\\xe9.txt`` written by an old system)
    reaches Python with surrogate escapes; its id shows the bytes as ``\\xe9``
    so that every record, JSON line and page stays valid UTF-8.
    """
    stem = Path(path).stem
    return os.fsencode(stem).decode("utf-8", "backslashreplace") if _SURROGATE.search(stem) else stem


def html_text(html: str) -> str:
    """The text of an HTML page as a browser-less parser extracts it.

    Offsets of later stages index this string, not the markup. Script and
    style contents are not text and are removed.
    """
    from bs4 import BeautifulSoup  # lazy: only HTML inputs pay for the import

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    return soup.get_text()


def is_mapgen_map(head: bytes) -> bool:
    """Whether the first bytes of an HTML file are those of a map mapgen wrote (read back, it is no article)."""
    return GENERATOR_META.encode("ascii") in head[:_MAP_PROBE_BYTES]


def would_read(path: str | Path) -> bool:
    """Whether a folder walk would take this existing file as a text (an output there would replace it)."""
    p = Path(path)
    if p.suffix.lower() not in TEXT_SUFFIXES or p.name.startswith(".") or not p.is_file():
        return False
    try:
        with p.open("rb") as fh:
            return not is_mapgen_map(fh.read(_MAP_PROBE_BYTES))
    except OSError:
        return True


def meta_from_name(path: str | Path) -> DocumentMeta:
    """Metadata guessed from a file name such as ``oneill-2000.txt``.

    The title is the stem with separators as spaces; a four-digit year in the
    stem becomes the date and the words before it the author.
    """
    stem = doc_id(path)
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    m = _YEAR.search(stem)
    author = ""
    date = ""
    if m:
        date = m.group(1)
        before = [w for w in re.split(r"[-_\s]+", stem[: m.start()]) if w]
        author = " ".join(w[:1].upper() + w[1:] for w in before)
    return DocumentMeta(title=" ".join(words) or stem, author=author, date=date, source="file name")


# -- helpers ----------------------------------------------------------------


def _text_error(path: Path, message: str) -> TextError:
    """The error for a text or sidecar that cannot be used: one Problem naming the file."""
    return TextError(Problem(str(path), "", "", message))


def _report(problems: list[Problem], problem: Problem) -> None:
    log.warning("%s (skipped)", problem)
    problems.append(problem)


def _decode(p: Path, raw: bytes) -> tuple[str, str]:
    """UTF-8 (BOM dropped) or, failing that, cp1252 with a warning naming the file."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _text_error(
            p,
            f"neither UTF-8 (bad byte at offset {bad}) nor cp1252 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
        ) from None
    log.warning("%s: not UTF-8 (bad byte at offset %d); read as cp1252, check its accented letters", p, bad)
    return text, "cp1252"


def _meta(p: Path, problems: list[Problem] | None) -> DocumentMeta:
    """Sidecar NAME.json if there is one, else the file name's metadata."""
    sidecar = p.with_suffix(".json")
    try:
        present = sidecar.exists()  # a device or FIFO there is reported by the reader, not taken for "none"
    except OSError:
        present = True
    if not present:
        return meta_from_name(p)
    try:
        return _read_sidecar(sidecar, p, problems)
    except TextError as exc:
        if problems is None:
            raise
        for problem in exc.problems:
            _report(problems, replace(problem, message=f"{problem.message}; metadata taken from the file name instead"))
        return meta_from_name(p)


def _read_sidecar(sidecar: Path, doc_path: Path, problems: list[Problem] | None = None) -> DocumentMeta:
    try:
        raw = read_text_input(sidecar, limit=SIDECAR_LIMIT_BYTES, kind="sidecar")
    except InputError as exc:
        raise TextError(exc.problems) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _text_error(sidecar, f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise _text_error(sidecar, "invalid JSON: nested too deeply for metadata") from None
    except ValueError as exc:  # an integer of thousands of digits (Python's int-to-str limit)
        raise _text_error(sidecar, f"invalid JSON for metadata ({exc})") from None
    if not isinstance(data, dict):
        raise _text_error(sidecar, f"expected a JSON object with title, author, date..., found {kind(data)}")
    fallback = meta_from_name(doc_path)
    values = {k: _meta_text(sidecar, k, data.get(k), problems) for k in META_FIELDS}
    if values["url"] and safe_url(values["url"]) is None:  # the document is still used whole: a warning
        log.warning("%s: url: %s is not an http(s) address; the citation gets no link", sidecar, _shown(values["url"]))
        values["url"] = ""
    return DocumentMeta(
        title=values["title"] or fallback.title,
        author=values["author"] or fallback.author,
        publication=values["publication"],
        date=values["date"] or fallback.date,
        pages=values["pages"],
        url=safe_url(values["url"]) or "",
        source="sidecar",
        extra={k: v for k, v in data.items() if k not in META_FIELDS and _small_scalar(v)},
    )


def _meta_text(sidecar: Path, key: str, value: Any, problems: list[Problem] | None) -> str:
    """A metadata field as text of sane length; a value that is not text is reported, never shown as a repr."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        _report_meta(sidecar, key, f"expected text, found {kind(value)}; left out", problems)
        return ""
    text = value if isinstance(value, str) else str(value)  # a year or a page number
    if _SURROGATE.search(text):
        _report_meta(sidecar, key, "holds a lone surrogate escape (not a character); left out", problems)
        return ""
    cap = META_MAX_CHARS[key]
    if len(text) > cap:
        if key == "url":
            _report_meta(sidecar, key, f"longer than {cap} characters; left out", problems)
            return ""
        log.warning("%s: %s: %d characters, cut to %d for the map", sidecar, key, len(text), cap)
        text = text[: cap - 1].rstrip() + "…"
    return text


def _report_meta(sidecar: Path, key: str, message: str, problems: list[Problem] | None) -> None:
    if problems is None:
        raise TextError(Problem(str(sidecar), "", key, message))
    _report(problems, Problem(str(sidecar), "", key, message))


def _small_scalar(v: Any) -> bool:
    return (
        v is None
        or isinstance(v, (bool, float))
        or (isinstance(v, int) and abs(v) < 2**53)
        or (isinstance(v, str) and len(v) <= 300 and not _SURROGATE.search(v))
    )


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _iter_files(paths: Iterable[str | Path], problems: list[Problem] | None) -> Iterator[Path]:
    for given in paths:
        p = Path(given)
        if str(given) == STDIN:
            yield p
            continue
        try:
            st = p.stat()
        except FileNotFoundError:
            _problem(problems, p, "no such file or folder")
            continue
        except (OSError, ValueError) as exc:  # a folder on the way that cannot be searched, a name too long...
            _problem(problems, p, f"cannot be read ({getattr(exc, 'strerror', None) or exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            found = False
            for f in _walk(p, problems):
                found = True
                yield f
            if not found:
                msg = f"no texts in this folder (looked for {', '.join(sorted(TEXT_SUFFIXES))} files, also in subfolders; README, LICENSE and the like are not read as articles)"
                _problem(problems, p, msg)
        elif p.suffix.lower() == ".json" and any(_is_file(p.with_suffix(x)) for x in TEXT_SUFFIXES):
            log.debug("%s: a sidecar, read with its document", p)  # `mapgen mentions corpus/*`
        else:
            yield p  # the reader refuses what is not a regular file, with a message


def _problem(problems: list[Problem] | None, p: Path, msg: str) -> None:
    if problems is None:
        raise _text_error(p, msg)
    _report(problems, Problem(str(p), "", "", msg))


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return False


#: Pseudo file systems: their "files" are the kernel's, never articles, and /proc/self/root leads back to /.
_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def _outside_texts(link: Path, root_real: str) -> bool:
    """A linked folder not to enter: a system folder, or one that holds the walk's own root (it would be walked twice)."""
    real = os.path.realpath(link)
    if any(real == s or real.startswith(s + os.sep) for s in _SYSTEM_FOLDERS):
        return True
    return root_real == real or root_real.startswith(real.rstrip(os.sep) + os.sep)


def _walk(root: Path, problems: list[Problem] | None = None) -> Iterator[Path]:
    """Text files under ``root``, sorted, following links but visiting each real folder once.

    A subfolder that cannot be listed is a problem (reported, the rest walked), not a silent gap.
    """
    seen: set[tuple[int, int]] = set()
    root_real = os.path.realpath(root)

    def walk(folder: Path) -> Iterator[Path]:
        try:
            st = folder.stat()
        except OSError as exc:
            _problem(problems, folder, f"folder cannot be entered ({exc.strerror or exc})")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            log.debug("%s: folder already visited (symbolic link loop?); not entered again", folder)
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            _problem(problems, folder, f"folder cannot be listed ({exc.strerror or exc})")
            return
        for e in entries:
            path = Path(e.path)
            try:
                is_dir = e.is_dir()  # follows symlinks; loops stop at `seen`
                is_text = (
                    not is_dir and e.is_file() and path.suffix.lower() in TEXT_SUFFIXES and not e.name.startswith(".")
                )
            except OSError as exc:
                _problem(problems, path, f"cannot be checked ({exc.strerror or exc})")
                continue
            if is_dir and e.is_symlink() and _outside_texts(path, root_real):
                log.warning(
                    "%s: a link to %s, a system folder or one holding this folder; not followed",
                    path,
                    os.path.realpath(path),
                )
                continue
            if is_dir:
                yield from walk(path)
            elif is_text:
                if path.stem.lower() in FOLDER_DOC_STEMS and not _is_file(path.with_suffix(".json")):
                    log.info(
                        "%s: the folder's own documentation, not an article; skipped (name the file to read it)", path
                    )
                    continue
                yield path

    yield from walk(root)
