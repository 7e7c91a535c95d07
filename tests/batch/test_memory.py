"""Memory stays flat in the number of articles: nothing per article is kept but counts
(Python heap, traced), and the store's native buffers are flushed at checkpoints (resident
memory of a whole build process)."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from kg.batch import StoreSink, build_batch
from kg.ingest import read_article
from kg.settings import Settings
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def blank_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A tokenizer-and-sentencizer pipeline: fast, and our rulers still find entities."""
    import spacy

    path = tmp_path_factory.mktemp("model") / "blank"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(path)
    return str(path)


def _corpus(path: Path, n: int) -> Path:
    bodies = [read_article(f).body for f in sorted((ROOT / "tests" / "data").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Report {i}.\n\n{bodies[i % len(bodies)][:1500]}"
            fh.write(json.dumps({"text": text, "url": f"https://news.test/{i}"}) + "\n")
    return path


def _peak(corpus: Path, store: Path, settings: Settings) -> tuple[int, int]:
    tracemalloc.start()
    try:
        with open_store(store) as s:
            summary = build_batch([corpus], settings, StoreSink(s, settings), workers_count=1)
        return tracemalloc.get_traced_memory()[1], summary.written
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # 200 small articles
def test_peak_memory_does_not_grow_with_the_number_of_articles(
    tmp_path: Path, blank_model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.batch import build as batch_build

    # new graphs wait for their bulk load until a checkpoint: at most CHECKPOINT_EVERY
    # graphs (or CHECKPOINT_BYTES). A window smaller than both builds shows that nothing
    # else is kept
    monkeypatch.setattr(batch_build, "CHECKPOINT_EVERY", 20)
    settings = Settings(model=blank_model)
    _peak(_corpus(tmp_path / "warm.jsonl", 5), tmp_path / "warm", settings)  # caches, lexicons
    small, n_small = _peak(_corpus(tmp_path / "s.jsonl", 40), tmp_path / "s", settings)
    large, n_large = _peak(_corpus(tmp_path / "l.jsonl", 160), tmp_path / "l", settings)
    assert (n_small, n_large) == (40, 160)
    # 120 more article graphs of ~100-400 triples: kept as rdflib graphs they would take tens
    # of MB; only counts, keys and manifest entries (well under 1 kB each) may grow
    assert large - small < 1_000_000, (small, large)


_CHILD = """
import resource, sys
from pathlib import Path
from kg.batch import StoreSink, build_batch
from kg.settings import Settings
from kg.store import open_store
settings = Settings(model=sys.argv[1])
with open_store(Path(sys.argv[3])) as s:
    summary = build_batch([Path(sys.argv[2])], settings, StoreSink(s, settings), workers_count=1)
print(summary.written, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_rss(corpus: Path, store: Path, model: str) -> tuple[int, int]:
    """(graphs written, peak resident KiB) of a build in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, model, str(corpus), str(store)],
        capture_output=True,
        text=True,
        check=True,
    )
    written, peak = done.stdout.split()
    return int(written), int(peak)


@pytest.mark.slow  # two builds of 100 and 1,500 small articles in child processes
def test_resident_memory_does_not_grow_with_the_number_of_articles(
    tmp_path: Path, blank_model: str
) -> None:
    small, small_kib = _peak_rss(_corpus(tmp_path / "s.jsonl", 100), tmp_path / "s", blank_model)
    large, large_kib = _peak_rss(_corpus(tmp_path / "l.jsonl", 1500), tmp_path / "l", blank_model)
    assert (small, large) == (100, 1500)
    # measured: +22 MB (bounded caches filling: folded names, name keys, spaCy's string
    # store); without the store flushes RocksDB's buffers add about 0.05 MB per graph more
    assert large_kib - small_kib < 45 * 1024, (small_kib, large_kib)
