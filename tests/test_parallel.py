"""`mapgen mentions --jobs N`: the same bytes in the same order for any N (real worker processes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.gazetteer import load_place_names
from mapgen.parallel import MentionsJob, batches, iter_outputs
from mapgen.texts import iter_documents

DATA = Path(__file__).parent / "data"
GAZ = str(DATA / "mention_places.geojson")


@pytest.fixture(scope="module")
def corpus(copied_texts: Callable[[int], Path]) -> Path:
    """Many copies of the fixture texts, so several batches go to each worker."""
    root = copied_texts(30)
    (root / "50-unknown.txt").write_text("Supplies came in from Brightwater Junction by rail.\n", encoding="utf-8")
    (root / "99-broken.txt").write_bytes(b"\x00\x01binary")  # skipped, reported, exit 1
    return root


def run(*args: str):
    return CliRunner().invoke(main, ["-q", "mentions", *args, "--gazetteer", GAZ])


@pytest.mark.parametrize("extra", [[], ["--format", "csv"], ["--unknown"]], ids=["jsonl", "csv", "unknown"])
def test_jobs_give_the_same_bytes(corpus: Path, extra: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("mapgen.parallel.BATCH_CHARS", 3000)  # many small batches: order is really tested
    one = run(str(corpus), "--jobs", "1", *extra)
    two = run(str(corpus), "--jobs", "2", *extra)
    three = run(str(corpus), "--jobs", "3", *extra)
    assert one.exit_code == two.exit_code == three.exit_code == 1  # the broken file
    assert one.stdout and one.stdout == two.stdout == three.stdout
    assert "99-broken.txt" in two.stderr


def test_iter_outputs_in_document_order_from_workers(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("mapgen.parallel.BATCH_CHARS", 2000)
    job = MentionsJob(load_place_names(GAZ))
    docs = list(iter_documents([corpus], problems=[]))
    inline = "".join(t for t, _ in iter_outputs(job, docs, jobs=1))
    pooled = list(iter_outputs(job, docs, jobs=2))
    assert len(pooled) > 4 and "".join(t for t, _ in pooled) == inline
    assert sum(n for _, n in pooled) == inline.count("\n")


def test_batches_keep_order_and_size():
    docs = list(iter_documents([DATA / "texts"]))
    got = list(batches(docs, chars=1))
    assert [b[0] for b in got] == docs and all(len(b) == 1 for b in got)
    assert list(batches(docs, chars=10**9)) == [docs]


def test_a_long_document_is_written_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch):
    """One dense document's JSON lines leave in pieces of a few lines, joined the same bytes (issue 13)."""
    from mapgen.texts import Document, DocumentMeta

    text = "\n\n".join(sorted(p.read_text(encoding="utf-8") for p in (DATA / "texts").glob("*.txt")) * 40)
    doc = Document(doc="long", path=Path("long.txt"), text=text, meta=DocumentMeta(title="long"))
    job = MentionsJob(load_place_names(GAZ))
    whole, n = job.render(doc)
    monkeypatch.setattr("mapgen.records.JSONL_CHUNK_LINES", 7)
    parts = list(job.render_parts(doc))
    assert len(parts) > 3 and all(k <= 7 and text.count("\n") == k for text, k in parts)
    assert "".join(t for t, _ in parts) == whole and sum(k for _, k in parts) == n > 20
    assert "".join(t for t, _ in iter_outputs(job, [doc, doc], jobs=1)) == whole * 2


def test_one_batch_of_input_starts_no_workers(monkeypatch: pytest.MonkeyPatch):
    """A short input renders inline whatever --jobs says: starting workers would cost more than they share."""

    def no_pool(*_a: object) -> None:
        raise AssertionError("a worker pool was started for one batch of input")

    job = MentionsJob(load_place_names(GAZ))
    docs = list(iter_documents([DATA / "texts"]))
    inline = "".join(t for t, _ in iter_outputs(job, docs, jobs=1))
    monkeypatch.setattr("multiprocessing.get_context", no_pool)
    assert "".join(t for t, _ in iter_outputs(job, docs, jobs=2)) == inline
    assert list(iter_outputs(job, [], jobs=2)) == []
    monkeypatch.setattr("mapgen.parallel.BATCH_CHARS", 100)  # two batches or more: the pool is used
    with pytest.raises(AssertionError, match="pool was started"):
        list(iter_outputs(job, docs, jobs=2))
