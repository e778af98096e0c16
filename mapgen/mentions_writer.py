"""Write every mention of the gazetteer's places in a set of texts: the ``mapgen mentions`` command as a function.

:func:`write_mentions` streams the records (JSON lines or CSV) of every
document under the paths to a text stream, in document order, on one
process, on ``jobs`` worker processes or on a Dask cluster: the same bytes
whatever the route. The command is a thin shell over it; in a notebook::

    import io, mapgen
    buf = io.StringIO()
    run = mapgen.write_mentions(["articles/"], buf)   # run.records, run.problems
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import schema as S
from .csvcells import DictWriter
from .errors import Problem
from .gazetteer import PlaceNames
from .overrides import OverrideKey
from .parallel import UNKNOWN_FIELDS, MentionsJob, default_jobs, iter_outputs, mentions_job
from .texts import Document, iter_documents

log = logging.getLogger(__name__)
#: Where progress goes (the CLI shows it unless -q): documents, characters, records, speed.
PROGRESS_LOG = logging.getLogger("mapgen.progress")
#: Progress only for runs longer than this (seconds), then every :data:`PROGRESS_EVERY` seconds.
PROGRESS_AFTER = 3.0
PROGRESS_EVERY = 2.0


@dataclass
class MentionsRun:
    """What :func:`write_mentions` did: documents read, records written, inputs skipped or partly read."""

    documents: int = 0
    characters: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)


def write_mentions(
    paths: Iterable[str | Path],
    out: TextIO,
    *,
    gazetteer: str | Path | PlaceNames | None = None,
    fmt: str = "jsonl",
    unknown: bool = False,
    overrides: str | Path | Mapping[OverrideKey, str] | None = None,
    jobs: int | None = None,
    dask: str | None = None,
    curated_only: bool = False,
) -> MentionsRun:
    """Write the mention records of every document under ``paths`` to ``out``, in document order.

    Parameters
    ----------
    paths
        Files and folders (see :func:`mapgen.texts.iter_documents`).
    out
        A text stream; CSV needs one opened with ``newline=""``.
    gazetteer
        A GeoJSON/LPF path, a loaded :class:`~mapgen.gazetteer.PlaceNames`, or ``None`` for the shipped one.
    fmt
        ``"jsonl"`` (one object a line, fields :data:`mapgen.schema.MENTION_RECORD_FIELDS`)
        or ``"csv"`` (a header, then rows; alternatives as JSON).
    unknown
        Instead of mentions, the capitalised phrases after in/at/near/from... that match no place.
    overrides
        A curated CSV path or its loaded mapping (:func:`mapgen.overrides.load_overrides`).
    jobs
        Worker processes (default: the cores available); the bytes are the same for any value.
    dask
        ``"local"`` (a LocalCluster of ``jobs`` worker processes) or a scheduler address: run on Dask.
    curated_only
        Only the gazetteer's places: no open-world names, no fuzzy matches.

    Returns
    -------
    MentionsRun
        Counts, and the inputs that were skipped (each also logged as a warning).
    """
    job = mentions_job(gazetteer, overrides, fmt=fmt, unknown=unknown, curated_only=curated_only)
    run = MentionsRun()
    if fmt == "csv":
        DictWriter(out, fieldnames=list(UNKNOWN_FIELDS if unknown else S.MENTION_RECORD_FIELDS)).writeheader()
    results = _cluster_outputs(job, paths, run, dask, jobs) if dask else _local_outputs(job, paths, run, jobs)
    t0 = last = time.monotonic()
    for text, n in results:
        out.write(text)
        run.records += n
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY and now - t0 >= PROGRESS_AFTER:
            last = now
            PROGRESS_LOG.info(
                "%d documents, %.1f M characters, %d records (%s characters/s)",
                run.documents,
                run.characters / 1e6,
                run.records,
                _rate(run.characters / (now - t0)),
            )
    log.debug("%d documents, %d records in %.1f s", run.documents, run.records, time.monotonic() - t0)
    return run


def _rate(per_second: float) -> str:
    """A rate in the unit that keeps its figures (a slow run read '0.0 M' before)."""
    return f"{per_second / 1e6:.1f} M" if per_second >= 1e5 else f"{per_second / 1e3:.1f} k"


def _local_outputs(
    job: MentionsJob, paths: Iterable[str | Path], run: MentionsRun, jobs: int | None
) -> Iterator[tuple[str, int]]:
    def documents() -> Iterator[Document]:
        for doc in iter_documents(paths, run.problems):
            run.documents += 1
            run.characters += len(doc.text)
            yield doc

    return iter_outputs(job, documents(), jobs or default_jobs())


def _cluster_outputs(
    job: MentionsJob, paths: Iterable[str | Path], run: MentionsRun, address: str, jobs: int | None
) -> Iterator[tuple[str, int]]:
    from .cluster import connect, iter_cluster_outputs, list_files

    files = list_files(paths, run.problems)
    run.documents = len(files)
    with connect(address, jobs) as client:
        for text, n, found in iter_cluster_outputs(client, job, files):
            for p in found:
                log.warning("%s (skipped)", p)
            run.problems.extend(found)
            yield text, n
