"""Running the extraction over a stream of articles, in this process or in a pool.

``workers=1`` runs in the calling process with one :class:`~kg.extract.Extractor`.
``workers>1`` starts that many processes (``spawn`` context: no forked spaCy or RocksDB
state), each loading the spaCy pipeline once in its initializer; the parent sends
:class:`~kg.model.Article` values and gets :class:`~kg.batch.outcome.Outcome` values back
(N-Quads bytes, never spaCy Docs). At most ``4 * workers`` articles are in flight, and
outcomes come back in input order, so the output does not depend on the number of workers
or on timing.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from kg.batch.outcome import Outcome, build_outcome
from kg.batch.sources import Item
from kg.errors import KgError
from kg.model import Article
from kg.settings import Settings

if TYPE_CHECKING:
    from kg.extract import Extractor

#: (article) -> an outcome to use instead of building it (an unchanged article), or None.
Check = Callable[[Article, str], Outcome | None]

_EXTRACTOR: Extractor | None = None
_SETTINGS: Settings | None = None


def default_workers(total: int | None) -> int:
    """The cores, when the batch is big enough to pay for loading one model per process
    (about a second each): at least 8 articles per worker; 1 for small batches."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = max(1, cores or 1)
    if total is None:
        return cores
    return max(1, min(cores, total // 8))


def _init_worker(settings: Settings) -> None:
    global _EXTRACTOR, _SETTINGS
    from kg.extract import Extractor

    _SETTINGS = settings
    _EXTRACTOR = Extractor(settings)


def _work(article: Article, source: str) -> Outcome:
    assert _EXTRACTOR is not None and _SETTINGS is not None
    return build_outcome(article, source, _EXTRACTOR, _SETTINGS)


def run(
    items: Iterable[Item],
    settings: Settings,
    *,
    workers: int = 1,
    check: Check | None = None,
) -> Iterator[Outcome]:
    """Build every item, yielding one outcome per item in input order.

    Args:
        items: the articles (or their read errors).
        settings: the run's settings (model, base IRI, linking, validation).
        workers: processes to extract in; 1 runs here.
        check: called before an article is built; an outcome it returns is used instead.

    Raises:
        ConfigError: the spaCy model is not installed.
    """
    if workers <= 1:
        yield from _serial(items, settings, check)
    else:
        yield from _parallel(items, settings, workers, check)


def _pre(item: Item, check: Check | None) -> Outcome | None:
    if item.error is not None or item.article is None:
        error = item.error or KgError("KG200", f"{item.source}: no article")
        return Outcome.failed(item.source, error)
    return check(item.article, item.source) if check is not None else None


def _serial(items: Iterable[Item], settings: Settings, check: Check | None) -> Iterator[Outcome]:
    extractor: Extractor | None = None
    for item in items:
        done = _pre(item, check)
        if done is not None:
            yield done
            continue
        assert item.article is not None
        if extractor is None:  # loaded at the first article to build, once per run
            from kg.extract import Extractor

            extractor = Extractor(settings)
        yield build_outcome(item.article, item.source, extractor, settings)


def _parallel(
    items: Iterable[Item], settings: Settings, workers: int, check: Check | None
) -> Iterator[Outcome]:
    window = 4 * workers
    pending: deque[Outcome | Future[Outcome]] = deque()
    pool: ProcessPoolExecutor | None = None
    try:
        for item in items:
            done = _pre(item, check)
            if done is not None:
                pending.append(done)
            else:
                assert item.article is not None
                if pool is None:
                    pool = ProcessPoolExecutor(
                        max_workers=workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker,
                        initargs=(settings,),
                    )
                pending.append(pool.submit(_work, item.article, item.source))
            while pending and (len(pending) > window or not isinstance(pending[0], Future)):
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _result(entry: Outcome | Future[Outcome]) -> Outcome:
    return entry.result() if isinstance(entry, Future) else entry
