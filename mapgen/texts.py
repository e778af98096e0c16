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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, TextError

log = logging.getLogger(__name__)

#: File suffixes read as documents (case-insensitive).
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: Sidecar metadata fields copied from NAME.json (others are kept in ``extra``).
META_FIELDS = ("title", "author", "publication", "date", "pages", "url")

#: A folder's own documentation, not an article: README, LICENSE... (any text suffix, any case)
#: are skipped when a folder is searched. Named explicitly, such a file is read like any other.
FOLDER_DOC_STEMS = frozenset({"readme", "license", "licence", "changelog", "contributing", "authors", "notice"})

_BINARY_PROBE_BYTES = 8192
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


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
        except TextError as exc:
            if problems is None:
                raise
            _report(problems, Problem(str(path), "", "", str(exc).removeprefix(f"{path}: ")))


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
        raw = p.read_bytes()
    except FileNotFoundError:
        raise TextError(f"{p}: file not found") from None
    except IsADirectoryError:
        raise TextError(f"{p}: is a directory") from None
    except OSError as exc:
        raise TextError(f"{p}: cannot be read ({exc.strerror})") from None
    if not raw:
        raise TextError(f"{p}: the file is empty; nothing to read")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows "Unicode" text: NULs but not binary
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TextError(f"{p}: starts like UTF-16 but byte {exc.start} does not decode; save it as UTF-8") from None
        return _finish(p, text, "utf-16", problems)
    if b"\x00" in raw[:_BINARY_PROBE_BYTES]:
        raise TextError(f"{p}: looks like a binary file (NUL bytes), not text; pass .txt, .md or .html files")
    text, encoding = _decode(p, raw)
    return _finish(p, text, encoding, problems)


def _finish(p: Path, text: str, encoding: str, problems: list[Problem] | None) -> Document:
    if p.suffix.lower() in (".html", ".htm"):
        text = html_text(text)
    if not text.strip():
        raise TextError(f"{p}: contains no text (only whitespace or markup)")
    meta = _meta(p, problems)
    return Document(doc=p.stem, path=p, text=text, meta=meta, encoding=encoding)


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


def meta_from_name(path: str | Path) -> DocumentMeta:
    """Metadata guessed from a file name such as ``oneill-2000.txt``.

    The title is the stem with separators as spaces; a four-digit year in the
    stem becomes the date and the words before it the author.
    """
    stem = Path(path).stem
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
        raise TextError(
            f"{p}: neither UTF-8 (bad byte at offset {bad}) nor cp1252 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    log.warning("%s: not UTF-8 (bad byte at offset %d); read as cp1252, check its accented letters", p, bad)
    return text, "cp1252"


def _meta(p: Path, problems: list[Problem] | None) -> DocumentMeta:
    """Sidecar NAME.json if there is one, else the file name's metadata."""
    sidecar = p.with_suffix(".json")
    if not sidecar.is_file():
        return meta_from_name(p)
    try:
        return _read_sidecar(sidecar, p)
    except TextError as exc:
        if problems is None:
            raise
        _report(
            problems,
            Problem(
                str(sidecar),
                "",
                "",
                f"{str(exc).removeprefix(f'{sidecar}: ')}; metadata taken from the file name instead",
            ),
        )
        return meta_from_name(p)


def _read_sidecar(sidecar: Path, doc_path: Path) -> DocumentMeta:
    try:
        data = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise TextError(f"{sidecar}: not UTF-8 (bad byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise TextError(f"{sidecar}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except OSError as exc:
        raise TextError(f"{sidecar}: cannot be read ({exc.strerror})") from None
    if not isinstance(data, dict):
        raise TextError(f"{sidecar}: expected a JSON object with title, author, date..., found {type(data).__name__}")
    fallback = meta_from_name(doc_path)
    values = {k: "" if data.get(k) is None else str(data[k]) for k in META_FIELDS}
    return DocumentMeta(
        title=values["title"] or fallback.title,
        author=values["author"] or fallback.author,
        publication=values["publication"],
        date=values["date"] or fallback.date,
        pages=values["pages"],
        url=values["url"],
        source="sidecar",
        extra={k: v for k, v in data.items() if k not in META_FIELDS},
    )


def _iter_files(paths: Iterable[str | Path], problems: list[Problem] | None) -> Iterator[Path]:
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = False
            for f in _walk(p):
                found = True
                yield f
            if not found:
                msg = f"no texts in this folder (looked for {', '.join(sorted(TEXT_SUFFIXES))} files, also in subfolders; README, LICENSE and the like are not read as articles)"
                if problems is None:
                    raise TextError(f"{p}: {msg}")
                _report(problems, Problem(str(p), "", "", msg))
        elif p.suffix.lower() == ".json" and any(p.with_suffix(x).is_file() for x in TEXT_SUFFIXES):
            log.debug("%s: a sidecar, read with its document", p)  # `mapgen mentions corpus/*`
        elif p.exists():
            yield p
        else:
            err = TextError(f"{p}: no such file or folder")
            if problems is None:
                raise err
            _report(problems, Problem(str(p), "", "", "no such file or folder"))


def _walk(root: Path) -> Iterator[Path]:
    """Text files under ``root``, sorted, following links but visiting each real folder once."""
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[Path]:
        try:
            st = folder.stat()
        except OSError:
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            log.debug("%s: folder already visited (symbolic link loop?); not entered again", folder)
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            log.warning("%s: folder cannot be listed (%s)", folder, exc.strerror)
            return
        for e in entries:
            path = Path(e.path)
            if e.is_dir():  # follows symlinks; loops stop at `seen`
                yield from walk(path)
            elif e.is_file() and path.suffix.lower() in TEXT_SUFFIXES and not e.name.startswith("."):
                if path.stem.lower() in FOLDER_DOC_STEMS and not path.with_suffix(".json").is_file():
                    log.info("%s: the folder's own documentation, not an article; skipped (name the file to read it)", path)
                    continue
                yield path

    yield from walk(root)
