"""A batch build: articles -> outcomes -> a store (or a file), streaming, with a summary.

:func:`build_batch` reads the articles lazily, skips the unchanged ones (incremental builds,
see :mod:`kg.batch.manifest`), builds the others in one or more processes
(:mod:`kg.batch.workers`) and hands each outcome to a sink as it arrives, keeping only
counts: memory stays flat in the number of articles. Sinks:

- :class:`StoreSink` writes each conforming article graph into its named graph. The graph
  of an article already in the store is replaced at once, in one transaction (the old graph
  or the new one, never a mix); new graphs wait for the next checkpoint and go in with one
  bulk load (:meth:`kg.store.OxigraphStore.add_new_graphs`: about 2 ms per article graph
  against 5 for one transaction each, in a store of 2,000 articles). At each checkpoint
  (every :data:`CHECKPOINT_EVERY` graphs, :data:`CHECKPOINT_BYTES` of waiting N-Quads or
  :data:`CHECKPOINT_SECONDS`, and at the end) the sink waits for the previous checkpoint's
  load, merges the stored articles' shares of the shared Wikidata graph
  (:func:`kg.store.refresh_shared_graph`), flushes the store to disk (without which
  RocksDB's buffers grow with every graph), saves the manifest, which lists only graphs
  that are in the store whole, and starts loading the graphs waiting since: in a thread,
  since Oxigraph loads and flushes without Python's lock, while the next articles are
  built (the store is still written by one writer at a time);
- :class:`FileSink` collects the N-Quads for one output file (``kg build --out``; the file
  is written whole, so it is meant for small builds; big ones go to a store, then
  ``kg publish``).

A bad article (unreadable, empty, not English, a duplicate key, or an internal error on it)
is reported in the summary with its reason and the rest of the batch goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from kg.batch import sources, workers
from kg.batch.deadline import DEFAULT_TIMEOUT
from kg.batch.manifest import Manifest, extraction_version
from kg.batch.outcome import Outcome
from kg.model import Article
from kg.model.iri import Minter
from kg.settings import Settings
from kg.store import OxigraphStore, refresh_shared_graph

#: checkpoint (shared graph merged, manifest saved) after this many written graphs
CHECKPOINT_EVERY = 200
#: ... or this many seconds after the last one, so that kill -9 loses a few seconds of work at
#: most ($KG_CHECKPOINT_SECONDS overrides it). Measured on 300 news articles: 38.1 s with a
#: checkpoint every 60 s, 36.5 s every 5 s (noise), the store and manifest byte-identical.
CHECKPOINT_SECONDS = 5.0
#: ... or when the new graphs waiting for their bulk load hold this many bytes of N-Quads
CHECKPOINT_BYTES = 32 * 1024 * 1024


def _checkpoint_seconds() -> float:
    """:data:`CHECKPOINT_SECONDS`, or ``$KG_CHECKPOINT_SECONDS`` when set to a number > 0."""
    try:
        value = float(os.environ.get("KG_CHECKPOINT_SECONDS", CHECKPOINT_SECONDS))
    except ValueError:
        return CHECKPOINT_SECONDS
    return value if value > 0 else CHECKPOINT_SECONDS


@dataclass(slots=True)
class Summary:
    """Counts of a batch (no per-article data besides the skipped ones' reasons)."""

    articles: int = 0
    written: int = 0
    unchanged: int = 0
    nonconforming: int = 0
    entities: int = 0
    events: int = 0
    triples: int = 0
    violations: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (source, code, message)

    def add(self, outcome: Outcome) -> None:
        self.articles += 1
        self.words += outcome.words
        if outcome.status == "unchanged":
            self.unchanged += 1
            return
        if outcome.status == "skipped":
            code, message = outcome.error or ("KG200", "skipped")
            self.skipped.append((outcome.source, code, message))
            return
        self.entities += outcome.entities
        self.events += outcome.events
        self.violations += len(outcome.problems)
        if outcome.conforms:
            self.written += 1
            self.triples += outcome.triples
        else:
            self.nonconforming += 1


class Sink(Protocol):
    def check(self, article: Article, source: str) -> Outcome | None: ...

    def add(self, outcome: Outcome) -> None: ...

    def finish(self) -> None: ...


class StoreSink:
    """Writes outcomes into an Oxigraph store (see the module docstring).

    Args:
        store: the open, writable store.
        settings: the run's settings (base IRI, extraction version).
        rebuild: build every article even when unchanged.
    """

    def __init__(self, store: OxigraphStore, settings: Settings, *, rebuild: bool = False) -> None:
        self.store = store
        self.rebuild = rebuild
        self.minter = Minter(settings.base_iri)
        self.shared_iri = self.minter.graph("wikidata")
        self.version = extraction_version(settings)
        self.manifest = Manifest(store.path)
        self.present = set(store.graphs())
        self.contributions: set[bytes] = set()
        self.waiting: dict[str, Outcome] = {}  # new graphs, loaded at the next checkpoint
        self.waiting_bytes = 0
        self.since = 0
        self.last = time.monotonic()
        self.every_seconds = _checkpoint_seconds()
        # the bulk load in flight (see checkpoint), the graphs it loads, and its error
        self._loading: threading.Thread | None = None
        self._loaded: list[Outcome] = []
        self._load_error: BaseException | None = None
        self._broken = False  # a load failed: nothing more is written

    def check(self, article: Article, source: str) -> Outcome | None:
        iri = self.minter.graph(article.key)
        if self.rebuild or iri not in self.present:
            return None
        if not self.manifest.unchanged(iri, article.content_hash, self.version):
            return None
        return Outcome(
            source=source,
            key=article.key,
            graph_iri=iri,
            content_hash=article.content_hash,
            words=len(article.body.split()),
            status="unchanged",
        )

    def add(self, outcome: Outcome) -> None:
        if outcome.status != "built" or not outcome.conforms:
            return
        iri = outcome.graph_iri
        if iri in self.present and iri not in self.waiting:
            self._join_load()  # one writer at a time (the graph may even be in that load)
            self.store.replace_graph(iri, outcome.nquads)
            self._stored(outcome)
        else:
            self.waiting[iri] = outcome
            self.waiting_bytes += len(outcome.nquads)
            self.present.add(iri)
        self.since += 1
        if (
            self.since >= CHECKPOINT_EVERY
            or self.waiting_bytes >= CHECKPOINT_BYTES
            or time.monotonic() - self.last > self.every_seconds
        ):
            self.checkpoint()

    def _stored(self, outcome: Outcome) -> None:
        self.contributions.update(line for line in outcome.wikidata.splitlines() if line)
        self.record(outcome)

    def _start_load(self) -> None:
        """Bulk-load the waiting graphs in a thread, then flush them to disk: Oxigraph does
        both without Python's lock, so the next articles are built meanwhile."""
        waiting, self.waiting, self.waiting_bytes = list(self.waiting.values()), {}, 0
        if not waiting or self._broken:
            return
        quads = [(o.graph_iri, o.nquads) for o in waiting]
        for outcome in waiting:  # the load holds their N-Quads, and lets go once loaded
            outcome.nquads = b""

        def load() -> None:
            try:
                self.store.add_new_graphs(quads)
                self.store.flush()
            except BaseException as e:  # noqa: BLE001 - raised again in the building thread
                self._load_error = e
            finally:
                quads.clear()

        self._loaded = waiting
        self._loading = threading.Thread(target=load, name="newskg-store-load")
        self._loading.start()

    def _join_load(self) -> None:
        """Wait for the load in flight: its graphs are then stored (recorded, their shares
        of the shared graph merged at the next save), or its error is raised."""
        if self._loading is None:
            return
        self._loading.join()
        loaded, error = self._loaded, self._load_error
        self._loading, self._loaded, self._load_error = None, [], None
        if error is not None:
            self._broken = True
            raise error
        for outcome in loaded:
            self._stored(outcome)

    def record(self, outcome: Outcome) -> None:
        """Note a stored article in the manifest (saved at the next checkpoint)."""
        self.manifest.record(
            outcome.graph_iri,
            content_hash=outcome.content_hash,
            version=self.version,
            source=outcome.source,
            triples=outcome.triples,
        )

    def checkpoint(self) -> None:
        """Settle the load started at the previous checkpoint, then start loading the new
        graphs waiting since, in the background (:meth:`_start_load`)."""
        self._settle()
        self._start_load()

    def _settle(self) -> None:
        """Wait for the load in flight, merge the shared graph, flush, then save the manifest
        (in that order: see the module docstring of :mod:`kg.batch.manifest`). When the load
        failed, the graphs stored before are still merged and recorded, then its error is
        raised and nothing more is written."""
        try:
            self._join_load()
        finally:
            self._merge_and_save()

    def _merge_and_save(self) -> None:
        if self.contributions:
            data = b"\n".join(sorted(self.contributions)) + b"\n"
            refresh_shared_graph(self.store, self.shared_iri, data)
            self.contributions.clear()
        self.store.flush()  # keeps memory flat (see OxigraphStore.flush), data on disk first
        self.manifest.save()
        self.since = 0
        self.last = time.monotonic()

    def finish(self) -> None:
        """The last checkpoint: the load in flight and the graphs still waiting are both
        stored before the one merge of the shared graph, flush and save of the manifest."""
        try:
            self._join_load()
            self._start_load()
            self._join_load()
        finally:
            self._merge_and_save()


class FileSink:
    """Collects the conforming graphs' N-Quads for one output file."""

    def __init__(self) -> None:
        self.lines: set[bytes] = set()
        self.written = 0

    def check(self, article: Article, source: str) -> Outcome | None:
        return None

    def add(self, outcome: Outcome) -> None:
        if outcome.status != "built" or not outcome.conforms:
            return
        self.written += 1
        for data in (outcome.nquads, outcome.wikidata):
            self.lines.update(line for line in data.splitlines() if line)

    def finish(self) -> None:
        pass

    def nquads(self) -> bytes:
        """Every collected quad, lines sorted."""
        return b"".join(line + b"\n" for line in sorted(self.lines))


def build_batch(
    paths: Iterable[Path | str],
    settings: Settings,
    sink: Sink,
    *,
    workers_count: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_outcome: Callable[[Outcome, Summary, int | None], None] | None = None,
    stdin: IO[str] | None = None,
) -> Summary:
    """Build every article under ``paths`` into ``sink``.

    Args:
        paths: files, folders or ``-`` (JSON Lines on stdin).
        settings: the run's settings.
        sink: where the graphs go.
        workers_count: extraction processes (default :func:`kg.batch.workers.default_workers`).
        timeout: seconds one article may take to build before it is skipped (KG215); ``None``
            for no limit (see :mod:`kg.batch.deadline`).
        on_outcome: called after each article with ``(outcome, summary so far, total)``.
        stdin: the stream ``-`` reads (default ``sys.stdin``).

    Raises:
        InputError: a path is missing or a folder holds no article (before any work).
        ConfigError: the spaCy model is not installed.
        StoreError: the store cannot be written.
    """
    files = sources.expand(paths)
    total = sources.count(files)
    n = workers_count if workers_count else workers.default_workers(total)
    summary = Summary()
    seen: dict[str, str] = {}
    start = time.monotonic()

    def check(article: Article, source: str) -> Outcome | None:
        first = seen.setdefault(article.key, source)
        if first != source:
            return Outcome.failed(
                source,
                _duplicate(source, first),
                article,
            )
        return sink.check(article, source)

    try:
        for outcome in workers.run(
            sources.iter_items(files, stdin=stdin),
            settings,
            workers=n,
            check=check,
            timeout=timeout,
            chunk=workers.chunk_size(total, n),
        ):
            sink.add(outcome)
            summary.add(outcome)
            summary.seconds = time.monotonic() - start
            if on_outcome is not None:
                on_outcome(outcome, summary, total)
    finally:
        sink.finish()
    summary.seconds = time.monotonic() - start
    return summary


def _duplicate(source: str, first: str):  # noqa: ANN202 - InputError
    from kg.errors import InputError

    return InputError(
        "KG214", f"{source}: same article key (same url, or same text) as {first}; left out"
    )
