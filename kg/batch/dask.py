"""The same extraction on a Dask cluster: a bag of articles, one N-Quads shard per partition,
then one bulk load into the store.

Needs the optional extra ``newskg[dask]`` (dask and distributed). Python API::

    from kg.batch.dask import build_on_dask
    summary = build_on_dask(["corpus.jsonl"], settings, scheduler="tcp://head:8786",
                            store_path=Path("kg-store"), shard_dir=Path("/shared/shards"))

How it runs:

1. the client reads the articles (lazily, as for a local build), leaves out the unchanged
   ones (the store's manifest) and makes a ``dask.bag`` of the others in ``partitions``
   partitions (default: 4 per worker thread);
2. each partition runs on a worker: the worker process loads the spaCy pipeline once (cached
   per process and settings) and builds every article exactly as ``kg build`` does
   (:func:`kg.batch.outcome.build_outcome`), writes the conforming graphs and their shares of
   the Wikidata graph to ``shard_dir/part-NNNNN.nq`` and returns the outcomes without their
   quads;
3. the client drops the old graphs of the rebuilt articles, bulk-loads every shard
   (Oxigraph's bulk loader: fast, not transactional), merges and prunes the shared Wikidata
   graph (:func:`kg.store.refresh_shared_graph`) and saves the manifest.

``shard_dir`` must be readable by the client at the same path (a shared file system); the
shards are plain sorted N-Quads, so they load as well into Jena TDB2 or Virtuoso (see
``docs/scale.md``). Without ``shard_dir`` a temporary folder is used (which only works when
the workers share the client's file system, as with a ``LocalCluster``) and removed after
loading.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.batch import sources
from kg.batch.build import StoreSink, Summary
from kg.batch.outcome import Outcome, build_outcomes
from kg.errors import ConfigError, KgError, ServiceError
from kg.model import Article
from kg.settings import Settings

_EXTRACTORS: dict[Settings, Any] = {}


def _extractor(settings: Settings) -> Any:
    if settings not in _EXTRACTORS:
        from kg.extract import Extractor

        _EXTRACTORS[settings] = Extractor(settings)
    return _EXTRACTORS[settings]


def build_partition(
    items: list[tuple[int, Article, str]], settings: Settings, shard_dir: str
) -> list[Outcome]:
    """Build one partition on a worker; write its shard; return the slim outcomes."""
    if not items:
        return []
    extractor = _extractor(settings)
    outcomes = build_outcomes(
        [(article, source) for _, article, source in items], extractor, settings
    )
    lines: set[bytes] = set()
    for o in outcomes:
        if o.status == "built" and o.conforms:
            for data in (o.nquads, o.wikidata):
                lines.update(line for line in data.splitlines() if line)
    shard = Path(shard_dir) / f"part-{items[0][0]:07d}.nq"
    tmp = shard.with_suffix(".nq.tmp")
    tmp.write_bytes(b"".join(line + b"\n" for line in sorted(lines)))
    tmp.replace(shard)
    return [replace(o, nquads=b"", wikidata=b"") for o in outcomes]


def _client(scheduler: Any) -> Any:
    try:
        from distributed import Client
    except ModuleNotFoundError as e:
        raise ConfigError(
            "KG106", "--dask-scheduler needs dask and distributed: pip install 'newskg[dask]'"
        ) from e
    if not isinstance(scheduler, str):
        return Client(scheduler, set_as_default=False)
    try:
        return Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise ServiceError("KG402", f"cannot reach the Dask scheduler {scheduler}: {e}") from e


def build_on_dask(
    paths: Iterable[Path | str],
    settings: Settings,
    *,
    scheduler: Any,
    store_path: Path,
    rebuild: bool = False,
    partitions: int | None = None,
    shard_dir: Path | None = None,
) -> Summary:
    """Build ``paths`` on a Dask cluster into the store at ``store_path``.

    Args:
        paths: files, folders or ``-``.
        settings: the run's settings (sent to the workers).
        scheduler: the scheduler's address (``tcp://HOST:8786``) or a ``LocalCluster``.
        store_path: the store to load into (created if missing).
        rebuild: rebuild unchanged articles too.
        partitions: number of partitions (default: 4 per worker thread).
        shard_dir: where the shards go (kept); default a temporary folder (removed).

    Raises:
        ConfigError: dask is not installed (KG106).
        ServiceError: the scheduler cannot be reached (KG402).
    """
    import dask.bag as db

    from kg.store import open_store, refresh_shared_graph

    files = sources.expand(paths)
    summary = Summary()
    seen: dict[str, str] = {}
    todo: list[tuple[int, Article, str]] = []
    with open_store(store_path) as store:
        sink = StoreSink(store, settings, rebuild=rebuild)
        for n, item in enumerate(sources.iter_items(files)):
            if item.article is None:
                summary.add(
                    Outcome.failed(item.source, item.error or KgError("KG200", "no article"))
                )
                continue
            first = seen.setdefault(item.article.key, item.source)
            if first != item.source:
                from kg.batch.build import _duplicate

                summary.add(
                    Outcome.failed(item.source, _duplicate(item.source, first), item.article)
                )
                continue
            unchanged = sink.check(item.article, item.source)
            if unchanged is not None:
                summary.add(unchanged)
                continue
            todo.append((n, item.article, item.source))
        if not todo:
            return summary
        keep = shard_dir is not None
        folder = (
            Path(shard_dir)
            if shard_dir is not None
            else Path(tempfile.mkdtemp(prefix="kg-shards-"))
        )
        folder.mkdir(parents=True, exist_ok=True)
        client = _client(scheduler)
        try:
            threads = sum(client.nthreads().values()) or 1
            count = partitions or min(len(todo), 4 * threads)
            bag = db.from_sequence(todo, npartitions=count)
            outcomes: list[Outcome] = bag.map_partitions(
                build_partition, settings, str(folder)
            ).compute(scheduler=client)
            built = [o for o in outcomes if o.status == "built" and o.conforms]
            for o in built:
                store.remove_graph(o.graph_iri)
            for shard in sorted(folder.glob("part-*.nq")):
                store.bulk_load(shard, "nquads")
            refresh_shared_graph(store, sink.shared_iri)
            for o in built:
                sink.record(o)
            sink.manifest.save()
            for o in outcomes:
                summary.add(o)
        finally:
            client.close()
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    return summary
