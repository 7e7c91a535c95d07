"""Memory stays flat in the number of articles: nothing per article is kept but counts."""

from __future__ import annotations

import json
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
    tmp_path: Path, blank_model: str
) -> None:
    settings = Settings(model=blank_model)
    _peak(_corpus(tmp_path / "warm.jsonl", 5), tmp_path / "warm", settings)  # caches, lexicons
    small, n_small = _peak(_corpus(tmp_path / "s.jsonl", 40), tmp_path / "s", settings)
    large, n_large = _peak(_corpus(tmp_path / "l.jsonl", 160), tmp_path / "l", settings)
    assert (n_small, n_large) == (40, 160)
    # 120 more article graphs of ~100-400 triples: kept as rdflib graphs they would take tens
    # of MB; only counts, keys and manifest entries (well under 1 kB each) may grow
    assert large - small < 1_000_000, (small, large)
