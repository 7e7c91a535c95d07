"""Running the extraction over a stream of articles, in this process or in a pool.

Articles are built in chunks of up to ``chunk`` (default :data:`CHUNK`) whose bodies are
parsed in one ``nlp.pipe`` call (:func:`kg.batch.outcome.build_outcomes`); the outcomes of
articles that need no build (unchanged, unreadable) keep their place among them.
``workers=1`` runs in the calling process with one :class:`~kg.extract.Extractor`.
``workers>1`` starts that many processes (``spawn`` context: no forked spaCy or RocksDB
state), each loading the spaCy pipeline once in its initializer; the parent sends chunks of
:class:`~kg.model.Article` values and gets :class:`~kg.batch.outcome.Outcome` values back
(N-Quads bytes, never spaCy Docs). At most ``2 * workers`` chunks are in flight, and
outcomes come back in input order, so the output does not depend on the number of workers,
the chunk size or timing. Each article's build has a time limit (``timeout``, see
:mod:`kg.batch.deadline`).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from kg.batch.deadline import DEFAULT_TIMEOUT
from kg.batch.outcome import Outcome, build_outcomes, tune_collector
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
_TIMEOUT: float | None = None

#: articles per chunk (parsed in one ``nlp.pipe`` call): see ``kg.extract.extractor.PARSE_BATCH``
CHUNK = 16


def default_workers(total: int | None) -> int:
    """The cores, when the batch is big enough to pay for loading one model per process
    (about a second each): at least 8 articles per worker; 1 for small batches."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = max(1, cores or 1)
    if total is None:
        return cores
    return max(1, min(cores, total // 8))


def chunk_size(total: int | None, workers: int) -> int:
    """Articles per chunk: :data:`CHUNK`, or fewer when the batch is small, so that every
    worker gets at least four chunks to share the load."""
    if total is None or workers <= 1:
        return CHUNK
    return max(1, min(CHUNK, total // (4 * workers)))


#: seconds between a worker's checks that its parent is alive
ORPHAN_POLL = 0.5


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone.

    A pool's workers outlive a parent killed with SIGKILL (no cleanup runs there): they and
    the resource tracker whose pipe they hold stayed alive for ever, about 210 MB each. A
    daemon thread watches the parent's pid: once this process has been re-parented (or the
    parent no longer exists), it exits at once, without cleanup, as its parent did.
    """

    def watch() -> None:
        while True:
            time.sleep(ORPHAN_POLL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="kg-orphan-watch", daemon=True).start()


def _init_worker(settings: Settings, timeout: float | None, parent: int | None = None) -> None:
    global _EXTRACTOR, _SETTINGS, _TIMEOUT
    from kg.extract import Extractor

    if parent is not None:
        _exit_with_parent(parent)
    _SETTINGS = settings
    _TIMEOUT = timeout
    tune_collector()
    _EXTRACTOR = Extractor(settings)


def _work(pairs: list[tuple[Article, str]]) -> list[Outcome]:
    assert _EXTRACTOR is not None and _SETTINGS is not None
    return build_outcomes(pairs, _EXTRACTOR, _SETTINGS, timeout=_TIMEOUT)


class _Chunk:
    """Consecutive items: outcomes already known, and the articles to build, in order."""

    def __init__(self) -> None:
        self.entries: list[Outcome | tuple[Article, str]] = []
        self.todo: list[tuple[Article, str]] = []
        self.future: Future[list[Outcome]] | None = None
        self.built: list[Outcome] | None = None

    def add(self, entry: Outcome | tuple[Article, str]) -> None:
        self.entries.append(entry)
        if not isinstance(entry, Outcome):
            self.todo.append(entry)

    def settled(self) -> bool:
        """Its outcomes can be had without waiting."""
        return self.future.done() if self.future is not None else True

    def outcomes(self) -> list[Outcome]:
        built = iter(self.future.result() if self.future is not None else self.built or [])
        return [e if isinstance(e, Outcome) else next(built) for e in self.entries]


def run(
    items: Iterable[Item],
    settings: Settings,
    *,
    workers: int = 1,
    check: Check | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    chunk: int = CHUNK,
) -> Iterator[Outcome]:
    """Build every item, yielding one outcome per item in input order.

    Args:
        items: the articles (or their read errors).
        settings: the run's settings (model, base IRI, linking, validation).
        workers: processes to extract in; 1 runs here.
        check: called before an article is built; an outcome it returns is used instead.
        timeout: seconds one article may take to build (None: no limit).
        chunk: articles parsed together (see the module docstring).

    Raises:
        ConfigError: the spaCy model is not installed.
    """
    if workers <= 1:
        yield from _serial(items, settings, check, timeout, chunk)
    else:
        yield from _parallel(items, settings, workers, check, timeout, chunk)


def _pre(item: Item, check: Check | None) -> Outcome | tuple[Article, str]:
    if item.error is not None or item.article is None:
        error = item.error or KgError("KG200", f"{item.source}: no article")
        return Outcome.failed(item.source, error)
    done = check(item.article, item.source) if check is not None else None
    return done if done is not None else (item.article, item.source)


def _chunks(items: Iterable[Item], check: Check | None, chunk: int) -> Iterator[_Chunk]:
    """The items cut into chunks of at most ``chunk`` articles to build; a run of known
    outcomes is yielded as soon as it ends, so that an unchanged batch streams."""
    current = _Chunk()
    for item in items:
        entry = _pre(item, check)
        if isinstance(entry, Outcome) and not current.todo:
            current.add(entry)
            yield current
            current = _Chunk()
            continue
        current.add(entry)
        if len(current.todo) >= chunk:
            yield current
            current = _Chunk()
    if current.entries:
        yield current


def _serial(
    items: Iterable[Item],
    settings: Settings,
    check: Check | None,
    timeout: float | None,
    chunk: int,
) -> Iterator[Outcome]:
    extractor: Extractor | None = None
    for part in _chunks(items, check, chunk):
        if part.todo:
            if extractor is None:  # loaded at the first article to build, once per run
                from kg.extract import Extractor

                tune_collector()
                extractor = Extractor(settings)
            part.built = build_outcomes(part.todo, extractor, settings, timeout=timeout)
        yield from part.outcomes()


def _parallel(
    items: Iterable[Item],
    settings: Settings,
    workers: int,
    check: Check | None,
    timeout: float | None,
    chunk: int,
) -> Iterator[Outcome]:
    window = 2 * workers
    pending: deque[_Chunk] = deque()
    pool: ProcessPoolExecutor | None = None
    try:
        for part in _chunks(items, check, chunk):
            if part.todo:
                if pool is None:
                    pool = ProcessPoolExecutor(
                        max_workers=workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker,
                        initargs=(settings, timeout, os.getpid()),
                    )
                part.future = pool.submit(_work, part.todo)
            pending.append(part)
            while pending and (len(pending) > window or pending[0].settled()):
                yield from pending.popleft().outcomes()
        while pending:
            yield from pending.popleft().outcomes()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
