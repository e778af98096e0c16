"""The mentions of a whole archive on a Dask cluster: the per-document function, distributed.

``pip install "mapgen[dask]"``. The same :meth:`mapgen.parallel.MentionsJob.render`
that ``mapgen mentions`` runs inline and on ``--jobs`` workers runs here on
Dask workers, partition by partition (each partition a run of consecutive
files, read by the worker that processes it). Concatenated in partition order
the outputs are the same bytes as one process writes.

Three ways in:

- ``mapgen mentions PATHS --dask local`` (a ``LocalCluster`` of worker
  processes on this machine) or ``--dask tcp://scheduler:8786`` (a running
  cluster): records to stdout, in document order;
- :func:`mentions_bag`: a ``dask.bag.Bag`` of mention records (dicts);
- :func:`write_mentions_jsonl`: one JSONL file per partition.

On a real cluster every worker needs mapgen installed (the same version) and
must see PATHS at the same place (a shared or network file system); the
gazetteer is read once here and sent to the workers.
"""

from __future__ import annotations

import json
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import MapgenError, Problem
from .inputs import input_limit
from .overrides import OverrideKey
from .parallel import MentionsJob, default_jobs, mentions_job
from .texts import _iter_files, iter_documents

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

log = logging.getLogger(__name__)

#: Files per partition: a few MB of articles, enough work per task to hide the scheduling.
FILES_PER_PARTITION = 64
INSTALL_HINT = 'Dask is not installed: pip install "mapgen[dask]" (dask and distributed)'


def _dask() -> Any:
    try:
        import dask.bag as db
    except ImportError:
        raise MapgenError(INSTALL_HINT) from None
    return db


def list_files(paths: Iterable[str | Path], problems: list[Problem] | None = None) -> list[str]:
    """The text files under ``paths``, in the order ``mapgen mentions`` reads them."""
    return [str(p) for p in _iter_files(paths, problems)]


def render_files(files: list[str], job: MentionsJob) -> tuple[str, int, list[Problem]]:
    """Read and render consecutive files on a worker: (output, records, problems), in order."""
    problems: list[Problem] = []
    parts, count = [], 0
    with input_limit(None, limit_bytes=job.max_input_bytes):  # the caller's --max-input-mb, not the worker's
        for doc in iter_documents(files, problems):
            text, n = job.render(doc)
            parts.append(text)
            count += n
    return "".join(parts), count, problems


def _partitions(files: list[str], files_per_partition: int) -> list[list[str]]:
    step = max(1, files_per_partition)
    return [files[i : i + step] for i in range(0, len(files), step)]


def mentions_bag(
    paths: Iterable[str | Path],
    gazetteer: str | Path | None = None,
    *,
    overrides: str | Path | Mapping[OverrideKey, str] | None = None,
    curated_only: bool = False,
    files_per_partition: int = FILES_PER_PARTITION,
) -> dask.bag.Bag:
    """A Dask bag of the mention records of every document under ``paths``.

    Parameters
    ----------
    paths
        Files and folders, as for ``mapgen mentions`` (folders listed here;
        the files are read on the workers).
    gazetteer
        GeoJSON gazetteer; ``None`` is the shipped one. Loaded and checked here.
    overrides
        An overrides CSV path (see :func:`mapgen.overrides.load_overrides`) or its
        loaded mapping.
    curated_only
        Only the gazetteer's places (no open-world tier), as ``mapgen mentions --curated-only``.
    files_per_partition
        Consecutive files per partition.

    Returns
    -------
    dask.bag.Bag
        Lazy; one dict per mention with the fields of
        :data:`mapgen.schema.MENTION_RECORD_FIELDS` (the ``mapgen mentions``
        JSON lines, parsed), partitions in document order. Files that cannot
        be read are skipped (a warning in the worker's log).
    """
    db = _dask()
    job = mentions_job(gazetteer, overrides, curated_only=curated_only)
    parts = _partitions(list_files(paths), files_per_partition)
    bag: dask.bag.Bag = db.from_sequence(parts, npartitions=max(1, len(parts))).map_partitions(_records, job)
    return bag


def _records(partition: Iterable[list[str]], job: MentionsJob) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for files in partition:
        text, _, _ = render_files(files, job)
        out.extend(json.loads(line) for line in text.splitlines())
    return out


def write_mentions_jsonl(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    gazetteer: str | Path | None = None,
    *,
    overrides: str | Path | Mapping[OverrideKey, str] | None = None,
    curated_only: bool = False,
    files_per_partition: int = FILES_PER_PARTITION,
    client: Client | None = None,
) -> tuple[list[Path], list[Problem]]:
    """Write the mentions as partitioned JSON lines: ``out_dir/part-00000.jsonl``, ...

    Each part is written by the worker that computed it (to a temporary name,
    then renamed: no half-written part), so ``out_dir`` must be visible to
    the workers. Concatenated in name order the parts are the bytes
    ``mapgen mentions PATHS`` prints.

    Returns
    -------
    (list of Path, list of Problem)
        The parts in order, and the files that were skipped.
    """
    _dask()
    from dask import compute, delayed

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    job = mentions_job(gazetteer, overrides, curated_only=curated_only)
    problems: list[Problem] = []
    parts = _partitions(list_files(paths, problems), files_per_partition)
    targets = [out / f"part-{i:05d}.jsonl" for i in range(len(parts))]
    tasks = [delayed(_write_part)(files, job, str(t)) for files, t in zip(parts, targets, strict=True)]
    results = compute(*tasks, scheduler=client) if client is not None else compute(*tasks)
    for found in results:
        problems.extend(found)
    return targets, problems


def _write_part(files: list[str], job: MentionsJob, target: str) -> list[Problem]:
    text, _, problems = render_files(files, job)
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, target)
    return problems


@contextmanager
def connect(address: str, workers: int | None = None) -> Iterator[Client]:
    """A ``distributed.Client`` for ``address``: ``"local"`` starts a LocalCluster of worker processes."""
    _dask()
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MapgenError(INSTALL_HINT) from None
    if not log.isEnabledFor(logging.DEBUG):  # Dask's start-up chatter is not the user's business unless -vv
        for name in ("distributed", "tornado"):
            logging.getLogger(name).setLevel(logging.WARNING)
    if address == "local":
        n = workers or default_jobs()
        # Loopback only; the scheduler's status pages on a free port (two clusters never clash on 8787).
        opts: dict[str, Any] = {
            "host": "127.0.0.1",
            "dashboard_address": "127.0.0.1:0",
            "silence_logs": logging.WARNING,
        }
        with (
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, **opts) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise MapgenError(
            f"--dask {address}: cannot reach the Dask scheduler ({exc}); start one with `dask scheduler` or pass --dask local"
        ) from None
    with client:
        yield client


def iter_cluster_outputs(
    client: Client, job: MentionsJob, files: list[str], *, files_per_partition: int = FILES_PER_PARTITION
) -> Iterator[tuple[str, int, list[Problem]]]:
    """``render_files`` of each partition on the cluster, yielded in order, a few partitions in flight."""
    window = max(2, 3 * len(client.scheduler_info().get("workers", {})))
    job_future = client.scatter(job, broadcast=True)
    pending: deque[Any] = deque()
    for files_part in _partitions(files, files_per_partition):
        pending.append(client.submit(render_files, files_part, job_future, pure=False))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
