"""Batched parsing (articles in chunks through one ``nlp.pipe`` call) and the per-article
time limit of ``kg build``."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from kg.batch import FileSink, build_batch, workers
from kg.batch.deadline import ArticleTimeout, deadline
from kg.batch.outcome import build_outcomes
from kg.batch.sources import Item
from kg.errors import InputError
from kg.extract import Extractor
from kg.extract import extractor as extractor_module
from kg.extract.sentences import doc_text
from kg.extract.steps import load_steps
from kg.ingest import parse_article, read_article
from kg.model import Article, Extraction
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = sorted((ROOT / "tests" / "data").glob("*.txt"))
SETTINGS = Settings()
STALL = "Zyxwvut"  # a word no real article holds: the step below loops on it
FRENCH = (
    "---\ntitle: x\n---\nLes forces gouvernementales ont bombardé la ville pendant la nuit, "
    "selon des habitants qui ont fui vers le nord. Le ministère a démenti toute attaque "
    "contre les civils et a accusé les rebelles de mentir sur le nombre de victimes dans la "
    "région, où les combats continuent depuis des semaines.\n"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(SETTINGS)


def _stalling_step(doc, extraction: Extraction) -> None:  # type: ignore[no-untyped-def]
    """An endless loop on one article, like the rule bugs the limit is there for."""
    while STALL in extraction.article.body:
        pass


def _stalling(name: str) -> Article:
    return parse_article(
        f"---\ntitle: {name}\n---\nFighters attacked the town of {STALL} on Monday, killing "
        "at least four civilians, the local council said in a statement on Tuesday.\n"
    )


def test_deadline_interrupts_a_loop_and_restores_the_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    with pytest.raises(ArticleTimeout, match="0.2 s"), deadline(0.2):
        while True:
            pass
    assert 0.15 < time.monotonic() - start < 5
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with deadline(None):  # no limit
        time.sleep(0.01)


def test_deadline_is_a_no_op_outside_the_main_thread() -> None:
    done: list[bool] = []

    def work() -> None:
        with deadline(0.01):
            time.sleep(0.1)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


def test_parse_many_gives_the_docs_of_one_parse_per_article(extractor: Extractor) -> None:
    articles = [read_article(p) for p in HELD_OUT[:3]]
    articles.insert(1, parse_article(FRENCH))
    docs = extractor.parse_many(articles, batch_size=2)
    assert isinstance(docs[1], InputError) and docs[1].code == "KG208"
    for article, doc in zip(articles, docs, strict=True):
        if isinstance(doc, InputError):
            continue
        alone = extractor.nlp(article.body)
        assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in doc] == [
            (t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in alone
        ]
        # the text recorded for the post-steps (not joined from the tokens) is the Doc's own
        assert doc_text(doc) == doc.text == article.body
        assert doc_text(extractor.parse(article)) == article.body


def test_a_failing_batched_parse_falls_back_to_one_parse_per_article(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [read_article(p) for p in HELD_OUT[:2]]
    pairs = [(a, f"a{n}.txt") for n, a in enumerate(articles)]
    expected = build_outcomes(pairs, extractor, SETTINGS)

    def broken(*_args, **_kw):  # type: ignore[no-untyped-def]
        raise RuntimeError("a batch that spaCy cannot take")

    monkeypatch.setattr(extractor, "parse_many", broken)
    got = build_outcomes(pairs, extractor, SETTINGS)
    assert [o.status for o in got] == ["built", "built"]
    assert [o.nquads for o in got] == [o.nquads for o in expected]


@pytest.mark.parametrize("chunk", [1, 2, 16])
def test_outcomes_keep_input_order_whatever_the_chunk_size(chunk: int) -> None:
    good = [read_article(p) for p in HELD_OUT[:3]]
    items = [
        Item(source="a.txt", article=good[0]),
        Item(source="bad.txt", error=InputError("KG206", "bad.txt: empty")),
        Item(source="b.txt", article=good[1]),
        Item(source="fr.txt", article=parse_article(FRENCH)),
        Item(source="c.txt", article=good[2]),
    ]

    def check(article: Article, source: str):  # type: ignore[no-untyped-def]
        return None

    outcomes = list(workers.run(items, SETTINGS, check=check, chunk=chunk))
    assert [o.source for o in outcomes] == [i.source for i in items]
    assert [o.status for o in outcomes] == ["built", "skipped", "built", "skipped", "built"]


def test_chunk_size_shares_small_batches_between_workers() -> None:
    assert workers.chunk_size(None, 2) == workers.CHUNK
    assert workers.chunk_size(5000, 1) == workers.CHUNK
    assert workers.chunk_size(5000, 2) == workers.CHUNK
    assert workers.chunk_size(40, 2) == 5
    assert workers.chunk_size(3, 2) == 1


def test_an_article_over_the_time_limit_is_skipped_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extractor_module, "load_steps", lambda: [*load_steps(), _stalling_step])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(HELD_OUT[0].read_bytes())
    (folder / "b-stall.txt").write_text(_stalling("stall").body, encoding="utf-8")
    (folder / "c.txt").write_bytes(HELD_OUT[1].read_bytes())
    start = time.monotonic()
    summary = build_batch([folder], SETTINGS, FileSink(), workers_count=1, timeout=2)
    assert time.monotonic() - start < 60
    assert summary.written == 2
    assert [(Path(s).name, code) for s, code, _ in summary.skipped] == [("b-stall.txt", "KG215")]
    assert "longer than 2 s" in summary.skipped[0][2]


def test_the_time_limit_holds_in_a_worker_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a pool process runs (its initializer, then chunks), run here in the main thread."""
    monkeypatch.setattr(extractor_module, "load_steps", lambda: [*load_steps(), _stalling_step])
    workers._init_worker(SETTINGS, 1.0)
    try:
        outcomes = workers._work([(read_article(HELD_OUT[0]), "a.txt"), (_stalling("s"), "s.txt")])
    finally:
        workers._EXTRACTOR = workers._SETTINGS = workers._TIMEOUT = None
    assert [o.status for o in outcomes] == ["built", "skipped"]
    assert outcomes[1].error is not None and outcomes[1].error[0] == "KG215"
