"""The mentions of many documents on every core: one per-document function, run in order.

``mapgen mentions`` turns each document into its output text independently
of the others (recognition, resolution and dates never look beyond one
document), so documents can be processed anywhere: inline, in worker
processes (:func:`iter_outputs` with ``jobs > 1``) or on a Dask cluster
(:mod:`mapgen.cluster`). Every route calls :meth:`MentionsJob.render` on each
document and writes the results in document order, so the output is the same
bytes whatever the route.

Workers receive batches of documents (about :data:`BATCH_CHARS` characters)
and return text; at most a few batches per worker are in flight, so memory
stays flat however large the corpus.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import inputs
from . import schema as S
from .csvcells import DictWriter
from .gazetteer import PlaceNames, load_place_names
from .mentions import Recognizer, find_unknown
from .overrides import OverrideKey, load_overrides
from .placeindex import place_names, place_points
from .records import document_records, iter_document_jsonl
from .sentences import Sentences, normalise_passage
from .texts import Document
from .tiers import Tiers

#: Characters of text per batch sent to a worker: large enough that the
#: hand-over costs little, small enough to keep every worker busy.
BATCH_CHARS = 1_000_000
#: Batches in flight per worker.
WINDOW_PER_JOB = 3

UNKNOWN_FIELDS = ("doc", "start", "end", "text", "preposition", "sentence")
FORMATS = ("jsonl", "csv")


@dataclass(frozen=True)
class MentionsJob:
    """What turning one document into output needs; small, so it travels to each worker once.

    ``fmt`` is ``"jsonl"`` or ``"csv"`` (rows only: the caller writes the
    header); ``unknown`` reports unmatched capitalised phrases instead of
    mentions (``mapgen mentions --unknown``).
    """

    names: PlaceNames
    overrides: Mapping[OverrideKey, str] | None = None
    fmt: str = "jsonl"
    unknown: bool = False
    curated_only: bool = False  # no open-world (GeoNames) tier
    #: The per-file input limit where documents are read (a Dask worker does not inherit ``--max-input-mb``).
    max_input_bytes: int | None = None

    def render_parts(self, doc: Document) -> Iterator[tuple[str, int]]:
        """:meth:`render` in pieces of bounded size (JSON lines of a long document, a few
        thousand at a time); joined, the same text. What the inline route writes."""
        if self.fmt != "jsonl" or self.unknown:
            yield self.render(doc)
            return
        recognizer, points = _prepared(self)
        tiers, names = _extras(self)
        spans = recognizer.find(doc.text)
        for part in iter_document_jsonl(doc, spans, points, self.overrides, tiers=tiers, names=names):
            yield part, part.count("\n")

    def render(self, doc: Document) -> tuple[str, int]:
        """The output text of one document and how many records it holds.

        The single per-document entry point of every route (inline, ``--jobs``,
        Dask).
        """
        recognizer, points = _prepared(self)
        tiers, names = _extras(self)
        spans = recognizer.find(doc.text)
        if self.unknown:
            sentences = Sentences(doc.text)
            rows: list[dict[str, Any]] = [
                {
                    "doc": doc.doc,
                    "start": u.start,
                    "end": u.end,
                    "text": u.surface,
                    "preposition": u.preposition,
                    "sentence": normalise_passage(doc.text, *sentences.bounds(u.start, u.end), u.start, u.end)[0],
                }
                for u in find_unknown(doc.text, spans)
            ]
            if self.fmt == "jsonl":
                return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), len(rows)
            return _csv(rows, UNKNOWN_FIELDS)
        if self.fmt == "jsonl":
            out = "".join(iter_document_jsonl(doc, spans, points, self.overrides, tiers=tiers, names=names))
            return out, out.count("\n")
        rows = []
        for r in document_records(doc, spans, points, self.overrides, tiers=tiers, names=names):
            row = {k: r[k] for k in S.MENTION_RECORD_FIELDS}
            row[S.ALTERNATIVES] = json.dumps(list(row[S.ALTERNATIVES]), ensure_ascii=False)
            rows.append(row)
        return _csv(rows, S.MENTION_RECORD_FIELDS)

    def render_batch(self, docs: list[Document]) -> tuple[str, int]:
        """:meth:`render` over documents in order, joined."""
        parts, count = [], 0
        for doc in docs:
            text, n = self.render(doc)
            parts.append(text)
            count += n
        return "".join(parts), count


def mentions_job(
    gazetteer: str | Path | PlaceNames | None = None,
    overrides: str | Path | Mapping[OverrideKey, str] | None = None,
    *,
    fmt: str = "jsonl",
    unknown: bool = False,
    curated_only: bool = False,
) -> MentionsJob:
    """The per-document job every route runs: gazetteer names, overrides, format, tiers and the input limit in force.

    The input limit (``--max-input-mb``, :func:`mapgen.inputs.input_limit`) is
    read here and travels with the job, so Dask workers read files under the
    same limit as this process.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    names = gazetteer if isinstance(gazetteer, PlaceNames) else load_place_names(gazetteer)
    over = load_overrides(overrides, names) if isinstance(overrides, (str, Path)) else overrides
    return MentionsJob(names, over, fmt, unknown, curated_only, inputs.max_input_bytes())


def _csv(rows: Iterable[Mapping[str, Any]], fields: Iterable[str]) -> tuple[str, int]:
    buf = io.StringIO(newline="")
    writer = DictWriter(buf, fieldnames=list(fields))  # formula-like cells neutralised, CRLF rows
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return buf.getvalue(), n


# The automaton of each gazetteer, built once per process (a worker receives the job once).
_PREPARED: dict[int, tuple[MentionsJob, Recognizer, dict[str, tuple[float, float]]]] = {}


def _prepared(job: MentionsJob) -> tuple[Recognizer, dict[str, tuple[float, float]]]:
    hit = _PREPARED.get(id(job))
    if hit is None or hit[0] is not job:
        _PREPARED.clear()  # one job per process at a time: never grow
        hit = _PREPARED[id(job)] = (job, Recognizer.from_gazetteer(job.names), place_points(job.names))
    return hit[1], hit[2]


_EXTRAS: dict[int, tuple[MentionsJob, Tiers, dict[str, str]]] = {}


def _extras(job: MentionsJob) -> tuple[Tiers, dict[str, str]]:
    """The tiers after curated resolution and the place titles, built once per process."""
    hit = _EXTRAS.get(id(job))
    if hit is None or hit[0] is not job:
        _EXTRAS.clear()
        tiers = Tiers.for_recognizer(_prepared(job)[0], curated_only=job.curated_only)
        hit = _EXTRAS[id(job)] = (job, tiers, place_names(job.names))
    return hit[1], hit[2]


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batches(documents: Iterable[Document], chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Consecutive documents in groups of about ``chars`` characters (a long document alone)."""
    batch: list[Document] = []
    size = 0
    for doc in documents:
        batch.append(doc)
        size += len(doc.text)
        if size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def iter_outputs(job: MentionsJob, documents: Iterable[Document], jobs: int = 1) -> Iterator[tuple[str, int]]:
    """``job.render`` of every document, in document order, on ``jobs`` processes.

    Parameters
    ----------
    job
        The gazetteer, overrides and output format.
    documents
        E.g. :func:`mapgen.texts.iter_documents`; read lazily in this process.
    jobs
        Worker processes; 1 renders inline (no pool), as does any input of one batch (about
        :data:`BATCH_CHARS` characters), where starting workers would cost more than they share.

    Yields
    ------
    (str, int)
        Output text and record count: inline, per document in pieces of at
        most :data:`mapgen.records.JSONL_CHUNK_LINES` lines (JSON lines; one
        piece per document otherwise); from workers, per batch of documents.
        Concatenated they are the same bytes for any ``jobs``.
    """
    if jobs <= 1:
        for doc in documents:
            yield from job.render_parts(doc)
        return
    groups = batches(documents, BATCH_CHARS)
    first = next(groups, None)
    if first is None:
        return
    following = next(groups, None)
    if following is None:  # all of it in one batch: a pool would cost more than it could share
        for doc in first:
            yield from job.render_parts(doc)
        return
    method = _start_method()
    if method == "fork":  # built once here, inherited by every worker instead of built by each
        _extras(job)
    import multiprocessing  # only here: about 10 ms of imports a one-process run does without

    ctx = multiprocessing.get_context(method)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        pending: deque[Any] = deque()
        for batch in itertools.chain((first, following), groups):
            pending.append(pool.apply_async(_render_batch, (batch,)))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _start_method() -> str:
    # fork starts a worker in milliseconds, with mapgen already imported; elsewhere spawn.
    import multiprocessing

    return "fork" if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() else "spawn"


_WORKER_JOB: MentionsJob | None = None


def _init_worker(job: MentionsJob) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _render_batch(docs: list[Document]) -> tuple[str, int]:
    assert _WORKER_JOB is not None, "worker not initialised"
    return _WORKER_JOB.render_batch(docs)
